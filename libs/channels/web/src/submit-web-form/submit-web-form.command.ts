import { z } from 'zod';
import { TICKET_NUMBER } from '@switchboard/contracts';
import { fieldProblemsOf, type FieldProblem } from '@switchboard/http';
import { parseCustomFields } from './custom-fields';
import { SUBMIT_WEB_FORM_WORDING } from './submit-web-form.wording';

export const FIELD_LIMITS = { name: 200, email: 254, subject: 300, message: 20_000 } as const;
export const IDEMPOTENCY_KEY_FIELD = 'Idempotency-Key';

const E164 = /^\+[1-9]\d{6,14}$/;
const CODE = /^[a-z0-9_-]{1,64}$/;
const LANGUAGE = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,4}$/;
const CLIENT_MESSAGE_ID = /^[A-Za-z0-9._:-]{8,128}$/;
/** Separators people type inside phone numbers ("+86 138-0013-8000"); E.164 has none. */
const PHONE_SEPARATORS = /[\s().-]/g;

/** Trimmed; an empty string counts as absent. Non-strings pass through for the type check. */
export function clean(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function cleanPhone(value: unknown): unknown {
  const cleaned = clean(value);
  return typeof cleaned === 'string' ? cleaned.replace(PHONE_SEPARATORS, '') : cleaned;
}

const text = (max: number) => z.preprocess(clean, z.string().min(1).max(max));
const optionalMatching = (pattern: RegExp) => z.preprocess(clean, z.string().regex(pattern).optional());

export const submitWebFormSchema = z.object({
  name: text(FIELD_LIMITS.name),
  email: z.preprocess(
    clean,
    z
      .string()
      .max(FIELD_LIMITS.email)
      .pipe(z.email())
      .transform((email) => email.toLowerCase()),
  ),
  phone: z.preprocess(cleanPhone, z.string().regex(E164).optional()),
  category: optionalMatching(CODE),
  subject: text(FIELD_LIMITS.subject),
  message: text(FIELD_LIMITS.message),
  region: optionalMatching(CODE),
  language: optionalMatching(LANGUAGE),
  clientMessageId: optionalMatching(CLIENT_MESSAGE_ID),
  ticketType: optionalMatching(CODE),
  ticketNumber: z.preprocess(
    clean,
    z
      .string()
      .regex(TICKET_NUMBER)
      .transform((n) => n.toUpperCase())
      .optional(),
  ),
});

/** The header is validated as a field of its own name, so its problem reads `Idempotency-Key`. */
const idempotencyKeySchema = z.object({ [IDEMPOTENCY_KEY_FIELD]: optionalMatching(CLIENT_MESSAGE_ID) });

/** What the HTTP edge hands over: the raw body and the headers that matter. */
export interface SubmitWebFormInput {
  readonly tenant: string;
  readonly body: unknown;
  readonly idempotencyKey: unknown;
  readonly userAgent: string | undefined;
}

export interface SubmitWebFormCommand {
  readonly tenant: string;
  readonly name: string;
  /** Lower-cased. */
  readonly email: string;
  /** E.164. */
  readonly phone?: string;
  readonly subject: string;
  readonly message: string;
  readonly category?: string;
  readonly region?: string;
  readonly language?: string;
  /** clientMessageId, else the Idempotency-Key header: the channel's message id when set. */
  readonly clientMessageId?: string;
  readonly userAgent?: string;
  /** The ticket this message follows up, when the customer gave its number. */
  readonly ticketNumber?: string;
  /** The ticket type's key; its template (checked by the ticket service) says which fields are needed. */
  readonly ticketType?: string;
  /** Template field values, encoded as InboundMessage.custom_fields (see custom-fields.ts). */
  readonly customFields: Readonly<Record<string, string>>;
}

export type SubmitWebFormParse =
  | { readonly ok: true; readonly command: SubmitWebFormCommand }
  | { readonly ok: false; readonly problems: readonly FieldProblem[] };

const USER_AGENT_MAX = 512;

/** Validates every field at once: all problems are reported together, each with its reason. */
export function parseSubmitWebForm(input: SubmitWebFormInput): SubmitWebFormParse {
  const body = typeof input.body === 'object' && input.body !== null && !Array.isArray(input.body) ? input.body : {};
  const headers = { [IDEMPOTENCY_KEY_FIELD]: input.idempotencyKey };
  const parsed = submitWebFormSchema.safeParse(body);
  const key = idempotencyKeySchema.safeParse(headers);
  const custom = parseCustomFields(body);
  if (!parsed.success || !key.success || !custom.ok) {
    const problems = parsed.success ? [] : fieldProblemsOf(parsed.error, body, SUBMIT_WEB_FORM_WORDING);
    if (!custom.ok) problems.push(...custom.problems);
    if (!key.success) problems.push(...fieldProblemsOf(key.error, headers, SUBMIT_WEB_FORM_WORDING));
    return { ok: false, problems };
  }
  const { clientMessageId, ...fields } = parsed.data;
  return {
    ok: true,
    command: {
      ...fields,
      tenant: input.tenant,
      clientMessageId: clientMessageId ?? key.data[IDEMPOTENCY_KEY_FIELD],
      customFields: custom.customFields,
      userAgent: input.userAgent?.slice(0, USER_AGENT_MAX),
    },
  };
}
