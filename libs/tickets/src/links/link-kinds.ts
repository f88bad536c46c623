/** The kinds agents set by hand; the other stored kinds are written by split and follow-up tickets. */
export const manualLinkKinds = ['parent', 'child', 'related'] as const;
export type ManualLinkKind = (typeof manualLinkKinds)[number];

export type StoredLinkKind = ManualLinkKind | 'follow_up_of' | 'followed_up_by' | 'split_from' | 'split_into';

const inverses: Record<StoredLinkKind, StoredLinkKind> = {
  parent: 'child',
  child: 'parent',
  related: 'related',
  follow_up_of: 'followed_up_by',
  followed_up_by: 'follow_up_of',
  split_from: 'split_into',
  split_into: 'split_from',
};

/** The kind stored on the other ticket's side: if A is parent of B, B is child of A. */
export function inverseLinkKind(kind: StoredLinkKind): StoredLinkKind {
  return inverses[kind];
}

/** Both stored directions of "`ticketId` is `kind` of `otherTicketId`". */
export function linkPair(ticketId: string, otherTicketId: string, kind: StoredLinkKind) {
  return [
    { ticketId, otherTicketId, kind },
    { ticketId: otherTicketId, otherTicketId: ticketId, kind: inverseLinkKind(kind) },
  ] as const;
}

/**
 * For a parent/child link "ticket is `kind` of other": which ticket becomes the parent and which the
 * child, so the cycle check can ask whether the new parent already sits below the new child.
 */
export function parentAndChild(
  ticketId: string,
  otherTicketId: string,
  kind: 'parent' | 'child',
): { parentId: string; childId: string } {
  return kind === 'parent'
    ? { parentId: ticketId, childId: otherTicketId }
    : { parentId: otherTicketId, childId: ticketId };
}
