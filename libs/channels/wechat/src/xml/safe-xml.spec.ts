import { WechatChannelExceptionCode } from '../wechat-channel.exception';
import { buildWechatXml, cdata } from './build-xml';
import { parseWechatXml, textOf } from './safe-xml';

const code = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

const TEXT_MESSAGE = `<xml><ToUserName><![CDATA[gh_123]]></ToUserName><FromUserName><![CDATA[oUser]]></FromUserName>
<CreateTime>1348831860</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[屏幕碎了 😭 <b>&amp;</b>]]></Content>
<MsgId>23637352235060880</MsgId></xml>`;

describe('parseWechatXml', () => {
  it('keeps every value a string, 64-bit ids exact, CDATA text verbatim', () => {
    const xml = parseWechatXml(TEXT_MESSAGE);
    expect(textOf(xml, 'MsgId')).toBe('23637352235060880');
    expect(textOf(xml, 'CreateTime')).toBe('1348831860');
    expect(textOf(xml, 'Content')).toBe('屏幕碎了 😭 <b>&amp;</b>');
  });

  it('accepts the XML declaration and a DOCTYPE spelled inside CDATA (a customer typing it)', () => {
    const xml = parseWechatXml(
      `<?xml version="1.0" encoding="utf-8"?><xml><Content><![CDATA[<!DOCTYPE x>]]></Content></xml>`,
    );
    expect(textOf(xml, 'Content')).toBe('<!DOCTYPE x>');
  });

  it('refuses a DTD, an entity bomb and an external entity', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><xml><Content>&lol2;</Content></xml>`;
    const external = `<!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml><Content>&xxe;</Content></xml>`;
    const bareEntity = `<xml><!ENTITY a "b"><Content>x</Content></xml>`;
    expect(code(() => parseWechatXml(bomb))).toBe(WechatChannelExceptionCode.XmlRefused);
    expect(code(() => parseWechatXml(external))).toBe(WechatChannelExceptionCode.XmlRefused);
    expect(code(() => parseWechatXml(bareEntity))).toBe(WechatChannelExceptionCode.XmlRefused);
    expect(code(() => parseWechatXml(`<xml><?php x ?></xml>`))).toBe(WechatChannelExceptionCode.XmlRefused);
  });

  it('does not expand undeclared entity references', () => {
    expect(textOf(parseWechatXml('<xml><Content>&lol;&amp;</Content></xml>'), 'Content')).toBe('&lol;&amp;');
  });

  it('refuses an oversize body by bytes, before parsing', () => {
    const big = `<xml><Content><![CDATA[${'好'.repeat(30_000)}]]></Content></xml>`;
    expect(code(() => parseWechatXml(big))).toBe(WechatChannelExceptionCode.BodyTooLarge);
    expect(code(() => parseWechatXml(Buffer.from(big), 200_000))).toBeUndefined();
  });

  it('refuses malformed XML and another root element', () => {
    expect(code(() => parseWechatXml('<xml><Content>open'))).toBe(WechatChannelExceptionCode.XmlMalformed);
    expect(code(() => parseWechatXml('<xml><a></b></xml>'))).toBe(WechatChannelExceptionCode.XmlMalformed);
    expect(code(() => parseWechatXml('not xml'))).toBe(WechatChannelExceptionCode.XmlMalformed);
    expect(code(() => parseWechatXml('<root><a>1</a></root>'))).toBe(WechatChannelExceptionCode.XmlMalformed);
  });
});

describe('buildWechatXml', () => {
  it('writes text as CDATA that survives "]]>", Chinese and emoji, and raw numbers as digits', () => {
    const content = 'a]]>b 你好 🎉 \u0001';
    const xml = buildWechatXml({ ToUserName: 'oUser', CreateTime: { raw: 1700000000 }, Content: content });
    expect(xml).toContain('<CreateTime>1700000000</CreateTime>');
    const parsed = parseWechatXml(xml);
    expect(textOf(parsed, 'Content')).toBe('a]]>b 你好 🎉 ');
    expect(cdata('x')).toBe('<![CDATA[x]]>');
  });

  it('nests elements and repeats arrays (news articles)', () => {
    const xml = buildWechatXml({ Articles: { item: [{ Title: 'one' }, { Title: 'two' }] } });
    expect(xml).toBe(
      '<xml><Articles><item><Title><![CDATA[one]]></Title></item><item><Title><![CDATA[two]]></Title></item></Articles></xml>',
    );
  });
});
