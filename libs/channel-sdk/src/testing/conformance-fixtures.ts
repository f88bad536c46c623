import type { DeliveryReport, OutboundMessage } from '@switchboard/contracts';
import type { InProcessTransport } from '@switchboard/messaging';

/** One HTTP request the suite sends into the adapter's app. */
export interface ConformanceRequest {
  readonly method: 'POST';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly payload: string | Buffer;
}

export interface ConformanceResponse {
  readonly statusCode: number;
  readonly body: string;
}

/** What the provider (a local stand-in) received, and a switch to make it fail. */
export interface ProviderProbe {
  /** The texts of the answers it accepted, in order (read from a real server, e.g. a mailbox: a promise). */
  received():
    | readonly { readonly messageId: string; readonly text: string }[]
    | Promise<readonly { readonly messageId: string; readonly text: string }[]>;
  /** Attempts it saw (accepted or failed). */
  attempts(): number;
  /** From now on every delivery fails with this status (fixtures.providerFailure; undefined: works again). */
  failWith(status: number | undefined): void;
}

/** What every harness has, whatever its intake: the bus, the provider stand-in, the store's statements. */
export interface ConformanceHarnessBase {
  readonly transport: InProcessTransport;
  /** The provider stand-in; channels whose delivery cannot fail (web: the portal) have none. */
  readonly provider?: ProviderProbe;
  /** Every SQL statement the adapter ran on its own store (empty: it has none). */
  statements(): readonly string[];
  close(): Promise<void>;
}

/** A running adapter app on the in-process bus, as the suite drives it through its webhook. */
export interface ConformanceHarness extends ConformanceHarnessBase {
  inject(request: ConformanceRequest): Promise<ConformanceResponse>;
}

/** One delivery to the provider an InboundSource reads from: a raw mail for an IMAP mailbox. */
export interface SourceDelivery {
  readonly payload: string | Buffer;
}

/** What an InboundSource's intake recorded about one delivery, read from the channel's own records. */
export type IntakeRecord =
  | { readonly outcome: 'published' }
  /** Became delivery reports about answers we sent (a bounce). */
  | { readonly outcome: 'reported' }
  /** Refused, and kept where an operator sees it (the email channel's rejected-mail list). */
  | { readonly outcome: 'rejected'; readonly reason: string; readonly detail: string }
  /** Read but neither published nor recorded as refused (noise, unreadable): what the counters said. */
  | { readonly outcome: 'ignored'; readonly reason: string };

/** A running adapter app whose inbound side is an InboundSource (IMAP, a long poll), not a webhook. */
export interface SourceConformanceHarness extends ConformanceHarnessBase {
  /**
   * Puts the delivery at the provider (SMTP into the watched mailbox), waits until the source read it
   * and its batch was handled (published and acknowledged, or refused), and answers what the intake recorded.
   */
  receive(delivery: SourceDelivery): Promise<IntakeRecord>;
}

interface CommonFixtures {
  /** The adapter's lib folder (from the repository root), scanned for imports of the ticket domain. */
  readonly libRoot: string;
  readonly outboundTopic: string;
  /** The SDK's ingress drops duplicates (ChannelIngressOptions.dedupe), so a retry is published once. */
  readonly dedupesAtEdge: boolean;
  /** The provider can be made to fail (harness.provider); false for the web portal, which cannot. */
  readonly failingProvider: boolean;
  /** The status a failing provider answers, found in the dead letter's error (default HTTP 503; SMTP 421). */
  readonly providerFailure?: number;
  /** An agent's answer to deliver through the adapter. */
  outbound(h: ConformanceHarnessBase, text: string): OutboundMessage;
}

/** What a webhook channel hands the suite: how to start it and how its requests look. */
export interface WebhookConformanceFixtures extends CommonFixtures {
  /** Omitted or 'webhook': the suite sends HTTP requests (the default, for every generated adapter). */
  readonly intake?: 'webhook';
  start(): Promise<ConformanceHarness>;
  /**
   * The channel message id the adapter publishes for the suite's id, when the provider's ids have a
   * shape of their own (Twilio's `SM` + 32 hex): the suite looks for it on the bus. Default: the id.
   */
  channelMessageIdOf?(id: string): string;
  /** A valid inbound request carrying this text under this channel message id. */
  inbound(h: ConformanceHarness, input: { readonly text: string; readonly id: string }): ConformanceRequest;
  /** The same request with a wrong signature (signed channels). */
  forged?(h: ConformanceHarness, valid: ConformanceRequest): ConformanceRequest;
  /** A correctly signed request whose timestamp is outside the replay window (signed channels). */
  stale?(h: ConformanceHarness, input: { readonly text: string; readonly id: string }): ConformanceRequest;
  /** A request over the body limit. */
  oversize(h: ConformanceHarness): ConformanceRequest;
  /** Bodies that are not a message (bad JSON, missing fields, wrong media type). */
  malformed(h: ConformanceHarness): readonly ConformanceRequest[];
  /** The provider's status callback about an answer it accepted (channels with delivery receipts). */
  providerStatus?(h: ConformanceHarness, answer: OutboundMessage): ConformanceRequest;
}

/**
 * What a channel whose intake is an InboundSource hands the suite. There is no request to sign or to
 * answer with a status: the signature and replay cases do not apply (the source logs in to the
 * provider; nobody else can put a message on its path), and a refused delivery is recorded with its
 * reason instead of answered 4xx.
 */
export interface SourceConformanceFixtures extends CommonFixtures {
  readonly intake: 'source';
  start(): Promise<SourceConformanceHarness>;
  /** A valid delivery carrying this text under this channel message id (the mail's Message-ID). */
  inbound(h: SourceConformanceHarness, input: { readonly text: string; readonly id: string }): SourceDelivery;
  /** A delivery over the channel's size limit (EMAIL_MAX_MESSAGE_BYTES). */
  oversize(h: SourceConformanceHarness): SourceDelivery;
  /** Deliveries that cannot become a message (a mail without a sender). */
  malformed(h: SourceConformanceHarness): readonly SourceDelivery[];
  /** The provider's later word about an answer it took (`sent`: its SENT report), e.g. a bounce mail. */
  providerStatus?(h: SourceConformanceHarness, answer: OutboundMessage, sent: DeliveryReport): SourceDelivery;
}

/** What a channel hands the suite: a webhook's requests, or an InboundSource's deliveries. */
export type ConformanceFixtures = WebhookConformanceFixtures | SourceConformanceFixtures;
