export const JSON_MEDIA_TYPE = 'application/json';
export const FORM_MEDIA_TYPE = 'application/x-www-form-urlencoded';

/** The media type of a Content-Type header, lower-cased, without parameters (charset, boundary). */
export function mediaTypeOf(contentType: string | undefined): string {
  if (!contentType) return '';
  const semicolon = contentType.indexOf(';');
  return (semicolon === -1 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
}

export function isAcceptedBody(contentType: string | undefined): boolean {
  const type = mediaTypeOf(contentType);
  return type === JSON_MEDIA_TYPE || type === FORM_MEDIA_TYPE;
}

export function isFormBody(contentType: string | undefined): boolean {
  return mediaTypeOf(contentType) === FORM_MEDIA_TYPE;
}

/**
 * HTML when Accept names text/html before application/json; JSON when it names only JSON; otherwise
 * (no Accept, or a wildcard) the answer follows the body: a browser form post gets a page back.
 * Order-based, q-values are not weighed: browsers list text/html first, API clients list JSON.
 */
export function wantsHtml(accept: string | undefined, isForm: boolean): boolean {
  if (!accept) return isForm;
  const html = accept.indexOf('text/html');
  const json = accept.indexOf(JSON_MEDIA_TYPE);
  if (html === -1) return json === -1 ? isForm : false;
  return json === -1 || html < json;
}
