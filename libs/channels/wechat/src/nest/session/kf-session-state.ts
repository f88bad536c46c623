import { Channel, type TicketEvent } from '@switchboard/contracts';
import type { Logger } from '@switchboard/logger';
import type { WechatSharedStore } from '../../api/shared-store';
import { WechatApiException, WechatApiExceptionCode } from '../../api/wechat-api.exception';
import { parseWechatConversationKey } from '../../conversation-key';
import { KfServiceStates, type KfApi, type WecomCredential } from '../../wecom/kf.api';
import type { WechatAccounts } from '../config/wechat-accounts';

/** A WeCom kf session lives 48 hours after the customer's last message; a ticket may stay open longer. */
const KEEP_MS = 30 * 24 * 3_600_000;
const ENDS: ReadonlySet<string> = new Set(['resolved', 'closed']);

type Session = { readonly credential: WecomCredential; readonly openKfId: string; readonly externalUserId: string };

/**
 * Keeps WeCom's view of a kf conversation in step with the ticket (kf/service_state): an agent with a
 * WeCom userid in the account's `servicers` takes it (3), resolving or closing the ticket ends it (4).
 * Ticket events name the conversation only when the ticket is created, so the ticket → conversation
 * pair is kept in the shared store. WeCom moves a new session (0) to "ended" only through the queue
 * (2), so an untouched session goes 0 → 2 → 4.
 */
export class KfSessionState {
  constructor(
    private readonly accounts: WechatAccounts,
    private readonly kf: KfApi,
    private readonly store: WechatSharedStore,
    private readonly log: Logger,
  ) {}

  private key(tenant: string, ticketId: string): string {
    return `wechat:kf-ticket:${tenant}:${ticketId}`;
  }

  async apply(events: readonly TicketEvent[]): Promise<void> {
    for (const event of events) {
      const payload = event.payload;
      if (payload.case === 'created') {
        if (payload.value.channel === Channel.WECHAT && payload.value.conversationKey.startsWith('wechat:kf:'))
          await this.store.set(this.key(event.tenant, event.ticketId), payload.value.conversationKey, KEEP_MS);
      } else if (payload.case === 'assigned') {
        await this.guarded(event, (s) => this.take(s, event.tenant, payload.value.agentId));
      } else if (payload.case === 'statusChanged' && ENDS.has(payload.value.to)) {
        await this.guarded(event, (s) => this.end(s));
      }
    }
  }

  private async take(session: Session, tenant: string, agentId: string): Promise<void> {
    const servicer = this.accounts.kfServicerOf(tenant, session.credential.corpId, agentId);
    if (!servicer) return;
    await this.kf.transferServiceState(session.credential, {
      ...session,
      state: KfServiceStates.agent,
      servicerUserId: servicer,
    });
  }

  private async end(session: Session): Promise<void> {
    const { state } = await this.kf.serviceState(session.credential, session);
    if (state === KfServiceStates.ended) return;
    if (state === KfServiceStates.untreated)
      await this.kf.transferServiceState(session.credential, { ...session, state: KfServiceStates.pool });
    await this.kf.transferServiceState(session.credential, { ...session, state: KfServiceStates.ended });
  }

  /**
   * Runs a change for a kf ticket. WeCom being unavailable is thrown (the consumer retries the batch);
   * a refusal (the session expired, a servicer not in the account) is logged: the ticket is right anyway.
   */
  private async guarded(event: TicketEvent, change: (session: Session) => Promise<void>): Promise<void> {
    const session = await this.sessionOf(event.tenant, event.ticketId);
    if (!session) return;
    try {
      await change(session);
    } catch (error) {
      const retry =
        error instanceof WechatApiException &&
        (error.code === WechatApiExceptionCode.Unavailable || error.code === WechatApiExceptionCode.RateLimited);
      if (retry) throw error;
      this.log.warn({ err: error, tenant: event.tenant, ticketId: event.ticketId }, 'kf service state not changed');
    }
  }

  private async sessionOf(tenant: string, ticketId: string): Promise<Session | undefined> {
    const key = await this.store.get(this.key(tenant, ticketId));
    const conversation = key ? parseWechatConversationKey(key) : undefined;
    if (conversation?.api !== 'kf') return undefined;
    const credential = this.accounts.credentialsFor(tenant, conversation)?.wecom;
    if (!credential) return undefined;
    return { credential, openKfId: conversation.openKfId, externalUserId: conversation.externalUserId };
  }
}
