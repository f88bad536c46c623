import { PgCallStateStore, PgOptOutStore, PgSmsStatusLedger } from '@switchboard/channel-voice';
import { loadConfig } from '@switchboard/config';
import { openDatabase, type Database } from '@switchboard/persistence';
import { createTestDatabase, type TestDatabase } from '@switchboard/testing';

/** The channel's own tables (migration VoiceChannel1764000011000) through its stores. */
describe('voice channel stores', () => {
  let testDb: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    testDb = await createTestDatabase('voice_stores');
    db = await openDatabase(loadConfig({ DATABASE_URL: testDb.url }));
  });
  afterAll(async () => {
    await db.close();
    await testDb.drop();
  });

  it('keeps the first opt-out per tenant and number until it is lifted', async () => {
    const store = new PgOptOutStore(db);
    const at = new Date('2026-12-01T10:00:00Z');
    await store.record({ tenant: 'acme', phone: '+14155550001', source: 'keyword', detail: 'STOP', at });
    await store.record({ tenant: 'acme', phone: '+14155550001', source: 'provider', detail: '21610', at: new Date() });
    expect(await store.find('acme', '+14155550001')).toEqual({
      tenant: 'acme',
      phone: '+14155550001',
      source: 'keyword',
      detail: 'STOP',
      at,
    });
    expect(await store.find('globex', '+14155550001')).toBeUndefined();
    expect(await store.lift('acme', '+14155550001')).toBe(true);
    expect(await store.lift('acme', '+14155550001')).toBe(false);
    expect(await store.find('acme', '+14155550001')).toBeUndefined();
  });

  it('remembers a call until its state expires, and sweeps expired calls', async () => {
    let now = new Date('2026-12-01T10:00:00Z');
    const store = new PgCallStateStore(db, 60_000, () => now);
    const call = { callSid: `CA${'1'.repeat(32)}`, tenant: 'acme', caller: '+14155550002', called: '+14155550100' };
    await store.save({ ...call, voicemailOffered: false });
    await store.save({ ...call, category: 'billing', voicemailOffered: true });
    expect(await store.find(call.callSid)).toEqual({ ...call, category: 'billing', voicemailOffered: true });
    now = new Date(now.getTime() + 61_000);
    expect(await store.find(call.callSid)).toBeUndefined();
    await store.save({ ...call, callSid: `CA${'2'.repeat(32)}`, voicemailOffered: false });
    const left = await db.query<{ call_sid: string }>(`SELECT call_sid FROM voice_calls ORDER BY call_sid`);
    expect(left.map((r) => r.call_sid)).toEqual([`CA${'2'.repeat(32)}`]);
  });

  it('advances a reply only to a higher status rank', async () => {
    const ledger = new PgSmsStatusLedger(db);
    expect(await ledger.advance('acme', 'm-1', 2, 'sent')).toBe(true);
    expect(await ledger.advance('acme', 'm-1', 3, 'delivered')).toBe(true);
    expect(await ledger.advance('acme', 'm-1', 2, 'sent')).toBe(false);
    expect(await ledger.advance('acme', 'm-1', 3, 'failed')).toBe(false);
  });
});
