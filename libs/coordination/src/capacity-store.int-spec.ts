import { randomUUID } from 'node:crypto';
import { CountersNotSeededError, type CapacityStore } from './capacity-store';
import { InMemoryCapacityStore } from './in-memory/in-memory-capacity-store';
import { RedisCapacityStore } from './redis/redis-capacity-store';

const REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

describe.each([
  ['Redis', () => new RedisCapacityStore(REDIS_URL, `sbtest-${randomUUID()}`)],
  ['in-memory', () => new InMemoryCapacityStore()],
])('%s capacity store', (_name, makeStore: () => CapacityStore) => {
  let store: CapacityStore;
  const tenant = randomUUID();
  beforeEach(async () => {
    store = makeStore();
    await store.seedMissing(tenant, new Map());
  });
  afterEach(() => store.close());

  it('answers a ping while it is reachable', async () => {
    await expect(store.ping()).resolves.toBeUndefined();
  });

  it('spreads concurrent reservations evenly and never over capacity', async () => {
    const candidates = [
      { agentId: 'a', capacity: 10 },
      { agentId: 'b', capacity: 10 },
      { agentId: 'c', capacity: 10 },
    ];
    const chosen = await Promise.all(Array.from({ length: 40 }, () => store.reserveLeastLoaded(tenant, candidates)));
    const loads = await store.loads(tenant, ['a', 'b', 'c']);
    expect([...loads.values()]).toEqual([10, 10, 10]);
    expect(chosen.filter((c) => c === undefined)).toHaveLength(10);
  });

  it('prefers the agent with the most spare capacity, and releases give capacity back', async () => {
    const candidates = [
      { agentId: 'small', capacity: 1 },
      { agentId: 'big', capacity: 5 },
    ];
    expect(await store.reserveLeastLoaded(tenant, candidates)).toBe('big');
    // 'big' has a live counter (1) that seeding must not overwrite; 'small' has none and gets 0.
    await store.seedMissing(
      tenant,
      new Map([
        ['big', 0],
        ['small', 0],
      ]),
    );
    expect(await store.loads(tenant, ['big', 'small'])).toEqual(
      new Map([
        ['big', 1],
        ['small', 0],
      ]),
    );
    await store.seedMissing(tenant, new Map());
    for (let i = 0; i < 4; i++) await store.reserveLeastLoaded(tenant, [{ agentId: 'big', capacity: 5 }]);
    expect(await store.reserveLeastLoaded(tenant, candidates)).toBe('small');
    expect(await store.reserveLeastLoaded(tenant, candidates)).toBeUndefined();
    await store.release([{ tenantId: tenant, agentId: 'big' }]);
    expect(await store.reserveLeastLoaded(tenant, candidates)).toBe('big');
  });

  it('takes turns in round robin, skipping full agents, and remembers the turn per team', async () => {
    const candidates = ['a', 'b', 'c'].map((agentId) => ({ agentId, capacity: 2 }));
    const picks: (string | undefined)[] = [];
    for (let i = 0; i < 7; i++) picks.push(await store.reserveRoundRobin(tenant, 'team-rr', candidates));
    expect(picks).toEqual(['a', 'b', 'c', 'a', 'b', 'c', undefined]);
    await store.release([{ tenantId: tenant, agentId: 'b' }]);
    expect(await store.reserveRoundRobin(tenant, 'team-rr', candidates)).toBe('b');
    expect(await store.reserveRoundRobin(tenant, 'other-team', [{ agentId: 'z', capacity: 1 }])).toBe('z');
  });

  it('holds a per-channel limit next to the total: one call at a time, chats beside it', async () => {
    const agents = [
      { agentId: 'a', capacity: 3, channelCapacity: 1 },
      { agentId: 'b', capacity: 3, channelCapacity: 1 },
    ];
    expect(await store.reserveLeastLoaded(tenant, agents, 'voice')).toBe('a');
    expect(await store.reserveLeastLoaded(tenant, agents, 'voice')).toBe('b');
    expect(await store.reserveLeastLoaded(tenant, agents, 'voice')).toBeUndefined();
    const chats = agents.map((a) => ({ ...a, channelCapacity: 5 }));
    expect(await store.reserveRoundRobin(tenant, 'team-ch', chats, 'wechat')).toBe('a');
    expect(await store.reserveRoundRobin(tenant, 'team-ch', chats, 'wechat')).toBe('b');
    expect(await store.reserveRoundRobin(tenant, 'team-ch', chats, 'wechat')).toBe('a');
    // a: 1 voice + 2 wechat = its total of 3, so only b has room left, for one more.
    expect(await store.reserveLeastLoaded(tenant, chats, 'wechat')).toBe('b');
    expect(await store.reserveLeastLoaded(tenant, chats, 'wechat')).toBeUndefined();
    expect(await store.loads(tenant, ['a', 'b'])).toEqual(
      new Map([
        ['a', 3],
        ['b', 3],
      ]),
    );
    expect(await store.loads(tenant, ['a', 'b'], 'voice')).toEqual(
      new Map([
        ['a', 1],
        ['b', 1],
      ]),
    );
    await store.release([{ tenantId: tenant, agentId: 'a', channel: 'voice' }]);
    expect(await store.loads(tenant, ['a'], 'voice')).toEqual(new Map([['a', 0]]));
    expect(await store.reserveLeastLoaded(tenant, agents, 'voice')).toBe('a');
  });

  it('seeds missing channel counters without touching live ones', async () => {
    expect(await store.reserveLeastLoaded(tenant, [{ agentId: 'x', capacity: 5, channelCapacity: 2 }], 'sms')).toBe(
      'x',
    );
    await store.seedMissing(
      tenant,
      new Map([['x', 4]]),
      new Map([
        [
          'x',
          new Map([
            ['sms', 0],
            ['email', 3],
          ]),
        ],
      ]),
    );
    expect(await store.loads(tenant, ['x'])).toEqual(new Map([['x', 1]]));
    expect(await store.loads(tenant, ['x'], 'sms')).toEqual(new Map([['x', 1]]));
    expect(await store.loads(tenant, ['x'], 'email')).toEqual(new Map([['x', 3]]));
  });

  it('refuses to reserve for a tenant whose counters were never seeded, until they are', async () => {
    const unseeded = randomUUID();
    const agent = [{ agentId: 'a', capacity: 1 }];
    await expect(store.reserveLeastLoaded(unseeded, agent)).rejects.toBeInstanceOf(CountersNotSeededError);
    await expect(store.reserveRoundRobin(unseeded, 'team', agent, 'email')).rejects.toBeInstanceOf(
      CountersNotSeededError,
    );
    expect(await store.reserveLeastLoaded(unseeded, [])).toBeUndefined();
    await store.seedMissing(unseeded, new Map([['a', 0]]));
    expect(await store.reserveLeastLoaded(unseeded, agent)).toBe('a');
  });

  it('counts manual assignments beyond capacity, and leaves unseeded counters to the reseed', async () => {
    await store.add([
      { tenantId: tenant, agentId: 'm', channel: 'email' },
      { tenantId: tenant, agentId: 'm', channel: 'email' },
    ]);
    expect(await store.loads(tenant, ['m'])).toEqual(new Map([['m', 2]]));
    expect(await store.loads(tenant, ['m'], 'email')).toEqual(new Map([['m', 2]]));
    expect(await store.reserveLeastLoaded(tenant, [{ agentId: 'm', capacity: 2 }])).toBeUndefined();
    const unseeded = randomUUID();
    await store.add([{ tenantId: unseeded, agentId: 'm' }]);
    await store.seedMissing(unseeded, new Map([['m', 5]]));
    expect(await store.loads(unseeded, ['m'])).toEqual(new Map([['m', 5]]));
  });
});
