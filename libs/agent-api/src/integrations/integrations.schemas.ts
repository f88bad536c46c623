import { z } from 'zod';
import { SYNC_BATCH_LIMIT, WEBHOOK_EVENTS } from '@switchboard/integrations';

const id = z.uuid().transform((value) => value.toLowerCase());
const label = z.string().trim().min(1).max(64);
const externalId = z.string().trim().min(1).max(200);

const webhookUrl = z
  .url({ protocol: /^https?$/, message: 'Enter an http(s) URL.' })
  .max(2_000)
  .meta({ example: 'https://crm.example.com/hooks/switchboard' });

const events = z
  .array(z.enum(WEBHOOK_EVENTS))
  .min(1)
  .max(WEBHOOK_EVENTS.length)
  .meta({ example: ['ticket.created', 'ticket.resolved', 'ticket.sla_breached'] });

/** /api/v1/webhooks/:id */
export const webhookParamsSchema = z.object({ id });

/** /api/v1/webhooks/:id/deliveries/:deliveryId */
export const deliveryParamsSchema = z.object({ id, deliveryId: id });

/** POST /api/v1/webhooks */
export const createWebhookSchema = z
  .strictObject({ url: webhookUrl, events, description: z.string().trim().max(200).optional() })
  .meta({
    example: {
      url: 'https://crm.example.com/hooks/switchboard',
      events: ['ticket.created', 'ticket.resolved'],
      description: 'CRM case sync',
    },
  });

/** PATCH /api/v1/webhooks/:id: `status: "active"` turns a disabled subscription back on. */
export const updateWebhookSchema = z
  .strictObject({
    url: webhookUrl.optional(),
    events: events.optional(),
    description: z.string().trim().max(200).optional(),
    status: z.enum(['active', 'disabled']).optional(),
  })
  .refine((body) => Object.keys(body).length > 0, {
    message: 'Name at least one field to change.',
    params: { reason: 'empty' },
  })
  .meta({ example: { status: 'active' } });

/** GET /api/v1/webhooks/:id/deliveries */
export const deliveriesQuerySchema = z.object({
  status: z.enum(['pending', 'delivered', 'failed']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  before: id.optional(),
});

const company = z.strictObject({
  externalId,
  name: z.string().trim().min(1).max(200),
  domain: z.string().trim().min(1).max(253).optional(),
  tier: label.optional(),
  region: label.optional(),
});

const customer = z.strictObject({
  externalId,
  name: z.string().trim().min(1).max(200).optional(),
  email: z
    .email()
    .max(254)
    .transform((e) => e.toLowerCase())
    .optional(),
  phone: z
    .string()
    .regex(/^\+[1-9]\d{6,14}$/, 'Enter an E.164 number, e.g. +8613800138000.')
    .optional(),
  tier: label.optional(),
  region: label.optional(),
  companyExternalId: externalId.optional(),
});

/** POST /api/v1/integrations/customer-sync */
export const customerSyncSchema = z
  .strictObject({
    companies: z.array(company).max(SYNC_BATCH_LIMIT).default([]),
    customers: z.array(customer).max(SYNC_BATCH_LIMIT).default([]),
  })
  .meta({
    example: {
      companies: [{ externalId: 'ACME-001', name: 'Acme Ltd', tier: 'gold', region: 'cn-east' }],
      customers: [
        {
          externalId: 'CRM-42',
          name: 'Wei Zhang',
          email: 'wei@acme.example',
          phone: '+8613800138000',
          region: 'cn-east',
          companyExternalId: 'ACME-001',
        },
      ],
    },
  });

/** POST /api/v1/integrations/tickets */
export const createApiTicketSchema = z
  .strictObject({
    externalTicketId: externalId,
    externalCustomerId: externalId,
    subject: z.string().trim().min(1).max(500),
    text: z.string().trim().min(1).max(100_000),
    customer: z
      .strictObject({
        name: z.string().trim().min(1).max(200).optional(),
        email: z.email().max(254).optional(),
        phone: z
          .string()
          .regex(/^\+[1-9]\d{6,14}$/)
          .optional(),
      })
      .optional(),
    priority: z.enum(['low', 'normal', 'high', 'urgent']).optional(),
    category: label.optional(),
    region: label.optional(),
    language: z.string().trim().min(2).max(16).optional(),
    ticketType: label.optional(),
    customFields: z.record(z.string().max(64), z.string().max(10_000)).optional(),
  })
  .meta({
    example: {
      externalTicketId: 'CASE-2026-0042',
      externalCustomerId: 'CRM-42',
      subject: 'Invoice 1042 shows the wrong amount',
      text: 'Opened from the CRM by the account manager: the customer was billed twice.',
      priority: 'high',
      category: 'billing',
    },
  });

/** /api/v1/integrations/tickets/:externalTicketId */
export const externalTicketParamsSchema = z.object({ externalTicketId: externalId });

/** /api/v1/integrations/customers/:externalCustomerId */
export const externalCustomerParamsSchema = z.object({ externalCustomerId: externalId });

/** /api/v1/customers/:id/personal-data, /api/v1/customers/:id/erasure */
export const customerParamsSchema = z.object({ id });
