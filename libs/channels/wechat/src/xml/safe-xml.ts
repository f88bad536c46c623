import { XMLParser } from 'fast-xml-parser';
import { WechatChannelException, WechatChannelExceptionCode } from '../wechat-channel.exception';

/** An element's content: text, or its children by name (a repeated name gives an array). */
export type XmlNode = string | XmlElement;
export interface XmlElement {
  readonly [name: string]: XmlNode | readonly XmlNode[];
}

/** WeChat's callbacks are a few hundred bytes; the largest (a long text in safe mode) stays far below this. */
export const DEFAULT_XML_LIMIT_BYTES = 64 * 1024;

const parser = new XMLParser({
  ignoreAttributes: true,
  // Ids (MsgId, CreateTime, OpenID-like numbers) must stay strings: 64-bit MsgIds lose digits as numbers.
  parseTagValue: false,
  parseAttributeValue: false,
  // No entity processing at all: WeChat sends every string in CDATA, so `&amp;` stays as sent.
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  trimValues: false,
});

const CDATA = /<!\[CDATA\[[\s\S]*?\]\]>/g;
const XML_DECLARATION = /^\s*<\?xml\s[^?]*\?>/;

const refused = (why: string): WechatChannelException =>
  new WechatChannelException(WechatChannelExceptionCode.XmlRefused, `The XML was refused: ${why}.`);

/**
 * Any `<!` outside CDATA (DOCTYPE, ENTITY, comments) and any processing instruction but the leading
 * declaration is refused before the parser sees the text: WeChat never sends them, and a DTD is what
 * entity bombs and external entities need.
 */
function assertNoMarkupDeclarations(text: string): void {
  const outsideCdata = text.replace(XML_DECLARATION, '').replace(CDATA, '');
  if (/<!doctype/i.test(outsideCdata)) throw refused('a DOCTYPE is not accepted');
  if (/<!/.test(outsideCdata)) throw refused('markup declarations and comments are not accepted');
  if (/<\?/.test(outsideCdata)) throw refused('processing instructions are not accepted');
}

function asElement(value: unknown): XmlElement | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as XmlElement) : undefined;
}

/**
 * Parses a WeChat XML body (`<xml>…</xml>`) safely: size limit in bytes, no DTD, no entities, every value
 * a string. Returns the children of the root `xml` element.
 */
export function parseWechatXml(body: string | Buffer, limitBytes: number = DEFAULT_XML_LIMIT_BYTES): XmlElement {
  const size = typeof body === 'string' ? Buffer.byteLength(body, 'utf8') : body.length;
  if (size > limitBytes) {
    throw new WechatChannelException(
      WechatChannelExceptionCode.BodyTooLarge,
      `The body is ${size} bytes; the limit is ${limitBytes}.`,
    );
  }
  const text = typeof body === 'string' ? body : body.toString('utf8');
  assertNoMarkupDeclarations(text);
  let parsed: unknown;
  try {
    parsed = parser.parse(text, true);
  } catch (error) {
    throw new WechatChannelException(
      WechatChannelExceptionCode.XmlMalformed,
      `The XML is malformed: ${error instanceof Error ? error.message : 'unknown error'}.`,
    );
  }
  const root = asElement(parsed)?.['xml'];
  if (root === '') return {};
  const element = asElement(root);
  if (element === undefined) {
    throw new WechatChannelException(WechatChannelExceptionCode.XmlMalformed, 'The root element must be <xml>.');
  }
  return element;
}

/** A child's text, or undefined when absent or not text (an element, a repeated name). */
export function textOf(element: XmlElement, name: string): string | undefined {
  const value = element[name];
  return typeof value === 'string' ? value : undefined;
}

export function childOf(element: XmlElement, name: string): XmlElement | undefined {
  return asElement(element[name]);
}
