import type { ChannelSqlClient } from '@switchboard/channel-sdk';
import type { CallState, CallStateStore } from '../voice/call-state.store';

interface CallRow {
  call_sid: string;
  tenant: string;
  caller: string;
  called: string;
  category: string | null;
  voicemail_offered: boolean;
}

/** Expired rows are removed at most this often, by whichever save comes first. */
const SWEEP_EVERY_MS = 60_000;

/**
 * `voice_calls`: what the channel remembers about a call between its webhooks (the menu choice,
 * whether the voicemail was offered), until `expires_at`. A call's callbacks arrive within minutes;
 * the expiry only bounds the table.
 */
export class PgCallStateStore implements CallStateStore {
  private lastSweep = 0;

  constructor(
    private readonly db: ChannelSqlClient,
    private readonly ttlMs: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async save(state: CallState): Promise<void> {
    const now = this.now();
    await this.db.query(
      `INSERT INTO voice_calls (call_sid, tenant, caller, called, category, voicemail_offered, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (call_sid) DO UPDATE SET category = EXCLUDED.category,
         voicemail_offered = EXCLUDED.voicemail_offered, expires_at = EXCLUDED.expires_at`,
      [
        state.callSid,
        state.tenant,
        state.caller,
        state.called,
        state.category ?? null,
        state.voicemailOffered,
        new Date(now.getTime() + this.ttlMs),
      ],
    );
    if (now.getTime() - this.lastSweep > SWEEP_EVERY_MS) {
      this.lastSweep = now.getTime();
      await this.db.query(`DELETE FROM voice_calls WHERE expires_at < $1`, [now]);
    }
  }

  async find(callSid: string): Promise<CallState | undefined> {
    const [row] = await this.db.query<CallRow>(
      `SELECT call_sid, tenant, caller, called, category, voicemail_offered FROM voice_calls
       WHERE call_sid = $1 AND expires_at > $2`,
      [callSid, this.now()],
    );
    if (!row) return undefined;
    return {
      callSid: row.call_sid,
      tenant: row.tenant,
      caller: row.caller,
      called: row.called,
      category: row.category ?? undefined,
      voicemailOffered: row.voicemail_offered,
    };
  }
}
