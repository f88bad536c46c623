/** What media the channel keeps. Twilio caps an MMS at 5 MB; recordings are audio. */
export interface MediaLimits {
  readonly maxBytes: number;
  /** Exact types (`image/jpeg`) or families (`image/*`). */
  readonly allowedTypes: readonly string[];
}

export const DEFAULT_MEDIA_LIMITS: MediaLimits = {
  maxBytes: 5 * 1024 * 1024,
  allowedTypes: ['image/*', 'audio/*', 'video/*', 'application/pdf', 'text/vcard', 'text/x-vcard', 'text/plain'],
};

export function isAllowedType(contentType: string, limits: MediaLimits): boolean {
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return limits.allowedTypes.some((allowed) =>
    allowed.endsWith('/*') ? type.startsWith(allowed.slice(0, -1)) : type === allowed.toLowerCase(),
  );
}

const EXTENSIONS: Readonly<Record<string, string>> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/heic': 'heic',
  'audio/mpeg': 'mp3',
  'audio/wav': 'wav',
  'audio/x-wav': 'wav',
  'audio/amr': 'amr',
  'video/mp4': 'mp4',
  'video/3gpp': '3gp',
  'application/pdf': 'pdf',
  'text/vcard': 'vcf',
  'text/x-vcard': 'vcf',
  'text/plain': 'txt',
};

/** A file name for an attachment that has none (MMS parts and recordings are unnamed). */
export const fileNameOf = (stem: string, contentType: string): string => {
  const extension = EXTENSIONS[contentType.split(';')[0]?.trim().toLowerCase() ?? ''];
  return extension ? `${stem}.${extension}` : stem;
};
