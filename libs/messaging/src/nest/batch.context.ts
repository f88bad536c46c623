import { BaseRpcContext } from '@nestjs/microservices';
import type { BatchAttempt } from '../transport';

/** The RPC context a @BatchEventPattern handler gets as its second argument (`@Ctx()`). */
export class BatchContext extends BaseRpcContext<[topic: string, groupId: string, attempt: BatchAttempt]> {
  /** Which call this is for the batch, and whether an unknown failure now gives it up. */
  getAttempt(): BatchAttempt {
    return this.args[2];
  }

  getTopic(): string {
    return this.args[0];
  }

  getGroupId(): string {
    return this.args[1];
  }
}
