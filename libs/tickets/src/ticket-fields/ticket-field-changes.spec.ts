import { fieldChanges, mergeFieldValues } from './ticket-field-changes';

describe('mergeFieldValues', () => {
  it('replaces given values, removes nulls and keeps the rest', () => {
    expect(mergeFieldValues({ a: 1, b: 'x', c: [1] }, { b: 'y', c: null, d: true }, () => true)).toEqual({
      a: 1,
      b: 'y',
      d: true,
    });
  });

  it('drops stored values the kept-field test refuses (a new type)', () => {
    expect(mergeFieldValues({ old: 1, shared: 2 }, { added: 3 }, (name) => name !== 'old')).toEqual({
      shared: 2,
      added: 3,
    });
  });
});

describe('fieldChanges', () => {
  it('lists only fields whose value changed, with null for absent', () => {
    expect(fieldChanges({ a: 1, b: ['x'], c: 'same' }, { b: ['x', 'y'], c: 'same', d: 0 })).toEqual({
      a: { before: 1, after: null },
      b: { before: ['x'], after: ['x', 'y'] },
      d: { before: null, after: 0 },
    });
  });
});
