import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { subscriptions } from '../../commands/subscriptions.js';
import { buildArticle } from '../../src/articles/article.js';
import { readOptions } from '../../src/command.js';
import { replyToError } from '../../src/error-reply.js';
import { createLogger } from '../../src/logger.js';
import type { Services } from '../../src/services.js';
import { PostgresStore } from '../../src/store/postgres-store.js';
import { STORE_UNAVAILABLE_MESSAGE } from '../../src/store/store-errors.js';
import { monitorStore, StoreHealth } from '../../src/store/store-health.js';
import { startSubscriptions } from '../../src/subscriptions/start-subscriptions.js';
import { SubscriptionManager } from '../../src/subscriptions/subscription-manager.js';
import { DATABASE_URL, POSTGRES_REQUIRED, probePostgres, TestSchemas } from '../store/postgres-database.js';
import { TcpProxy } from '../support/tcp-proxy.js';
import { corpusOf, ferryArticle, RecordingPoster } from './helpers.js';

// PostgreSQL going away while articles arrive, and coming back, with no restart: the real server
// behind a TCP proxy the test cuts and restores (the server itself is never stopped).

const GUILD = '100000000000000001';
const OUTAGE_MS = 9_000;
const CHANNEL = '200000000000000001';

const unreachable = await probePostgres();
const skip = unreachable !== undefined && !POSTGRES_REQUIRED;
const schemas = new TestSchemas();
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(() => schemas.dropAll());

/** Four distinct reports (not copies of one wire story, which would be posted once). */
const REPORTS = [
  [
    'Lighthouse keepers vote to strike',
    'Keepers of the northern lighthouse voted on Monday to stop work for two days.',
  ],
  [
    'Bakery chain opens in the old market',
    'A bakery chain opened its twelfth shop in the old covered market on Tuesday.',
  ],
  [
    'Tram line closes for track repairs',
    'The river tram line will close for three weeks while engineers replace worn rails.',
  ],
  [
    'Library extends weekend opening hours',
    'The central library will open on Sundays from next month, the council said.',
  ],
];

function storyArticle(n: number) {
  const [title, body] = REPORTS[n - 1]!;
  return buildArticle(body!, { title: title!, date: '2025-08-14', source: 'Harbour Gazette' }, `report-${n}.md`);
}

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.skipIf(skip)(`a PostgreSQL outage${skip ? ` (skipped: ${DATABASE_URL} unreachable)` : ''}`, () => {
  it('loses no post: updates that arrive while the database is away are posted once it is back, with no restart', async () => {
    const target = new URL(DATABASE_URL);
    const proxy = await TcpProxy.start({ host: target.hostname, port: Number(target.port || 5432) });
    cleanups.push(() => proxy.close());
    const schema = await schemas.create('outage');
    const viaProxy = new URL(DATABASE_URL);
    viaProxy.port = String(proxy.port);
    const logger = createLogger({ level: process.env.DEBUG_OUTAGE ? 'info' : 'silent' });
    const opened = await PostgresStore.open({
      pool: { connectionString: viaProxy.href, options: `-c search_path=${schema}`, connectionTimeoutMillis: 1000 },
      logger,
    });
    cleanups.push(() => opened.close());
    const health = new StoreHealth({ store: opened, logger, intervalMs: 200, failingIntervalMs: 200 });
    cleanups.push(() => health.stop());
    await health.start();
    const store = monitorStore(opened, health);
    await store.addSubscription({ guildId: GUILD, channelId: CHANNEL, mode: 'every', createdBy: '3' });

    const corpus = corpusOf(ferryArticle());
    const poster = new RecordingPoster();
    const running = startSubscriptions({ store, poster, corpus, logger, deliveryIntervalMs: 100 });
    cleanups.push(() => running.close());
    health.onRecovered(() => running.storeRecovered());
    const services = {
      storeHealth: health,
      subscriptions: new SubscriptionManager(store, health),
    } as unknown as Services;

    const arrive = async (n: number) => {
      const article = storyArticle(n);
      corpus.add([article]);
      await running.announcer.afterChange({ kind: 'added', origin: article.origin, article }, undefined);
    };
    await arrive(1);
    await until(() => poster.calls.length === 1, 'the first post');

    proxy.cut();
    for (const n of [2, 3, 4]) await arrive(n);
    await until(() => health.problem() !== null, 'the outage to be noticed');
    // What a member asking meanwhile is told: the database is unreachable, not "something went wrong".
    const listed = await Promise.resolve(
      subscriptions.run(readOptions(subscriptions, {}), {
        services,
        now: new Date(),
        guildId: GUILD,
      }),
    ).catch((err: unknown) => replyToError(err, logger).reply);
    expect(listed.intro).toBe(STORE_UNAVAILABLE_MESSAGE);
    // Longer than the few seconds of retries an announcement used to get before it was dropped.
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
    expect(poster.calls).toHaveLength(1);

    proxy.restore();
    await until(() => poster.calls.length >= 4, 'the posts held during the outage');
    await until(() => health.problem() === null, 'the store to be seen back');
    const titles = poster.calls.map((call) => call.reply.title);
    for (const [title] of REPORTS) expect(titles.filter((posted) => posted.includes(title!))).toHaveLength(1);
    expect(running.announcer.heldCount).toBe(0);
  }, 60_000);

  it('turns the store unhealthy when an article write fails, as any other write does', async () => {
    const target = new URL(DATABASE_URL);
    const proxy = await TcpProxy.start({ host: target.hostname, port: Number(target.port || 5432) });
    cleanups.push(() => proxy.close());
    const schema = await schemas.create('outage_articles');
    const viaProxy = new URL(DATABASE_URL);
    viaProxy.port = String(proxy.port);
    const logger = createLogger({ level: 'silent' });
    const opened = await PostgresStore.open({
      pool: { connectionString: viaProxy.href, options: `-c search_path=${schema}`, connectionTimeoutMillis: 1000 },
      logger,
    });
    cleanups.push(() => opened.close());
    // No probe on a timer here: only the failed write can tell the health.
    const health = new StoreHealth({ store: opened, logger, intervalMs: 600_000, failingIntervalMs: 600_000 });
    cleanups.push(() => health.stop());
    await health.start();
    const store = monitorStore(opened, health);
    await store.articles.removeArticles(['nothing-yet']);

    proxy.cut();
    await expect(store.articles.removeArticles(['report-1'])).rejects.toThrow(STORE_UNAVAILABLE_MESSAGE);
    expect(health.problem()).not.toBeNull();
    proxy.restore();
  }, 30_000);
});
