import type { DryRunRoutingCommand, DryRunRoutingUseCase } from '@switchboard/routing';
import { AgentApiException, AgentApiExceptionCode } from '../agent-api.exception';
import type { Agent } from '../agents/agent.repository';

type DryRunResult = NonNullable<Awaited<ReturnType<DryRunRoutingUseCase['execute']>>>;

/** A dry run in the caller's tenant; a tenant without routing answers 403, as it always has. */
export class DryRunAsCallerUseCase {
  constructor(private readonly dryRun: DryRunRoutingUseCase) {}

  async execute(caller: Agent, command: DryRunRoutingCommand): Promise<DryRunResult> {
    const result = await this.dryRun.execute(caller.tenantId, command);
    if (!result) throw new AgentApiException(AgentApiExceptionCode.Forbidden, 'The tenant has no routing.');
    return result;
  }
}
