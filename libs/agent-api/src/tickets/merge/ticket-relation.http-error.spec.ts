import { TicketRelationException, TicketRelationExceptionCode } from '@switchboard/tickets';
import { ticketRelationHttpError } from './ticket-relation.http-error';

describe('ticketRelationHttpError', () => {
  it('answers 409 for refused merges, splits and links, with their own code', () => {
    for (const code of [
      TicketRelationExceptionCode.MergeIntoItself,
      TicketRelationExceptionCode.TicketAlreadyMerged,
      TicketRelationExceptionCode.TicketArchived,
      TicketRelationExceptionCode.SplitWouldEmptyTicket,
      TicketRelationExceptionCode.LinkCycle,
    ]) {
      const error = ticketRelationHttpError(new TicketRelationException(code, 'refused'));
      expect([error.status, error.code]).toEqual([409, code]);
    }
  });

  it('answers 404 for a missing ticket or link', () => {
    expect(
      ticketRelationHttpError(new TicketRelationException(TicketRelationExceptionCode.LinkNotFound, 'x')).status,
    ).toBe(404);
  });

  it('names each message that is not on the ticket as a field problem', () => {
    const error = ticketRelationHttpError(
      new TicketRelationException(TicketRelationExceptionCode.MessagesNotOnTicket, 'x', ['m1', 'm2']),
    );
    expect(error.status).toBe(400);
    expect(error.code).toBe('validation_failed');
    expect(error.fields?.map((f) => [f.field, f.reason])).toEqual([
      ['messageIds', 'not_on_ticket'],
      ['messageIds', 'not_on_ticket'],
    ]);
  });
});
