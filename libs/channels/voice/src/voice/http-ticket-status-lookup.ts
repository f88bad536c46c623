import type { ChannelSelfServiceClient } from '@switchboard/channel-sdk';
import type { TicketStatusLookup } from './answer-call';

const UNAVAILABLE = {
  en: 'Ticket status cannot be read right now. Please leave a message.',
  zh: '暂时无法查询工单状态，请留言。',
} as const;

/**
 * TICKET_STATUS_LOOKUP for the channel-voice service on its own: the agent API's signed
 * channel-self-service endpoints, by the caller's number (a verified phone identity).
 */
export class HttpTicketStatusLookup implements TicketStatusLookup {
  constructor(private readonly client: ChannelSelfServiceClient) {}

  /** What the status key speaks; when the API cannot answer, the caller is told so and may leave a message. */
  async spokenStatus(tenant: string, phone: string, language: string): Promise<string> {
    try {
      return await this.client.phoneStatus(tenant, phone, language);
    } catch {
      return language.toLowerCase().startsWith('zh') ? UNAVAILABLE.zh : UNAVAILABLE.en;
    }
  }

  /** Throws when the API cannot answer: the text then goes to the ticket it quotes instead. */
  async ticketOf(
    tenant: string,
    phone: string,
    ticketNumber: string,
  ): Promise<{ number: string; status: string } | undefined> {
    const [ticket] = await this.client.tickets({ tenant, kind: 'phone', value: phone }, ticketNumber);
    return ticket && { number: ticket.number, status: ticket.status };
  }
}
