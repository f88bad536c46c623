/** What the channel remembers about a call between its webhooks (the `call state` it owns). */
export interface CallState {
  readonly callSid: string;
  readonly tenant: string;
  readonly caller: string;
  readonly called: string;
  /** The routing category the caller chose in the menu. */
  readonly category?: string | undefined;
  /** The `<Record>` was answered: from then on the recording callback decides (audio or `absent`). */
  readonly voicemailOffered: boolean;
}

export interface CallStateStore {
  save(state: CallState): Promise<void>;
  find(callSid: string): Promise<CallState | undefined>;
}

export const CALL_STATE_STORE = Symbol('CALL_STATE_STORE');

/** For unit tests and the embedded demo; the table (with expiry) comes with the channel app. */
export class InMemoryCallStateStore implements CallStateStore {
  private readonly calls = new Map<string, CallState>();

  save(state: CallState): Promise<void> {
    this.calls.set(state.callSid, state);
    return Promise.resolve();
  }

  find(callSid: string): Promise<CallState | undefined> {
    return Promise.resolve(this.calls.get(callSid));
  }
}
