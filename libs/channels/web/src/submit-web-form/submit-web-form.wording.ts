import type { ProblemWording } from '@switchboard/http';

const CODE_HINT = 'use 1 to 64 lower-case letters, digits, "-" or "_"';
const ID_HINT = 'use 8 to 128 letters, digits, ".", "_", ":" or "-"';

/** The web form's words for fieldProblemsOf: what customers read next to a field (reasons are shared). */
export const SUBMIT_WEB_FORM_WORDING: ProblemWording = {
  labels: {
    name: 'Name',
    email: 'Email',
    phone: 'Phone',
    category: 'Category',
    subject: 'Subject',
    message: 'Message',
    region: 'Region',
    language: 'Language',
    clientMessageId: 'clientMessageId',
    ticketType: 'Ticket type',
    ticketNumber: 'Ticket number',
    'Idempotency-Key': 'The Idempotency-Key header',
  },
  formatHints: {
    phone: 'use international format with country code, e.g. +8613800138000',
    category: CODE_HINT,
    region: CODE_HINT,
    ticketType: CODE_HINT,
    language: 'use a language tag such as "en" or "zh-CN"',
    ticketNumber: 'use the number we sent you, e.g. SB-000123',
    clientMessageId: ID_HINT,
    'Idempotency-Key': ID_HINT,
  },
};
