import { AssignTicketUseCase } from './assign-ticket/assign-ticket.use-case';
import { ChangeStatusUseCase } from './change-status/change-status.use-case';
import { DecideReviewUseCase } from './decide-review/decide-review.use-case';
import { TicketChangeRunner, type TicketChangeDeps } from './ticket-change.runner';
import { TransferTicketUseCase } from './transfer-ticket/transfer-ticket.use-case';

/** The lifecycle commands, sharing one runner (transaction, audit, outbox, agent load). */
export interface TicketLifecycle {
  readonly changeStatus: ChangeStatusUseCase;
  readonly assign: AssignTicketUseCase;
  readonly transfer: TransferTicketUseCase;
  readonly decideReview: DecideReviewUseCase;
}

export function createTicketLifecycle(deps: TicketChangeDeps): TicketLifecycle {
  const runner = new TicketChangeRunner(deps);
  return {
    changeStatus: new ChangeStatusUseCase(runner),
    assign: new AssignTicketUseCase(runner),
    transfer: new TransferTicketUseCase(runner),
    decideReview: new DecideReviewUseCase(runner),
  };
}
