import { destinationProblemOf, type OutboundDestinationPolicy } from '@switchboard/http';
import { newId as makeId } from '@switchboard/ids';
import { inTenant, type Database } from '@switchboard/persistence';
import { IntegrationsException, IntegrationsExceptionCode } from '../integrations.exception';
import { RETRY_WINDOW_MS } from './webhook-backoff';
import {
  findDelivery,
  listDeliveries,
  replayDelivery,
  type DeliveryFilter,
  type WebhookDeliveryView,
} from './webhook-delivery.repository';
import type { WebhookEventType } from './webhook-events';
import { newWebhookSecret } from './webhook-signature';
import {
  deleteSubscription,
  findSubscription,
  insertSubscription,
  listSubscriptions,
  updateSubscription,
  type SubscriptionPatch,
  type WebhookSubscriptionView,
} from './webhook-subscription.repository';

export interface CreateWebhookCommand {
  readonly url: string;
  readonly events: readonly WebhookEventType[];
  readonly description?: string | undefined;
}

/** The new subscription with its signing secret: the only answer that ever shows the secret. */
export interface CreatedWebhookView extends WebhookSubscriptionView {
  readonly secret: string;
}

const notFound = (id: string): IntegrationsException =>
  new IntegrationsException(IntegrationsExceptionCode.WebhookNotFound, `No webhook ${id}.`);

/** A tenant admin's webhook subscriptions, their delivery log and manual replay; one transaction each. */
export class ManageWebhooksUseCase {
  constructor(
    private readonly db: Database,
    private readonly destinations: OutboundDestinationPolicy,
    private readonly newId: () => string = makeId,
  ) {}

  /** Judged when saved, so the admin hears it at once; the dispatcher judges every resolved address again. */
  private assertAllowedUrl(url: string): void {
    const problem = destinationProblemOf(url, this.destinations);
    if (problem)
      throw new IntegrationsException(
        IntegrationsExceptionCode.WebhookUrlNotAllowed,
        `Webhook URL ${problem.message}.`,
      );
  }

  async create(tenantId: string, actorId: string, command: CreateWebhookCommand): Promise<CreatedWebhookView> {
    this.assertAllowedUrl(command.url);
    const secret = newWebhookSecret();
    const view = await inTenant(this.db, tenantId, (tx) =>
      insertSubscription(tx, tenantId, {
        id: this.newId(),
        url: command.url,
        events: [...new Set(command.events)],
        description: command.description ?? '',
        secret,
        createdBy: actorId,
      }),
    );
    return { ...view, secret };
  }

  list(tenantId: string): Promise<WebhookSubscriptionView[]> {
    return inTenant(this.db, tenantId, (tx) => listSubscriptions(tx, tenantId));
  }

  async get(tenantId: string, id: string): Promise<WebhookSubscriptionView> {
    const found = await inTenant(this.db, tenantId, (tx) => findSubscription(tx, tenantId, id));
    if (!found) throw notFound(id);
    return found;
  }

  async update(tenantId: string, id: string, patch: SubscriptionPatch): Promise<WebhookSubscriptionView> {
    if (patch.url !== undefined) this.assertAllowedUrl(patch.url);
    const events = patch.events ? [...new Set(patch.events)] : undefined;
    const updated = await inTenant(this.db, tenantId, (tx) =>
      updateSubscription(tx, tenantId, id, { ...patch, events }),
    );
    if (!updated) throw notFound(id);
    return updated;
  }

  /** Deletes the subscription and its delivery log; answers what it was. */
  async remove(tenantId: string, id: string): Promise<WebhookSubscriptionView> {
    return inTenant(this.db, tenantId, async (tx) => {
      const found = await findSubscription(tx, tenantId, id);
      if (!found || !(await deleteSubscription(tx, tenantId, id))) throw notFound(id);
      return found;
    });
  }

  async deliveries(tenantId: string, id: string, filter: DeliveryFilter): Promise<WebhookDeliveryView[]> {
    return inTenant(this.db, tenantId, async (tx) => {
      if (!(await findSubscription(tx, tenantId, id))) throw notFound(id);
      return listDeliveries(tx, tenantId, id, filter);
    });
  }

  /** Sends a delivery again (delivered, failed or still pending): due at once, retried for another 24 h. */
  async replay(tenantId: string, id: string, deliveryId: string, now = new Date()): Promise<WebhookDeliveryView> {
    return inTenant(this.db, tenantId, async (tx) => {
      const until = new Date(now.getTime() + RETRY_WINDOW_MS);
      if (!(await replayDelivery(tx, tenantId, id, deliveryId, now, until))) {
        throw new IntegrationsException(
          IntegrationsExceptionCode.WebhookDeliveryNotFound,
          `No delivery ${deliveryId} of webhook ${id}.`,
        );
      }
      const view = await findDelivery(tx, tenantId, id, deliveryId);
      if (!view) throw new Error('a replayed delivery vanished in its own transaction');
      return view;
    });
  }
}
