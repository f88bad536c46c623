import { planSplit } from './split-rules';
import { TicketRelationException, TicketRelationExceptionCode } from '../relations/ticket-relation.exception';

function refusal(fn: () => unknown): { code: TicketRelationExceptionCode; ids: readonly string[] } | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof TicketRelationException) return { code: error.code, ids: error.ids };
    throw error;
  }
  return undefined;
}

describe('planSplit', () => {
  const onTicket = ['m1', 'm2', 'm3'];

  it('moves the requested messages in conversation order, once each', () => {
    expect(planSplit(onTicket, ['m3', 'm2', 'm3'])).toEqual(['m2', 'm3']);
  });

  it('names the messages that are not on the ticket', () => {
    expect(refusal(() => planSplit(onTicket, ['m1', 'x', 'y']))).toEqual({
      code: TicketRelationExceptionCode.MessagesNotOnTicket,
      ids: ['x', 'y'],
    });
  });

  it('refuses to move every message', () => {
    expect(refusal(() => planSplit(onTicket, ['m1', 'm2', 'm3']))?.code).toBe(
      TicketRelationExceptionCode.SplitWouldEmptyTicket,
    );
  });
});
