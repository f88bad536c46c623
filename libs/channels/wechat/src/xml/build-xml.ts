/** What the builder writes: text in CDATA, `{ raw }` as plain digits (CreateTime), nested elements. */
export type XmlValue = string | { readonly raw: number | bigint } | XmlFields | readonly XmlFields[];
export interface XmlFields {
  readonly [name: string]: XmlValue;
}

// XML 1.0 allows only tab, LF, CR among the C0 controls; a customer's pasted text can carry others.
// eslint-disable-next-line no-control-regex
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** CDATA cannot contain `]]>`: it is split across two sections, which parsers join back. */
export function cdata(text: string): string {
  return `<![CDATA[${text.replace(INVALID_XML_CHARS, '').split(']]>').join(']]]]><![CDATA[>')}]]>`;
}

function isRaw(value: XmlValue): value is { readonly raw: number | bigint } {
  return (
    typeof value === 'object' && 'raw' in value && (typeof value.raw === 'number' || typeof value.raw === 'bigint')
  );
}

function render(fields: XmlFields): string {
  return Object.entries(fields)
    .map(([name, value]) => {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`not an element name: ${name}`);
      if (typeof value === 'string') return `<${name}>${cdata(value)}</${name}>`;
      if (isRaw(value)) return `<${name}>${value.raw.toString()}</${name}>`;
      if (Array.isArray(value)) return value.map((item: XmlFields) => `<${name}>${render(item)}</${name}>`).join('');
      return `<${name}>${render(value as XmlFields)}</${name}>`;
    })
    .join('');
}

/** A WeChat XML document: `<xml>` with the fields in order (passive replies, encrypted envelopes, tests). */
export function buildWechatXml(fields: XmlFields): string {
  return `<xml>${render(fields)}</xml>`;
}
