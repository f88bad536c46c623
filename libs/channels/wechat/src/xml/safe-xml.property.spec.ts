import fc from 'fast-check';
import { WechatChannelException } from '../wechat-channel.exception';
import { buildWechatXml } from './build-xml';
import { parseWechatXml, textOf } from './safe-xml';

const fieldName = fc.stringMatching(/^[A-Z][A-Za-z]{0,15}$/);
/** Any text a customer or WeChat puts in a field: every script, emoji, markup characters, `]]>`. */
const fieldText = fc.string({ unit: 'grapheme', maxLength: 200 });

describe('the WeChat XML parser, for any body', () => {
  it('never throws anything but a WechatChannelException, whatever the bytes', () => {
    const hostile = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 2_000 }),
      fc
        .array(
          fc.constantFrom(
            '<xml>',
            '</xml>',
            '<!DOCTYPE x>',
            '<!ENTITY a "b">',
            '&a;',
            '<![CDATA[',
            ']]>',
            '<?pi?>',
            '<A>',
            '</A>',
            'text',
            '&#0;',
          ),
        )
        .map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(hostile, (body) => {
        try {
          parseWechatXml(body);
        } catch (error) {
          expect(error).toBeInstanceOf(WechatChannelException);
        }
      }),
      { numRuns: 1_000 },
    );
  });

  it('reads back every field it built, text unchanged, CDATA terminators included', () => {
    fc.assert(
      fc.property(fc.dictionary(fieldName, fieldText, { minKeys: 1, maxKeys: 12 }), (fields) => {
        const root = parseWechatXml(buildWechatXml(fields));
        for (const [name, text] of Object.entries(fields)) expect(textOf(root, name) ?? '').toBe(text);
      }),
      { numRuns: 500 },
    );
  });
});
