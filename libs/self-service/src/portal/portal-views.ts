import type { Words } from './status-words';

export interface PortalTicketSummary {
  readonly number: string;
  readonly subject: string;
  readonly status: string;
  readonly statusText: Words;
  readonly updatedAt: string;
}

export interface PortalMessage {
  readonly id: string;
  /** customer: what they wrote; agent: our public answers. Internal notes never appear. */
  readonly from: 'customer' | 'agent';
  readonly channel: string;
  readonly bodyText: string;
  readonly at: string;
  readonly attachments: readonly { name: string; contentType: string; sizeBytes: number }[];
}

/** Where an attachment's bytes are: the agent API reads them from the blob store. */
export interface PortalAttachmentRef {
  readonly name: string;
  readonly contentType: string;
  readonly storageRef: string;
}

export interface PortalVisit {
  readonly id: string;
  readonly technicianName: string;
  readonly technicianPhone: string;
  readonly windowStart: string;
  readonly windowEnd: string;
  readonly timeZone: string;
  /** The window in the tenant's time zone, e.g. "2026-12-03 09:00–11:00 (Asia/Shanghai)". */
  readonly windowText: string;
  readonly address: string;
  readonly note: string;
}

export interface PortalCsat {
  /** The customer may rate this resolution round now. */
  readonly open: boolean;
  readonly round: number;
  readonly score: number | null;
}

export interface PortalTicketView extends PortalTicketSummary {
  readonly nextStep: Words;
  readonly canReply: boolean;
  readonly messages: readonly PortalMessage[];
  readonly visit: PortalVisit | null;
  readonly csat: PortalCsat;
}
