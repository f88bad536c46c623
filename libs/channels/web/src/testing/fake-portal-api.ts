import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InboundReceipt_Outcome, type InboundReceipt } from '@switchboard/contracts';

/** Slugs the fake says no tenant has (as the fake ticket service refuses them). */
const UNKNOWN_TENANTS = new Set(['nope', 'no-such-desk']);

const OUTCOMES: Partial<Record<InboundReceipt_Outcome, string>> = {
  [InboundReceipt_Outcome.TICKET_CREATED]: 'created',
  [InboundReceipt_Outcome.APPENDED]: 'appended',
  [InboundReceipt_Outcome.DUPLICATE]: 'duplicate',
  [InboundReceipt_Outcome.REJECTED]: 'rejected',
};

/**
 * Plays the customer API's public reads for the web channel's tests, over real HTTP: which tenants
 * exist, and the stored receipt of each submission the fake ticket service answered.
 */
export class FakePortalApi {
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(receipts: ReadonlyMap<string, InboundReceipt>): Promise<FakePortalApi> {
    const server = createServer((request, response) => {
      const answer = (status: number, body: object): void => {
        response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      };
      const path = new URL(request.url ?? '/', 'http://fake').pathname.split('/').map(decodeURIComponent);
      // ['', 'api', 'v1', 'portal', 'tenants', tenant, ('submissions', messageId)?]
      const [, , , , tenants, tenant = '', submissions, messageId] = path;
      if (request.method !== 'GET' || tenants !== 'tenants' || UNKNOWN_TENANTS.has(tenant))
        return answer(404, { error: { code: 'unknown_tenant', message: 'no such tenant' } });
      if (submissions === undefined) return answer(200, { slug: tenant, name: `Tenant ${tenant}` });
      const receipt = messageId === undefined ? undefined : receipts.get(messageId);
      if (!receipt || receipt.tenant !== tenant)
        return answer(404, { error: { code: 'submission_unknown', message: 'no receipt yet' } });
      const rejected = receipt.outcome === InboundReceipt_Outcome.REJECTED;
      return answer(200, {
        messageId: receipt.messageId,
        outcome: OUTCOMES[receipt.outcome],
        ticketId: rejected ? null : receipt.ticketId,
        ticketNumber: rejected ? null : receipt.ticketNumber,
        rejectReason: rejected ? receipt.rejectReason : null,
        rejectDetail: rejected ? receipt.rejectDetail : null,
        fieldErrors: receipt.fieldErrors.map(({ field, message }) => ({ field, message })),
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return new FakePortalApi(server, `http://127.0.0.1:${port}`);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
