import type { FastifyInstance } from 'fastify';
import type { Config } from '@switchboard/config';
import { createLogger } from '@switchboard/logger';
import type { Transport } from '@switchboard/messaging';
import { listenForReceipts } from './receipts/receipt-listener';
import { ReceiptWaiter } from './receipts/receipt-waiter';
import { SubmitWebFormUseCase } from './submit-web-form/submit-web-form.use-case';
import { WebChannelController } from './web-channel.controller';
import { registerWebChannelRoutes } from './web-channel.routes';

export interface WebChannelDeps {
  readonly transport: Transport;
  readonly config: Config;
}

export interface WebChannel {
  /** Stops listening for receipts; requests still waiting answer 202 (their message is on the bus). */
  close(): Promise<void>;
}

/**
 * Adds the web form and the submissions API to `app` and starts this instance's receipt listener.
 * The listener is subscribed before the routes can take traffic, so no receipt is missed.
 */
export async function registerWebChannel(app: FastifyInstance, deps: WebChannelDeps): Promise<WebChannel> {
  const log = createLogger('WebChannel');
  const receipts = new ReceiptWaiter({ timeoutMs: deps.config.web.receiptTimeoutMs });
  const subscription = await listenForReceipts(deps.transport, deps.config, receipts, log);
  const submit = new SubmitWebFormUseCase(deps.transport, receipts, log);
  registerWebChannelRoutes(app, new WebChannelController(deps.config, submit, receipts), deps.config);
  let closing: Promise<void> | undefined;
  return {
    close: () =>
      (closing ??= subscription.close().finally(() => {
        receipts.close();
      })),
  };
}
