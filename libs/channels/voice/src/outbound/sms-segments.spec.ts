import { countSmsSegments } from './sms-segments';

describe('countSmsSegments', () => {
  it('counts plain GSM-7 text 160 to a single SMS, then 153 per part', () => {
    expect(countSmsSegments('')).toMatchObject({ encoding: 'GSM-7', segments: 0 });
    expect(countSmsSegments('a'.repeat(160))).toMatchObject({ encoding: 'GSM-7', segments: 1, remainingInSegment: 0 });
    expect(countSmsSegments('a'.repeat(161))).toMatchObject({ segments: 2, units: 161, remainingInSegment: 145 });
    expect(countSmsSegments('a'.repeat(306))).toMatchObject({ segments: 2, remainingInSegment: 0 });
    expect(countSmsSegments('a'.repeat(307))).toMatchObject({ segments: 3 });
  });

  it('counts extension characters as two septets and keeps GSM-7', () => {
    expect(countSmsSegments('€'.repeat(80))).toMatchObject({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(countSmsSegments('[]{}^~|\\€')).toMatchObject({ encoding: 'GSM-7', units: 18 });
    expect(countSmsSegments(`${'a'.repeat(159)}€`)).toMatchObject({ units: 161, segments: 2 });
    // The escape and its character never straddle two parts: 152 + a two-septet character starts part two.
    expect(countSmsSegments(`${'a'.repeat(152)}€${'a'.repeat(152)}`)).toMatchObject({ units: 306, segments: 3 });
  });

  it('counts Chinese text 70 to a single SMS and 67 per part', () => {
    const chinese = '您好，您的工单已受理，我们会尽快联系您。';
    expect(countSmsSegments(chinese)).toMatchObject({ encoding: 'UCS-2', segments: 1, units: chinese.length });
    expect(countSmsSegments('好'.repeat(70))).toMatchObject({ segments: 1, remainingInSegment: 0 });
    expect(countSmsSegments('好'.repeat(71))).toMatchObject({ segments: 2 });
    expect(countSmsSegments('好'.repeat(134))).toMatchObject({ segments: 2, remainingInSegment: 0 });
    expect(countSmsSegments('好'.repeat(135))).toMatchObject({ segments: 3 });
  });

  it('makes the whole text UCS-2 for one emoji, counting it as two units that never split', () => {
    const text = `${'a'.repeat(68)}😀`;
    expect(countSmsSegments(text)).toMatchObject({
      encoding: 'UCS-2',
      units: 70,
      segments: 1,
      nonGsmCharacters: ['😀'],
    });
    expect(countSmsSegments(`${'a'.repeat(66)}😀${'a'.repeat(66)}`)).toMatchObject({ units: 134, segments: 3 });
    expect(countSmsSegments(`${'a'.repeat(65)}😀${'a'.repeat(67)}`)).toMatchObject({ units: 134, segments: 2 });
  });

  it('names the characters that forced UCS-2', () => {
    expect(countSmsSegments('Price: 5€ “quoted”').nonGsmCharacters).toEqual(['“', '”']);
    expect(countSmsSegments('Ça coûte 5€').nonGsmCharacters).toEqual(['û']);
  });
});
