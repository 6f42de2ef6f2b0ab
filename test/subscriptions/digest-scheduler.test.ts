import { afterAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/clock.js';
import type { Reply } from '../../src/reply.js';
import { openStore } from '../../src/store/open-store.js';
import { PostgresStore } from '../../src/store/postgres-store.js';
import type { Store } from '../../src/store/types.js';
import { announceChange } from '../../src/subscriptions/announce.js';
import { DeliveryWorker } from '../../src/subscriptions/delivery-worker.js';
import { DigestScheduler, digestKey } from '../../src/subscriptions/digest-scheduler.js';
import type { OutboxRow } from '../../src/subscriptions/outbox.js';
import type { Subscription } from '../../src/subscriptions/subscription.js';
import { DATABASE_URL, POSTGRES_REQUIRED, probePostgres, TestSchemas } from '../store/postgres-database.js';
import { storyAbout } from './digest-fixtures.js';
import { corpusOf, freshDataDir, GUILD, RecordingPoster, removeStores, silentLogger } from './helpers.js';

afterAll(removeStores);

/** A clock the test sets by hand, shared by the store and the scheduler. */
class SetClock {
  private current: Date;
  constructor(start: string) {
    this.current = new Date(start);
  }
  readonly now: Clock = () => new Date(this.current);
  set(iso: string): void {
    this.current = new Date(iso);
  }
}

/** A real SQLite store in `dataDir` (a fresh one by default) on the test's clock. */
function sqliteStore(clock: SetClock, dataDir = freshDataDir()): Promise<Store> {
  return openStore({ dataDir, now: clock.now });
}

function digestSubscription(
  store: Store,
  channelId: string,
  time: string,
  timeZone: string,
  topic: string | null = null,
) {
  return store.addSubscription({
    guildId: GUILD,
    channelId,
    topic,
    mode: 'digest',
    digest: { time, timeZone },
    createdBy: 'user-1',
  });
}

async function announce(store: Store, subject: string): Promise<void> {
  const article = storyAbout(subject);
  await announceChange({ kind: 'added', origin: article.origin, article }, { store, corpus: corpusOf(article) });
}

function scheduler(store: Store, clock: SetClock): DigestScheduler {
  return new DigestScheduler({ store, logger: silentLogger(), now: clock.now });
}

async function digests(store: Store): Promise<OutboxRow[]> {
  const rows = await store.listOutbox(GUILD, { limit: 1_000 });
  return rows.filter((row) => row.updateKey.startsWith('digest:')).reverse();
}

const postOf = (row: OutboxRow): Reply => JSON.parse(row.payload!) as Reply;

describe('the digest scheduler', () => {
  it('posts each subscription’s digest at its own local time, once per slot', async () => {
    const clock = new SetClock('2025-08-12T09:00:00Z');
    const store = await sqliteStore(clock);
    const paris = await digestSubscription(store, 'paris', '18:30', 'Europe/Paris');
    const newYork = await digestSubscription(store, 'new-york', '09:00', 'America/New_York');
    const tokyo = await digestSubscription(store, 'tokyo', '07:00', 'Asia/Tokyo');
    clock.set('2025-08-12T09:30:00Z');
    await announce(store, 'Ferry');
    const digester = scheduler(store, clock);

    clock.set('2025-08-12T12:59:59Z');
    expect(await digester.tick()).toEqual({ due: 0, queued: 0, empty: 0, failed: 0 });
    clock.set('2025-08-12T13:00:05Z'); // 09:00 in New York, and the few seconds a slot settles
    expect(await digester.tick()).toMatchObject({ due: 1, queued: 1 });
    expect(await digester.tick()).toMatchObject({ due: 0 });
    clock.set('2025-08-12T16:30:05Z'); // 18:30 in Paris
    expect(await digester.tick()).toMatchObject({ due: 1, queued: 1 });
    clock.set('2025-08-12T22:00:05Z'); // 07:00 on the 13th in Tokyo
    expect(await digester.tick()).toMatchObject({ due: 1, queued: 1 });
    expect(await digester.tick()).toMatchObject({ due: 0 });

    const rows = await digests(store);
    expect(rows.map((row) => [row.channelId, row.updateKey])).toEqual([
      ['new-york', digestKey(newYork.id, new Date('2025-08-12T13:00:00Z'))],
      ['paris', digestKey(paris.id, new Date('2025-08-12T16:30:00Z'))],
      ['tokyo', digestKey(tokyo.id, new Date('2025-08-12T22:00:00Z'))],
    ]);
    for (const row of rows) {
      expect(postOf(row).title).toBe('Daily digest — 1 update');
      expect(row.subscriptionId).not.toBeNull();
    }
    expect((await store.getSubscription(paris.id))?.lastDigestAt).toEqual(new Date('2025-08-12T16:30:00Z'));
    await store.close();
  });

  it('keeps to the local time across a daylight-saving change', async () => {
    const clock = new SetClock('2025-03-28T12:00:00Z');
    const store = await sqliteStore(clock);
    const subscription = await digestSubscription(store, 'paris', '08:00', 'Europe/Paris');
    const digester = scheduler(store, clock);

    clock.set('2025-03-28T20:00:00Z');
    await announce(store, 'Ferry');
    clock.set('2025-03-29T07:00:05Z'); // 08:00 CET, UTC+1
    expect(await digester.tick()).toMatchObject({ queued: 1 });
    clock.set('2025-03-29T20:00:00Z');
    await announce(store, 'Airport');
    clock.set('2025-03-30T05:59:59Z');
    expect(await digester.tick()).toMatchObject({ due: 0 });
    clock.set('2025-03-30T06:00:05Z'); // 08:00 CEST, UTC+2, the morning clocks went forward
    expect(await digester.tick()).toMatchObject({ queued: 1 });
    clock.set('2025-03-30T07:00:05Z');
    expect(await digester.tick()).toMatchObject({ due: 0 });

    expect((await digests(store)).map((row) => row.updateKey)).toEqual([
      digestKey(subscription.id, new Date('2025-03-29T07:00:00Z')),
      digestKey(subscription.id, new Date('2025-03-30T06:00:00Z')),
    ]);
    await store.close();
  });

  it('sends nothing when nothing is new, and the next digest starts from that slot', async () => {
    const clock = new SetClock('2025-08-12T09:00:00Z');
    const store = await sqliteStore(clock);
    const subscription = await digestSubscription(store, 'paris', '18:30', 'Europe/Paris');
    const digester = scheduler(store, clock);

    clock.set('2025-08-12T16:30:05Z');
    expect(await digester.tick()).toEqual({ due: 1, queued: 0, empty: 1, failed: 0 });
    expect(await digests(store)).toEqual([]);
    expect((await store.getSubscription(subscription.id))?.lastDigestAt).toEqual(new Date('2025-08-12T16:30:00Z'));

    clock.set('2025-08-13T10:00:00Z');
    await announce(store, 'Ferry');
    clock.set('2025-08-13T16:30:05Z');
    expect(await digester.tick()).toMatchObject({ queued: 1 });
    const [row] = await digests(store);
    expect(postOf(row!).intro).toBe('Since 2025-08-12 18:30 Europe/Paris');
    await store.close();
  });

  it('gathers only the updates on each subscription’s topic', async () => {
    const clock = new SetClock('2025-08-12T09:00:00Z');
    const store = await sqliteStore(clock);
    await digestSubscription(store, 'ferries', '18:30', 'Europe/Paris', 'ferry');
    await digestSubscription(store, 'spokespeople', '18:30', 'Europe/Paris', 'Ana Ruiz');
    await digestSubscription(store, 'trains', '18:30', 'Europe/Paris', 'train');
    clock.set('2025-08-12T10:00:00Z');
    await announce(store, 'Ferry');
    await announce(store, 'Airport');

    clock.set('2025-08-12T16:30:05Z');
    expect(await scheduler(store, clock).tick()).toEqual({ due: 3, queued: 2, empty: 1, failed: 0 });

    const titles = (await digests(store))
      .sort((a, b) => a.channelId.localeCompare(b.channelId))
      .map((row) => [row.channelId, postOf(row).items.map((item) => item.text)]);
    expect(titles).toEqual([
      ['ferries', [expect.stringMatching(/^News on Ferry — /)]],
      ['spokespeople', [expect.stringMatching(/^News on Airport — /), expect.stringMatching(/^News on Ferry — /)]],
    ]);
    await store.close();
  });

  it('leaves an update logged after the slot, before the tick, for the next digest', async () => {
    const clock = new SetClock('2025-08-12T09:00:00Z');
    const store = await sqliteStore(clock);
    await digestSubscription(store, 'paris', '18:30', 'Europe/Paris');
    const digester = scheduler(store, clock);
    clock.set('2025-08-12T10:00:00Z');
    await announce(store, 'Ferry');
    clock.set('2025-08-12T16:30:01Z');
    await announce(store, 'Airport');

    clock.set('2025-08-12T16:30:30Z');
    await digester.tick();
    clock.set('2025-08-13T16:30:30Z');
    await digester.tick();

    const items = (await digests(store)).map((row) => postOf(row).items.map((item) => item.text.split(' — ')[0]));
    expect(items).toEqual([['News on Ferry'], ['News on Airport']]);
    await store.close();
  });

  it('sends one digest covering every slot missed while the bot was down', async () => {
    const clock = new SetClock('2025-08-12T09:00:00Z');
    const store = await sqliteStore(clock);
    await digestSubscription(store, 'paris', '18:30', 'Europe/Paris');
    clock.set('2025-08-12T10:00:00Z');
    await announce(store, 'Ferry');
    clock.set('2025-08-13T10:00:00Z');
    await announce(store, 'Airport');

    clock.set('2025-08-14T20:00:00Z');
    expect(await scheduler(store, clock).tick()).toMatchObject({ due: 1, queued: 1 });

    const rows = await digests(store);
    expect(rows).toHaveLength(1);
    expect(postOf(rows[0]!).title).toBe('Daily digest — 2 updates');
    await store.close();
  });

  it('queues a digest once when it crashes between queueing and marking it', async () => {
    const clock = new SetClock('2025-08-12T09:00:00Z');
    const store = await sqliteStore(clock);
    const subscription = await digestSubscription(store, 'paris', '18:30', 'Europe/Paris');
    clock.set('2025-08-12T10:00:00Z');
    await announce(store, 'Ferry');
    const crashing = new Proxy(store, {
      get(target, property, receiver) {
        if (property === 'markDigested') return () => Promise.reject(new Error('crashed'));
        return Reflect.get(target, property, receiver);
      },
    });
    const logger = silentLogger();

    clock.set('2025-08-12T16:30:05Z');
    expect(await new DigestScheduler({ store: crashing, logger, now: clock.now }).tick()).toMatchObject({ failed: 1 });
    expect(await scheduler(store, clock).tick()).toMatchObject({ due: 1, queued: 1 });
    expect(await scheduler(store, clock).tick()).toMatchObject({ due: 0 });

    expect(await digests(store)).toHaveLength(1);
    expect((await store.getSubscription(subscription.id))?.lastDigestAt).toEqual(new Date('2025-08-12T16:30:00Z'));
    await store.close();
  });

  it('hands the digest to the delivery worker, which posts it once', async () => {
    const clock = new SetClock('2025-08-12T09:00:00Z');
    const store = await sqliteStore(clock);
    await digestSubscription(store, 'paris', '18:30', 'Europe/Paris');
    clock.set('2025-08-12T10:00:00Z');
    await announce(store, 'Ferry');
    const poster = new RecordingPoster();
    const worker = new DeliveryWorker({ store, poster, workerId: 'w', logger: silentLogger(), now: clock.now });
    let woken = 0;
    const digester = new DigestScheduler({ store, logger: silentLogger(), now: clock.now, onQueued: () => woken++ });

    clock.set('2025-08-12T16:30:05Z');
    await digester.tick();
    expect(woken).toBe(1);
    expect(await worker.drainOnce()).toMatchObject({ sent: 1, skipped: 0 });
    await digester.tick();
    expect(await worker.drainOnce()).toMatchObject({ sent: 0 });

    expect(poster.calls.map((call) => [call.channelId, call.reply.title])).toEqual([
      ['paris', 'Daily digest — 1 update'],
    ]);
    await store.close();
  });

  it('ticks when started and stops cleanly', async () => {
    const clock = new SetClock('2025-08-12T09:00:00Z');
    const store = await sqliteStore(clock);
    await digestSubscription(store, 'paris', '18:30', 'Europe/Paris');
    clock.set('2025-08-12T10:00:00Z');
    await announce(store, 'Ferry');
    clock.set('2025-08-12T16:30:05Z');
    let queued!: () => void;
    const wasQueued = new Promise<void>((resolve) => {
      queued = resolve;
    });
    const digester = new DigestScheduler({ store, logger: silentLogger(), now: clock.now, onQueued: () => queued() });

    digester.start();
    await wasQueued;
    await digester.stop();

    expect(await digests(store)).toHaveLength(1);
    await store.close();
  });
});

/** Several processes on one database: each ticks at the same moments, each slot is queued once per channel. */
async function expectOneDigestPerChannel(stores: Store[], clock: SetClock): Promise<Subscription[]> {
  const [first] = stores;
  const subscriptions: Subscription[] = [];
  for (let n = 0; n < 6; n++) {
    subscriptions.push(
      await digestSubscription(first!, `channel-${n}`, '18:30', n % 2 ? 'Europe/Paris' : 'Africa/Lagos'),
    );
  }
  clock.set('2025-08-12T10:00:00Z');
  await announce(first!, 'Ferry');
  const digesters = stores.flatMap((store) => [scheduler(store, clock), scheduler(store, clock)]);

  for (const at of ['2025-08-12T16:30:05Z', '2025-08-12T17:30:05Z', '2025-08-13T16:30:05Z', '2025-08-13T17:30:05Z']) {
    clock.set(at);
    if (at.startsWith('2025-08-13T16')) await announce(first!, 'Airport');
    const results = await Promise.all(digesters.map((digester) => digester.tick()));
    expect(results.every((result) => result.failed === 0)).toBe(true);
  }

  const rows = await digests(first!);
  const perChannel = new Map<string, number>();
  for (const row of rows) perChannel.set(row.channelId, (perChannel.get(row.channelId) ?? 0) + 1);
  // Two days. The second day's update came after the Paris slot (16:30 UTC) and before the Lagos
  // one (17:30 UTC): Lagos channels get a second digest, Paris ones have nothing new.
  expect(Object.fromEntries(perChannel)).toEqual({
    'channel-0': 2,
    'channel-1': 1,
    'channel-2': 2,
    'channel-3': 1,
    'channel-4': 2,
    'channel-5': 1,
  });
  expect(new Set(rows.map((row) => row.updateKey)).size).toBe(rows.length);
  return subscriptions;
}

const unreachable = await probePostgres();
const skip = unreachable !== undefined && !POSTGRES_REQUIRED;
const schemas = new TestSchemas();
afterAll(() => schemas.dropAll());

describe('digest schedulers in several processes', () => {
  it('queue one digest per channel and slot on one SQLite file', async () => {
    const clock = new SetClock('2025-08-12T09:00:00Z');
    const dataDir = freshDataDir();
    const stores = [await sqliteStore(clock, dataDir), await sqliteStore(clock, dataDir)];
    try {
      await expectOneDigestPerChannel(stores, clock);
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  });

  it.skipIf(skip)(
    `queue one digest per channel and slot on one PostgreSQL database${skip ? ` (skipped: ${DATABASE_URL} unreachable)` : ''}`,
    async () => {
      if (unreachable !== undefined) throw new Error(`PostgreSQL at ${DATABASE_URL} is unreachable: ${unreachable}`);
      const clock = new SetClock('2025-08-12T09:00:00Z');
      const pool = schemas.poolConfig(await schemas.create('digests'));
      const stores = [
        await PostgresStore.open({ pool, now: clock.now }),
        await PostgresStore.open({ pool, now: clock.now }),
      ];
      try {
        await expectOneDigestPerChannel(stores, clock);
      } finally {
        await Promise.all(stores.map((store) => store.close()));
      }
    },
  );
});
