import { BaseRpcContext } from '@nestjs/microservices';

/** The RPC context a @BatchEventPattern handler gets as its second argument (`@Ctx()`). */
export class BatchContext extends BaseRpcContext<[topic: string, groupId: string]> {
  getTopic(): string {
    return this.args[0];
  }

  getGroupId(): string {
    return this.args[1];
  }
}
