import { DomainException, assertUnreachable, type ErrorKind } from '@switchboard/errors';

/** A batch that met a concurrent change it cannot decide around; the whole batch is tried again. */
export enum IngestRaceExceptionCode {
  /** A ticket to reopen was changed (closed, reopened, archived) by another transaction meanwhile. */
  TicketChanged = 'ticket_changed_during_ingest',
  /** A customer of the batch was merged into another meanwhile. */
  CustomerMerged = 'customer_merged_during_ingest',
  /** A customer of the batch was removed meanwhile (a refused message's own customer, forgotten). */
  CustomerGone = 'customer_gone_during_ingest',
}

function kindOf(code: IngestRaceExceptionCode): ErrorKind {
  switch (code) {
    case IngestRaceExceptionCode.TicketChanged:
    case IngestRaceExceptionCode.CustomerMerged:
    case IngestRaceExceptionCode.CustomerGone:
      // Transient: the retry re-reads the state and decides again; dead-lettering would lose the messages.
      return 'unavailable';
    default:
      return assertUnreachable(code, 'ingest race exception code');
  }
}

export class IngestRaceException extends DomainException<IngestRaceExceptionCode> {
  get kind(): ErrorKind {
    return kindOf(this.code);
  }
}
