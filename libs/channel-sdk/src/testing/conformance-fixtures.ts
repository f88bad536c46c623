import type { OutboundMessage } from '@switchboard/contracts';
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
  /** The texts of the answers it accepted, in order. */
  received(): readonly { readonly messageId: string; readonly text: string }[];
  /** Attempts it saw (accepted or failed). */
  attempts(): number;
  /** From now on every delivery fails with this HTTP status (undefined: works again). */
  failWith(status: number | undefined): void;
}

/** A running adapter app on the in-process bus, as the suite drives it. */
export interface ConformanceHarness {
  readonly transport: InProcessTransport;
  inject(request: ConformanceRequest): Promise<ConformanceResponse>;
  /** The provider stand-in; channels whose delivery cannot fail (web: the portal) have none. */
  readonly provider?: ProviderProbe;
  /** Every SQL statement the adapter ran on its own store (empty: it has none). */
  statements(): readonly string[];
  close(): Promise<void>;
}

/** What a channel hands the suite: how to start it and how its requests look. */
export interface ConformanceFixtures {
  /** The adapter's lib folder (from the repository root), scanned for imports of the ticket domain. */
  readonly libRoot: string;
  readonly outboundTopic: string;
  /** The SDK's ingress drops duplicates (ChannelIngressOptions.dedupe), so a retry is published once. */
  readonly dedupesAtEdge: boolean;
  /** The provider can be made to fail (harness.provider); false for the web portal, which cannot. */
  readonly failingProvider: boolean;
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
  /** An agent's answer to deliver through the adapter. */
  outbound(h: ConformanceHarness, text: string): OutboundMessage;
  /** The provider's status callback about an answer it accepted (channels with delivery receipts). */
  providerStatus?(h: ConformanceHarness, answer: OutboundMessage): ConformanceRequest;
}
