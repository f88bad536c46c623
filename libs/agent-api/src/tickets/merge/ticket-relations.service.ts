import type { z } from 'zod';
import type {
  LinkTicketsUseCase,
  MergeTicketsUseCase,
  SplitTicketUseCase,
  TicketWatchersUseCase,
} from '@switchboard/tickets';
import type { Agent } from '../../agents/agent.repository';
import type { GetTicketUseCase } from '../get-ticket/get-ticket.use-case';
import type { TicketReadRepository, TicketRef } from '../ticket-read.repository';
import type { TicketDetailView } from '../ticket.view';
import type { linkBodySchema, mergeBodySchema, splitBodySchema, unlinkParamsSchema } from './merge.schemas';
import { toLinkViews, toWatcherViews, type TicketLinkView, type TicketWatcherView } from './relation.views';
import { visibleTicket } from './visible-ticket';

export interface MergeAnswer {
  readonly ticket: TicketDetailView;
  readonly merged: { readonly id: string; readonly number: string };
  readonly movedMessageIds: readonly string[];
  readonly movedWatcherAgentIds: readonly string[];
}

export interface SplitAnswer {
  readonly ticket: TicketDetailView;
  readonly splitFrom: { readonly id: string; readonly number: string };
  readonly movedMessageIds: readonly string[];
}

type Links = { links: TicketLinkView[] };
type Watchers = { watchers: TicketWatcherView[] };

/**
 * Merge, split, links and watchers as the agent API offers them: every ticket a request names must be
 * visible to the caller (agent: assigned to them, manager: their team, admin: all), else it answers 404.
 */
export class TicketRelationsService {
  constructor(
    private readonly tickets: TicketReadRepository,
    private readonly getTicket: GetTicketUseCase,
    private readonly mergeTickets: MergeTicketsUseCase,
    private readonly splitTicket: SplitTicketUseCase,
    private readonly links: LinkTicketsUseCase,
    private readonly watchers: TicketWatchersUseCase,
  ) {}

  async merge(caller: Agent, ref: TicketRef, body: z.output<typeof mergeBodySchema>): Promise<MergeAnswer> {
    const ticket = await visibleTicket(this.tickets, caller, ref);
    const source = await visibleTicket(this.tickets, caller, body.sourceTicket);
    const merged = await this.mergeTickets.execute({
      tenantId: caller.tenantId,
      agentId: caller.id,
      survivorId: ticket.id,
      sourceId: source.id,
    });
    return {
      ticket: await this.getTicket.execute(caller, { ref: { kind: 'id', id: ticket.id } }),
      merged: { id: merged.sourceId, number: merged.sourceNumber },
      movedMessageIds: merged.movedMessageIds,
      movedWatcherAgentIds: merged.movedWatcherAgentIds,
    };
  }

  async split(caller: Agent, ref: TicketRef, body: z.output<typeof splitBodySchema>): Promise<SplitAnswer> {
    const ticket = await visibleTicket(this.tickets, caller, ref);
    const result = await this.splitTicket.execute({
      tenantId: caller.tenantId,
      agentId: caller.id,
      ticketId: ticket.id,
      messageIds: body.messageIds.map((id) => id.toLowerCase()),
      ...(body.subject !== undefined ? { subject: body.subject } : {}),
    });
    return {
      ticket: await this.getTicket.execute(caller, { ref: { kind: 'id', id: result.newTicketId } }),
      splitFrom: { id: ticket.id, number: ticket.number },
      movedMessageIds: result.movedMessageIds,
    };
  }

  async listLinks(caller: Agent, ref: TicketRef): Promise<Links> {
    const ticket = await visibleTicket(this.tickets, caller, ref);
    return toLinkViews(await this.links.list(caller.tenantId, ticket.id));
  }

  async link(caller: Agent, ref: TicketRef, body: z.output<typeof linkBodySchema>): Promise<Links> {
    const ticket = await visibleTicket(this.tickets, caller, ref);
    const other = await visibleTicket(this.tickets, caller, body.ticket);
    const command = { tenantId: caller.tenantId, agentId: caller.id, ticketId: ticket.id, kind: body.kind };
    return toLinkViews(await this.links.link({ ...command, otherTicketId: other.id }));
  }

  async unlink(caller: Agent, params: z.output<typeof unlinkParamsSchema>): Promise<Links> {
    const ticket = await visibleTicket(this.tickets, caller, params.ref);
    const other = await visibleTicket(this.tickets, caller, params.other);
    const command = { tenantId: caller.tenantId, agentId: caller.id, ticketId: ticket.id, kind: params.kind };
    return toLinkViews(await this.links.unlink({ ...command, otherTicketId: other.id }));
  }

  async listWatchers(caller: Agent, ref: TicketRef): Promise<Watchers> {
    const ticket = await visibleTicket(this.tickets, caller, ref);
    return toWatcherViews(await this.watchers.list(caller.tenantId, ticket.id));
  }

  async watch(caller: Agent, ref: TicketRef): Promise<Watchers> {
    const ticket = await visibleTicket(this.tickets, caller, ref);
    return toWatcherViews(await this.watchers.watch(caller.tenantId, caller.id, ticket.id));
  }

  async unwatch(caller: Agent, ref: TicketRef): Promise<Watchers> {
    const ticket = await visibleTicket(this.tickets, caller, ref);
    return toWatcherViews(await this.watchers.unwatch(caller.tenantId, caller.id, ticket.id));
  }
}
