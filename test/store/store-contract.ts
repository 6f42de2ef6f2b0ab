import { afterEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/clock.js';
import type { NewFeedArticle } from '../../src/ingest/feed-records.js';
import { MAX_IDEMPOTENCY_KEY_LENGTH } from '../../src/store/idempotency-key.js';
import { MIGRATIONS, type Migration } from '../../src/store/migrations/index.js';
import type { Store } from '../../src/store/types.js';
import type { DeliveryTarget } from '../../src/subscriptions/outbox.js';
import type { NewSubscription } from '../../src/subscriptions/subscription.js';
import type { NewLoggedUpdate } from '../../src/subscriptions/update-log.js';

/** A fresh, empty database that several store instances (think: processes) can open. */
export interface TestDatabase {
  /** Opens a store on it, migrated up to `migrations` (all of them by default). */
  open(now: Clock, migrations?: readonly Migration[]): Promise<Store>;
}

/** How one back-end makes fresh databases for the contract; it cleans them up itself. */
export interface StoreHarness {
  freshDatabase(): Promise<TestDatabase>;
}

const START = Date.parse('2025-03-01T12:00:00Z');
const GUILD = '100000000000000001';
const OTHER_GUILD = '100000000000000002';
const LEASE_MS = 30_000;
const ALL_VERSIONS = MIGRATIONS.map((migration) => migration.version);

/** Time that moves only when a test says so, shared by every store instance in the test. */
class TestClock {
  private time = START;
  readonly now: Clock = () => new Date(this.time);
  advance(ms: number): void {
    this.time += ms;
  }
}

const channel = (n: number): string => String(200000000000000000n + BigInt(n));
const targets = (count: number, guildId = GUILD): DeliveryTarget[] =>
  Array.from({ length: count }, (_, n) => ({ guildId, channelId: channel(n) }));
const everyUpdate = (overrides: Partial<NewSubscription> = {}): NewSubscription => ({
  guildId: GUILD,
  channelId: channel(1),
  mode: 'every',
  createdBy: '300000000000000001',
  ...overrides,
});

/** The behaviour every Store must have, run against each back-end. */
export function defineStoreContract(harness: StoreHarness): void {
  const opened: Store[] = [];
  let clock: TestClock;

  /** A fresh database and `count` store instances on it, closed after the test. */
  async function openStores(count: number): Promise<Store[]> {
    clock = new TestClock();
    const database = await harness.freshDatabase();
    const stores: Store[] = [];
    for (let n = 0; n < count; n++) stores.push(await database.open(clock.now));
    opened.push(...stores);
    return stores;
  }
  const openStore = async (): Promise<Store> => (await openStores(1))[0]!;

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
  });

  describe('subscriptions', () => {
    it('lists a subscription in its own guild only', async () => {
      const store = await openStore();
      const added = await store.addSubscription(everyUpdate({ topic: 'Zelenskyy' }));
      expect(added).toMatchObject({
        guildId: GUILD,
        channelId: channel(1),
        topic: 'Zelenskyy',
        mode: 'every',
        digest: null,
        paused: false,
        pausedReason: null,
        lastDeliveryAt: null,
        lastFailure: null,
        lastDigestAt: null,
      });
      expect(added.createdAt).toEqual(clock.now());
      expect(await store.listSubscriptions(GUILD)).toEqual([added]);
      expect(await store.listSubscriptions(OTHER_GUILD)).toEqual([]);
      expect(await store.getSubscription(added.id)).toEqual(added);
    });

    it('keeps a digest time and time zone', async () => {
      const store = await openStore();
      const added = await store.addSubscription(
        everyUpdate({ mode: 'digest', digest: { time: '18:30', timeZone: 'Europe/Paris' } }),
      );
      expect((await store.getSubscription(added.id))?.digest).toEqual({ time: '18:30', timeZone: 'Europe/Paris' });
    });

    it('refuses a digest without a valid time and time zone', async () => {
      const store = await openStore();
      await expect(store.addSubscription(everyUpdate({ mode: 'digest' }))).rejects.toThrow(/time zone/);
      await expect(
        store.addSubscription(everyUpdate({ mode: 'digest', digest: { time: '25:00', timeZone: 'UTC' } })),
      ).rejects.toThrow(/HH:MM/);
      await expect(
        store.addSubscription(everyUpdate({ mode: 'digest', digest: { time: '08:00', timeZone: 'Mars/Olympus' } })),
      ).rejects.toThrow(/Mars\/Olympus/);
      expect(await store.listSubscriptions(GUILD)).toEqual([]);
    });

    it('removes a subscription only from its own guild and skips what it had waiting', async () => {
      const store = await openStore();
      const subscription = await store.addSubscription(everyUpdate());
      await store.enqueue('story:1', [{ guildId: GUILD, channelId: channel(1), subscriptionId: subscription.id }]);
      expect(await store.removeSubscription(OTHER_GUILD, subscription.id)).toBe(false);
      expect(await store.removeSubscription(GUILD, subscription.id)).toBe(true);
      expect(await store.removeSubscription(GUILD, subscription.id)).toBe(false);
      expect(await store.listSubscriptions(GUILD)).toEqual([]);
      expect(await store.listOutbox(GUILD)).toMatchObject([{ status: 'skipped', reason: 'unsubscribed' }]);
      expect(await store.claim('worker', 10, LEASE_MS)).toEqual([]);
    });

    it('pauses and resumes with a reason, and lists only active ones for fan-out', async () => {
      const store = await openStore();
      const paused = await store.addSubscription(everyUpdate());
      const active = await store.addSubscription(everyUpdate({ guildId: OTHER_GUILD, channelId: channel(2) }));
      await store.pauseSubscription(paused.id, 'paused by an admin');
      expect(await store.getSubscription(paused.id)).toMatchObject({
        paused: true,
        pausedReason: 'paused by an admin',
      });
      expect((await store.listActiveSubscriptions()).map((s) => s.id)).toEqual([active.id]);
      await store.resumeSubscription(paused.id);
      expect(await store.getSubscription(paused.id)).toMatchObject({ paused: false, pausedReason: null });
      expect((await store.listActiveSubscriptions()).map((s) => s.id).sort()).toEqual([paused.id, active.id].sort());
    });
  });

  describe('digest bookkeeping', () => {
    it('records the slot a digest covered, and only ever moves it forward', async () => {
      const store = await openStore();
      const digest = await store.addSubscription(
        everyUpdate({ mode: 'digest', digest: { time: '18:30', timeZone: 'Europe/Paris' } }),
      );
      const slot = new Date('2025-03-01T17:30:00Z');
      expect(await store.markDigested(digest.id, slot)).toBe(true);
      expect((await store.getSubscription(digest.id))?.lastDigestAt).toEqual(slot);
      expect(await store.markDigested(digest.id, slot)).toBe(false);
      expect(await store.markDigested(digest.id, new Date('2025-02-28T17:30:00Z'))).toBe(false);
      expect((await store.getSubscription(digest.id))?.lastDigestAt).toEqual(slot);
      const next = new Date('2025-03-02T17:30:00Z');
      expect(await store.markDigested(digest.id, next)).toBe(true);
      expect((await store.listSubscriptions(GUILD))[0]?.lastDigestAt).toEqual(next);
      expect(await store.markDigested('no-such-subscription', next)).toBe(false);
    });
  });

  describe('feeds added at run time', () => {
    const feed = (url: string, guildId = GUILD) => ({ guildId, url, addedBy: '300000000000000001' });

    it('adds a feed once; adding it again, from any guild, returns the one already there', async () => {
      const store = await openStore();
      const first = await store.addFeed(feed('https://example.org/a.xml'));
      expect(first).toEqual({
        added: true,
        feed: { ...feed('https://example.org/a.xml'), addedAt: clock.now() },
      });
      clock.advance(1_000);
      expect(await store.addFeed(feed('https://example.org/a.xml', OTHER_GUILD))).toEqual({
        added: false,
        feed: first.feed,
      });
      expect(await store.listFeeds()).toEqual([first.feed]);
    });

    it('lists feeds oldest first and removes one by its URL', async () => {
      const store = await openStore();
      await store.addFeed(feed('https://example.org/b.xml'));
      clock.advance(1_000);
      await store.addFeed(feed('https://example.org/a.xml', OTHER_GUILD));
      expect((await store.listFeeds()).map((f) => f.url)).toEqual([
        'https://example.org/b.xml',
        'https://example.org/a.xml',
      ]);
      expect(await store.removeFeed('https://example.org/b.xml')).toBe(true);
      expect(await store.removeFeed('https://example.org/b.xml')).toBe(false);
      expect((await store.listFeeds()).map((f) => f.url)).toEqual(['https://example.org/a.xml']);
    });

    it('adds a feed exactly once when two processes add it at the same time', async () => {
      const [first, second] = await openStores(2);
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, n) => (n % 2 ? first! : second!).addFeed(feed('https://example.org/a.xml'))),
      );
      expect(results.filter((result) => result.added)).toHaveLength(1);
      expect(new Set(results.map((result) => JSON.stringify(result.feed))).size).toBe(1);
      expect(await first!.listFeeds()).toHaveLength(1);
    });
  });

  describe('feed articles', () => {
    const FEED = 'https://example.org/feed.xml';
    const OTHER_FEED = 'https://example.org/other.xml';
    const feedArticle = (key: string, overrides: Partial<NewFeedArticle> = {}): NewFeedArticle => ({
      origin: `${overrides.feedUrl ?? FEED} ${key}`,
      feedUrl: FEED,
      fingerprint: `fp-${key}`,
      articleOrigin: `https://example.org/${key}`,
      title: `Title ${key}`,
      date: '2025-08-10',
      source: 'Example Wire',
      url: `https://example.org/${key}`,
      author: null,
      text: `First paragraph of ${key}, with “quotes” and ünïcode.\n\nSecond paragraph.`,
      ...overrides,
    });

    it('saves a feed article under its origin and lists it back exactly, with when it was saved', async () => {
      const store = await openStore();
      expect(await store.listFeedArticles()).toEqual([]);
      const saved = feedArticle('a', { title: null, date: null, source: null, url: null });
      await store.saveFeedArticle(saved);
      expect(await store.listFeedArticles()).toEqual([{ ...saved, updatedAt: clock.now() }]);
    });

    it('replaces what was saved under the same origin when saved again', async () => {
      const store = await openStore();
      await store.saveFeedArticle(feedArticle('a'));
      clock.advance(1_000);
      const changed = feedArticle('a', { fingerprint: 'fp-a2', title: 'Revised', text: 'Revised text.' });
      await store.saveFeedArticle(changed);
      expect(await store.listFeedArticles()).toEqual([{ ...changed, updatedAt: clock.now() }]);
    });

    it('lists oldest save first, all feeds or one, and removes one by its origin', async () => {
      const store = await openStore();
      await store.saveFeedArticle(feedArticle('b'));
      clock.advance(1_000);
      await store.saveFeedArticle(feedArticle('a', { feedUrl: OTHER_FEED }));
      clock.advance(1_000);
      await store.saveFeedArticle(feedArticle('c'));
      const origins = (articles: { origin: string }[]) => articles.map((article) => article.origin);
      expect(origins(await store.listFeedArticles())).toEqual([`${FEED} b`, `${OTHER_FEED} a`, `${FEED} c`]);
      expect(origins(await store.listFeedArticles(FEED))).toEqual([`${FEED} b`, `${FEED} c`]);
      expect(origins(await store.listFeedArticles('https://example.org/none.xml'))).toEqual([]);
      expect(await store.removeFeedArticle(`${FEED} b`)).toBe(true);
      expect(await store.removeFeedArticle(`${FEED} b`)).toBe(false);
      expect(origins(await store.listFeedArticles())).toEqual([`${OTHER_FEED} a`, `${FEED} c`]);
    });

    it('keeps one row per origin when two processes save it at the same time', async () => {
      const [first, second] = await openStores(2);
      await Promise.all(
        Array.from({ length: 6 }, (_, n) =>
          (n % 2 ? first! : second!).saveFeedArticle(feedArticle('a', { fingerprint: `fp-${n}` })),
        ),
      );
      const saved = await second!.listFeedArticles();
      expect(saved).toHaveLength(1);
      expect(saved[0]?.fingerprint).toMatch(/^fp-[0-5]$/);
    });
  });

  describe('articles seen', () => {
    it('reads what was recorded for an article without recording anything', async () => {
      const store = await openStore();
      expect(await store.getArticleVersion('seeds', 'strike.md')).toBeNull();
      await store.recordArticleVersion('seeds', 'strike.md', 'hash-a');
      await store.recordArticleVersion('seeds', 'strike.md', 'hash-b');
      expect(await store.getArticleVersion('seeds', 'strike.md')).toEqual({ contentHash: 'hash-b', version: 2 });
      expect(await store.getArticleVersion('seeds', 'strike.md')).toEqual({ contentHash: 'hash-b', version: 2 });
      expect(await store.getArticleVersion('feeds', 'strike.md')).toBeNull();
      expect(await store.recordArticleVersion('seeds', 'strike.md', 'hash-b')).toEqual({
        change: 'unchanged',
        version: 2,
      });
    });

    it('tells a new article from an updated one and an unchanged one', async () => {
      const store = await openStore();
      expect(await store.recordArticleVersion('seeds', 'strike.md', 'hash-a')).toEqual({ change: 'new', version: 1 });
      expect(await store.recordArticleVersion('seeds', 'strike.md', 'hash-a')).toEqual({
        change: 'unchanged',
        version: 1,
      });
      expect(await store.recordArticleVersion('seeds', 'strike.md', 'hash-b')).toEqual({
        change: 'updated',
        version: 2,
      });
      expect(await store.recordArticleVersion('seeds', 'strike.md', 'hash-b')).toEqual({
        change: 'unchanged',
        version: 2,
      });
      expect(await store.recordArticleVersion('seeds', 'strike.md', 'hash-a')).toEqual({
        change: 'updated',
        version: 3,
      });
    });

    it('keeps origins and articles apart', async () => {
      const store = await openStore();
      await store.recordArticleVersion('seeds', 'strike.md', 'hash-a');
      expect(await store.recordArticleVersion('https://example.org/feed.xml', 'strike.md', 'hash-a')).toEqual({
        change: 'new',
        version: 1,
      });
      expect(await store.recordArticleVersion('seeds', 'talks.md', 'hash-a')).toEqual({ change: 'new', version: 1 });
    });

    it('calls an article new for exactly one of two processes that see it at once', async () => {
      const [first, second] = await openStores(2);
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, n) => (n % 2 ? first! : second!).recordArticleVersion('seeds', 'a.md', 'h1')),
      );
      expect(results.filter((result) => result.change === 'new')).toHaveLength(1);
      expect(results.filter((result) => result.change === 'unchanged')).toHaveLength(9);
    });
  });

  describe('update log', () => {
    const update = (n: number, overrides: Partial<NewLoggedUpdate> = {}): NewLoggedUpdate => ({
      updateKey: `article:hash-${n}`,
      articleId: `hash-${n}`,
      origin: `story-${n}.md`,
      kind: 'new',
      title: `Story ${n}`,
      searchText: `Story ${n}\nFerry workers ended their strike.`,
      payload: JSON.stringify({ title: `Story ${n}`, items: [] }),
      ...overrides,
    });

    it('logs each update once, keeping the first, with the time it was announced', async () => {
      const store = await openStore();
      expect(await store.logUpdate(update(1))).toBe(true);
      clock.advance(1_000);
      expect(await store.logUpdate(update(1, { title: 'Another title', kind: 'updated' }))).toBe(false);
      const logged = await store.listUpdatesSince(new Date(0));
      expect(logged).toHaveLength(1);
      expect(logged[0]).toEqual({ ...update(1), id: logged[0]!.id, announcedAt: new Date(START) });
    });

    it('lists updates after one time and up to another, oldest first', async () => {
      const store = await openStore();
      for (const n of [1, 2, 3, 4]) {
        await store.logUpdate(update(n, n === 3 ? { kind: 'updated', origin: 'story-1.md' } : {}));
        clock.advance(1_000);
      }
      const at = (n: number) => new Date(START + (n - 1) * 1_000);
      const keys = async (since: Date, until?: Date) =>
        (await store.listUpdatesSince(since, until)).map((logged) => logged.updateKey);
      expect(await keys(at(1))).toEqual(['article:hash-2', 'article:hash-3', 'article:hash-4']);
      expect(await keys(new Date(at(1).getTime() - 1), at(3))).toEqual([
        'article:hash-1',
        'article:hash-2',
        'article:hash-3',
      ]);
      expect(await keys(at(2), at(2))).toEqual([]);
      expect(await keys(at(4))).toEqual([]);
      expect((await store.listUpdatesSince(at(2), at(3)))[0]).toMatchObject({ kind: 'updated', origin: 'story-1.md' });
    });

    it('lists only the newest updates after a time when asked for a bounded number, oldest first', async () => {
      const store = await openStore();
      for (const n of [1, 2, 3, 4, 5]) {
        await store.logUpdate(update(n));
        clock.advance(1_000);
      }
      const keys = async (since: Date, limit: number) =>
        (await store.listLatestUpdates(since, limit)).map((logged) => logged.updateKey);
      expect(await keys(new Date(0), 2)).toEqual(['article:hash-4', 'article:hash-5']);
      expect(await keys(new Date(START + 2_500), 10)).toEqual(['article:hash-4', 'article:hash-5']);
      expect(await keys(new Date(0), 10)).toHaveLength(5);
    });

    it('logs an update once when two processes log it at the same time', async () => {
      const [first, second] = await openStores(2);
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, n) => (n % 2 ? first! : second!).logUpdate(update(1))),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await second!.listUpdatesSince(new Date(0))).toHaveLength(1);
    });
  });

  describe('model tokens per guild and UTC day', () => {
    it('adds up tokens per guild and day and returns the new total', async () => {
      const store = await openStore();
      expect(await store.tokensUsed(GUILD, '2025-03-01')).toBe(0);
      expect(await store.addTokens(GUILD, '2025-03-01', 1_200)).toBe(1_200);
      expect(await store.addTokens(GUILD, '2025-03-01', 300.4)).toBe(1_500);
      expect(await store.addTokens(GUILD, '2025-03-02', 7)).toBe(7);
      expect(await store.addTokens(OTHER_GUILD, '2025-03-01', 0)).toBe(0);
      expect(await store.tokensUsed(GUILD, '2025-03-01')).toBe(1_500);
      expect(await store.tokensUsed(GUILD, '2025-03-02')).toBe(7);
      expect(await store.tokensUsed(OTHER_GUILD, '2025-03-01')).toBe(0);
    });

    it('counts every addition when two processes add at the same time', async () => {
      const [first, second] = await openStores(2);
      const additions = 40;
      const totals = await Promise.all(
        Array.from({ length: additions }, (_, n) => (n % 2 ? first! : second!).addTokens(GUILD, '2025-03-01', 100)),
      );
      expect(await first!.tokensUsed(GUILD, '2025-03-01')).toBe(additions * 100);
      // Each addition saw its own total: the running sums 100, 200, … in some order.
      expect([...totals].sort((a, b) => a - b)).toEqual(Array.from({ length: additions }, (_, n) => (n + 1) * 100));
    });

    it('reserves tokens only within the limit, and takes back what was not used', async () => {
      const store = await openStore();
      expect(await store.reserveTokens(GUILD, '2025-03-01', 3_000, 2_500)).toBeNull();
      expect(await store.tokensUsed(GUILD, '2025-03-01')).toBe(0);
      expect(await store.reserveTokens(GUILD, '2025-03-01', 1_500, 2_500)).toBe(1_500);
      expect(await store.reserveTokens(GUILD, '2025-03-01', 1_001, 2_500)).toBeNull();
      expect(await store.reserveTokens(GUILD, '2025-03-01', 1_000, 2_500)).toBe(2_500);
      expect(await store.refundTokens(GUILD, '2025-03-01', 700)).toBe(1_800);
      expect(await store.refundTokens(GUILD, '2025-03-01', 5_000)).toBe(0);
      expect(await store.refundTokens(OTHER_GUILD, '2025-03-01', 5)).toBe(0);
      expect(await store.tokensUsed(OTHER_GUILD, '2025-03-01')).toBe(0);
    });

    it('never passes the limit when two processes reserve at the same time', async () => {
      const [first, second] = await openStores(2);
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, n) => (n % 2 ? first! : second!).reserveTokens(GUILD, '2025-03-01', 300, 2_500)),
      );
      const granted = results.filter((total) => total !== null);
      expect(granted).toHaveLength(8);
      expect(await first!.tokensUsed(GUILD, '2025-03-01')).toBe(2_400);
      expect([...granted].sort((a, b) => a! - b!)).toEqual(Array.from({ length: 8 }, (_, n) => (n + 1) * 300));
    });

    it('refuses a day that is not YYYY-MM-DD and a negative count', async () => {
      const store = await openStore();
      await expect(store.addTokens(GUILD, '2025-3-1', 1)).rejects.toThrow(/YYYY-MM-DD/);
      await expect(store.addTokens(GUILD, '2025-02-30', 1)).rejects.toThrow(/YYYY-MM-DD/);
      await expect(store.tokensUsed(GUILD, 'today')).rejects.toThrow(/YYYY-MM-DD/);
      await expect(store.addTokens(GUILD, '2025-03-01', -5)).rejects.toThrow(/0 or more/);
      await expect(store.addTokens(GUILD, '2025-03-01', Number.NaN)).rejects.toThrow(/0 or more/);
      expect(await store.tokensUsed(GUILD, '2025-03-01')).toBe(0);
    });
  });

  describe('outbox', () => {
    it('enqueues one pending row per channel and ignores the same update again', async () => {
      const store = await openStore();
      expect(await store.enqueue('story:1', targets(3), { payload: '{"v":1}' })).toBe(3);
      expect(await store.enqueue('story:1', targets(5))).toBe(2);
      expect(await store.enqueue('story:1', targets(5))).toBe(0);
      expect(await store.enqueue('story:2', targets(1))).toBe(1);
      expect(await store.enqueue('story:3', [])).toBe(0);
      const rows = await store.listOutbox(GUILD, { limit: 100 });
      expect(rows).toHaveLength(6);
      expect(rows.every((row) => row.status === 'pending' && row.attempts === 0)).toBe(true);
      const first = rows.find((row) => row.updateKey === 'story:1' && row.channelId === channel(0));
      expect(first).toMatchObject({ payload: '{"v":1}', claimedBy: null, leaseExpiresAt: null, sentMessageId: null });
      expect(first?.nextAttemptAt).toEqual(clock.now());
    });

    it('enqueues an update once per channel when several processes enqueue it at the same time', async () => {
      const [first, second] = await openStores(2);
      // The race is narrow (both inserts in flight at once), so it is run many times.
      const rounds = 200;
      for (let round = 0; round < rounds; round++) {
        const key = `story:${round}`;
        const created = await Promise.all(
          [first!, second!, first!, second!].map((store) => store.enqueue(key, targets(1))),
        );
        expect(created.reduce((sum, n) => sum + n, 0)).toBe(1);
      }
      expect(await first!.listOutbox(GUILD, { limit: 1_000 })).toHaveLength(rounds);
    });

    it('gives each update and channel a stable idempotency key short enough for a Discord nonce', async () => {
      const store = await openStore();
      await store.enqueue('story:1', targets(2));
      await store.enqueue('story:2', targets(1));
      const rows = await store.listOutbox(GUILD);
      const keys = rows.map((row) => row.idempotencyKey);
      expect(new Set(keys).size).toBe(3);
      for (const key of keys) expect(key.length).toBeLessThanOrEqual(MAX_IDEMPOTENCY_KEY_LENGTH);

      const [again] = await openStores(1);
      await again!.enqueue('story:1', targets(1));
      const [row] = await again!.listOutbox(GUILD);
      expect(row?.idempotencyKey).toBe(
        rows.find((r) => r.updateKey === 'story:1' && r.channelId === channel(0))?.idempotencyKey,
      );
    });

    it('leases due rows to one worker and gives a second worker nothing while the lease lasts', async () => {
      const store = await openStore();
      await store.enqueue('story:1', targets(3));
      const claimed = await store.claim('worker-a', 2, LEASE_MS);
      expect(claimed.map((row) => row.channelId)).toEqual([channel(0), channel(1)]);
      for (const row of claimed) {
        expect(row).toMatchObject({ status: 'pending', attempts: 1, claimedBy: 'worker-a' });
        expect(row.leaseExpiresAt).toEqual(new Date(clock.now().getTime() + LEASE_MS));
      }
      expect((await store.claim('worker-b', 10, LEASE_MS)).map((row) => row.channelId)).toEqual([channel(2)]);
      expect(await store.claim('worker-b', 10, LEASE_MS)).toEqual([]);
    });

    it('claims every row exactly once when two processes claim in parallel', async () => {
      const [first, second] = await openStores(2);
      const rowCount = 300;
      await first!.enqueue('story:1', targets(rowCount));
      const claimedBy = new Map<number, string[]>();
      const drain = async (store: Store, worker: string) => {
        for (;;) {
          const rows = await store.claim(worker, 7, LEASE_MS);
          if (rows.length === 0) return;
          for (const row of rows) claimedBy.set(row.id, [...(claimedBy.get(row.id) ?? []), worker]);
        }
      };
      await Promise.all(
        [first!, second!].flatMap((store, s) => [0, 1, 2].map((w) => drain(store, `process-${s}-worker-${w}`))),
      );
      expect(claimedBy.size).toBe(rowCount);
      expect([...claimedBy.values()].filter((workers) => workers.length !== 1)).toEqual([]);
    });

    it('makes a claimed row claimable again when its lease runs out unacknowledged', async () => {
      const [crashed, survivor] = await openStores(2);
      await crashed!.enqueue('story:1', targets(1));
      const [row] = await crashed!.claim('crashed-worker', 1, LEASE_MS);
      await crashed!.close();
      clock.advance(LEASE_MS - 1);
      expect(await survivor!.claim('survivor', 1, LEASE_MS)).toEqual([]);
      clock.advance(1);
      const [reclaimed] = await survivor!.claim('survivor', 1, LEASE_MS);
      expect(reclaimed).toMatchObject({ id: row!.id, attempts: 2, claimedBy: 'survivor' });
      expect(reclaimed?.idempotencyKey).toBe(row!.idempotencyKey);
    });

    it('hands back the rows a stopping worker leased but did not reach, and nothing else', async () => {
      const [stopping, other] = await openStores(2);
      await stopping!.enqueue('story:1', targets(3));
      const [first, ...unreached] = await stopping!.claim('stopping-worker', 3, LEASE_MS);
      await stopping!.markSent(first!.id, '400000000000000001');
      expect(await stopping!.releaseClaims('stopping-worker')).toBe(unreached.length);
      const reclaimed = await other!.claim('other-worker', 10, LEASE_MS);
      expect(reclaimed.map((row) => row.id).sort()).toEqual(unreached.map((row) => row.id).sort());
      expect(await other!.releaseClaims('stopping-worker')).toBe(0);
    });

    it('never claims a sent row again and records the delivery on the subscription', async () => {
      const store = await openStore();
      const subscription = await store.addSubscription(everyUpdate());
      await store.enqueue('story:1', [{ guildId: GUILD, channelId: channel(1), subscriptionId: subscription.id }]);
      const [row] = await store.claim('worker', 1, LEASE_MS);
      clock.advance(1_000);
      await store.markSent(row!.id, '400000000000000001');
      clock.advance(LEASE_MS * 2);
      expect(await store.claim('worker', 10, LEASE_MS)).toEqual([]);
      expect(await store.listOutbox(GUILD)).toMatchObject([
        { status: 'sent', sentMessageId: '400000000000000001', claimedBy: null, leaseExpiresAt: null, attempts: 1 },
      ]);
      expect((await store.getSubscription(subscription.id))?.lastDeliveryAt).toEqual(new Date(START + 1_000));
    });

    it('waits for the backoff before retrying a failed row', async () => {
      const store = await openStore();
      const subscription = await store.addSubscription(everyUpdate());
      await store.enqueue('story:1', [{ guildId: GUILD, channelId: channel(1), subscriptionId: subscription.id }]);
      const [row] = await store.claim('worker', 1, LEASE_MS);
      const retryAt = new Date(clock.now().getTime() + 10_000);
      await store.markFailed(row!.id, 'Discord answered 503', retryAt);
      expect(await store.listOutbox(GUILD)).toMatchObject([
        { status: 'pending', reason: 'Discord answered 503', nextAttemptAt: retryAt, claimedBy: null },
      ]);
      expect(await store.getSubscription(subscription.id)).toMatchObject({
        paused: false,
        lastFailure: { at: clock.now(), reason: 'Discord answered 503' },
      });
      clock.advance(9_999);
      expect(await store.claim('worker', 1, LEASE_MS)).toEqual([]);
      clock.advance(1);
      expect(await store.claim('worker', 1, LEASE_MS)).toMatchObject([{ id: row!.id, attempts: 2 }]);
    });

    it('pauses the subscription on a permanent failure and holds its other rows until it is resumed', async () => {
      const store = await openStore();
      const broken = await store.addSubscription(everyUpdate());
      const healthy = await store.addSubscription(everyUpdate({ channelId: channel(2) }));
      for (const key of ['story:1', 'story:2']) {
        await store.enqueue(key, [
          { guildId: GUILD, channelId: channel(1), subscriptionId: broken.id },
          { guildId: GUILD, channelId: channel(2), subscriptionId: healthy.id },
        ]);
      }
      const [first] = await store.claim('worker', 1, LEASE_MS);
      expect(first).toMatchObject({ updateKey: 'story:1', channelId: channel(1) });
      await store.markFailed(first!.id, 'Unknown Channel (10003)', 'permanent');

      expect(await store.getSubscription(broken.id)).toMatchObject({
        paused: true,
        pausedReason: 'Unknown Channel (10003)',
        lastFailure: { at: clock.now(), reason: 'Unknown Channel (10003)' },
      });
      expect((await store.listOutbox(GUILD, { status: 'failed' })).map((row) => row.id)).toEqual([first!.id]);
      const due = await store.claim('worker', 10, LEASE_MS);
      expect(due.map((row) => row.channelId)).toEqual([channel(2), channel(2)]);

      await store.resumeSubscription(broken.id);
      expect(await store.claim('worker', 10, LEASE_MS)).toMatchObject([
        { updateKey: 'story:2', channelId: channel(1) },
      ]);
    });

    it('skips a row with the reason and never claims it', async () => {
      const store = await openStore();
      await store.enqueue('story:1', targets(1));
      const [row] = await store.listOutbox(GUILD);
      await store.markSkipped(row!.id, 'no longer matches the topic');
      expect(await store.listOutbox(GUILD)).toMatchObject([
        { status: 'skipped', reason: 'no longer matches the topic' },
      ]);
      expect(await store.claim('worker', 10, LEASE_MS)).toEqual([]);
    });

    it("lists a guild's outbox newest first, filtered by status and limited", async () => {
      const store = await openStore();
      await store.enqueue('story:1', targets(2));
      clock.advance(1_000);
      await store.enqueue('story:2', targets(1));
      await store.enqueue(
        'story:2',
        targets(1, OTHER_GUILD).map((t) => ({ ...t, channelId: channel(50) })),
      );
      const [row] = await store.claim('worker', 1, LEASE_MS);
      await store.markSent(row!.id, '400000000000000002');

      const rows = await store.listOutbox(GUILD);
      expect(rows.map((r) => [r.updateKey, r.channelId])).toEqual([
        ['story:2', channel(0)],
        ['story:1', channel(1)],
        ['story:1', channel(0)],
      ]);
      expect(await store.listOutbox(GUILD, { limit: 1 })).toHaveLength(1);
      expect((await store.listOutbox(GUILD, { status: 'sent' })).map((r) => r.id)).toEqual([row!.id]);
      expect((await store.listOutbox(OTHER_GUILD)).map((r) => r.channelId)).toEqual([channel(50)]);
    });

    it("counts a guild's outbox rows of one status, past any page of the list", async () => {
      const store = await openStore();
      expect(await store.countOutbox(GUILD, 'pending')).toBe(0);
      await store.enqueue('story:1', targets(1_200));
      const [sent, skipped] = await store.claim('worker', 2, LEASE_MS);
      await store.markSent(sent!.id, '400000000000000003');
      await store.markSkipped(skipped!.id, 'no longer wanted');
      await store.enqueue('story:2', targets(2, OTHER_GUILD));

      expect(await store.countOutbox(GUILD, 'pending')).toBe(1_198);
      expect(await store.countOutbox(GUILD, 'sent')).toBe(1);
      expect(await store.countOutbox(GUILD, 'skipped')).toBe(1);
      expect(await store.countOutbox(GUILD, 'failed')).toBe(0);
      expect(await store.countOutbox(OTHER_GUILD, 'pending')).toBe(2);
    });
  });

  describe('migrations', () => {
    it('applies every migration on a new database', async () => {
      const store = await openStore();
      expect(await store.migrationVersions()).toEqual(ALL_VERSIONS);
    });

    it('applies nothing when a database is opened again, and keeps its data', async () => {
      clock = new TestClock();
      const database = await harness.freshDatabase();
      const first = await database.open(clock.now);
      const subscription = await first.addSubscription(everyUpdate());
      await first.close();
      const second = await database.open(clock.now);
      opened.push(second);
      expect(await second.migrationVersions()).toEqual(ALL_VERSIONS);
      expect(await second.listSubscriptions(GUILD)).toEqual([subscription]);
    });

    it('brings a database made by an earlier version up to date, keeping its data', async () => {
      clock = new TestClock();
      const database = await harness.freshDatabase();
      const older = await database.open(clock.now, MIGRATIONS.slice(0, 1));
      expect(await older.migrationVersions()).toEqual([1]);
      const digest = { time: '07:00', timeZone: 'Asia/Tokyo' };
      const subscription = await older.addSubscription(everyUpdate({ mode: 'digest', digest }));
      await older.enqueue('story:1', targets(1));
      await older.recordArticleVersion('seeds', 'strike.md', 'hash-a');
      await older.close();

      const upgraded = await database.open(clock.now);
      opened.push(upgraded);
      expect(await upgraded.migrationVersions()).toEqual(ALL_VERSIONS);
      expect(await upgraded.getSubscription(subscription.id)).toMatchObject({ digest, lastDigestAt: null });
      expect(await upgraded.listOutbox(GUILD)).toHaveLength(1);
      expect(await upgraded.getArticleVersion('seeds', 'strike.md')).toEqual({ contentHash: 'hash-a', version: 1 });
      expect(await upgraded.markDigested(subscription.id, clock.now())).toBe(true);
      expect(await upgraded.listFeedArticles()).toEqual([]);
    });

    it('migrates once when two processes open a new database at the same time', async () => {
      clock = new TestClock();
      const database = await harness.freshDatabase();
      const stores = await Promise.all([database.open(clock.now), database.open(clock.now)]);
      opened.push(...stores);
      expect(await stores[0]!.migrationVersions()).toEqual(ALL_VERSIONS);
      expect(await stores[1]!.migrationVersions()).toEqual(ALL_VERSIONS);
    });
  });
}
