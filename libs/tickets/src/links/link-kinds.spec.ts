import { inverseLinkKind, linkPair, parentAndChild } from './link-kinds';

describe('link kinds', () => {
  it('pairs every kind with its inverse, both ways', () => {
    expect(inverseLinkKind('parent')).toBe('child');
    expect(inverseLinkKind('child')).toBe('parent');
    expect(inverseLinkKind('related')).toBe('related');
    expect(inverseLinkKind('split_from')).toBe('split_into');
    expect(inverseLinkKind('split_into')).toBe('split_from');
    expect(inverseLinkKind('follow_up_of')).toBe('followed_up_by');
  });

  it('writes both directions of a link', () => {
    expect(linkPair('a', 'b', 'child')).toEqual([
      { ticketId: 'a', otherTicketId: 'b', kind: 'child' },
      { ticketId: 'b', otherTicketId: 'a', kind: 'parent' },
    ]);
  });

  it('tells parent from child whichever side the link was made from', () => {
    expect(parentAndChild('a', 'b', 'parent')).toEqual({ parentId: 'a', childId: 'b' });
    expect(parentAndChild('a', 'b', 'child')).toEqual({ parentId: 'b', childId: 'a' });
  });
});
