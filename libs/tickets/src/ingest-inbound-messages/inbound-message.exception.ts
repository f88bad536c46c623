import { DomainException, assertUnreachable, type ErrorKind } from '@switchboard/errors';

/** Why the ticket service refused an inbound.messages.v1 record at its edge. */
export enum InboundMessageExceptionCode {
  /** The bytes are not an InboundMessage. */
  Undecodable = 'undecodable_message',
  /** Decoded, but fails validation (the sender gets a receipt with `problems`). */
  InvalidMessage = 'invalid_message',
}

function kindOf(code: InboundMessageExceptionCode): ErrorKind {
  switch (code) {
    case InboundMessageExceptionCode.Undecodable:
    case InboundMessageExceptionCode.InvalidMessage:
      return 'invalid';
    default:
      return assertUnreachable(code, 'inbound message exception code');
  }
}

/** A refused inbound message: permanent, so the consumer dead-letters it at once. */
export class InboundMessageException extends DomainException<InboundMessageExceptionCode> {
  constructor(
    code: InboundMessageExceptionCode,
    message: string,
    /** Every validation problem, e.g. `message_id: must be a UUID`. */
    readonly problems: readonly string[] = [],
  ) {
    super(code, message);
  }

  get kind(): ErrorKind {
    return kindOf(this.code);
  }
}

export function invalidInboundMessage(problems: readonly string[]): InboundMessageException {
  return new InboundMessageException(
    InboundMessageExceptionCode.InvalidMessage,
    `invalid inbound message: ${problems.join('; ')}`,
    problems,
  );
}
