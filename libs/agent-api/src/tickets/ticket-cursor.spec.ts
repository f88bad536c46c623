import { decodeTicketCursor, encodeTicketCursor } from './ticket-cursor';

describe('ticket cursor', () => {
  const cursor = { createdAt: '2026-01-03T10:00:00.000500Z', id: '0190f5d2-0000-7000-8000-0000000000a1' };

  it('round-trips, keeping microseconds', () => {
    expect(decodeTicketCursor(encodeTicketCursor(cursor))).toEqual(cursor);
  });

  it.each([
    ['not base64 JSON', 'garbage'],
    [
      'a millisecond timestamp',
      Buffer.from(JSON.stringify({ ...cursor, createdAt: '2026-01-03T10:00:00.000Z' })).toString('base64url'),
    ],
    ['no id', Buffer.from(JSON.stringify({ createdAt: cursor.createdAt })).toString('base64url')],
    ['a non-object', Buffer.from('42').toString('base64url')],
  ])('refuses %s', (_label, encoded) => {
    expect(decodeTicketCursor(encoded)).toBeUndefined();
  });
});
