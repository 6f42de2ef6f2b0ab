import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/clock.js';
import { followCorpus } from '../../src/corpus/corpus-follower.js';
import { openCorpus } from '../../src/corpus/open-corpus.js';
import { shareIngest } from '../../src/ingest/shared-ingest.js';
import { type IngestSettings, idleFeeds, startIngest } from '../../src/ingest/start-ingest.js';
import { createLogger } from '../../src/logger.js';
import { SQLITE_FILE } from '../../src/store/open-store.js';
import { PostgresStore } from '../../src/store/postgres-store.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import type { Store } from '../../src/store/types.js';
import { DATABASE_URL, POSTGRES_REQUIRED, probePostgres, TestSchemas } from '../store/postgres-database.js';

// Two Newsdesk processes (composed here as the bot composes them, each with its own store
// connection, data folder and passage index) on one database and one seeds folder: the one holding
// the ingest lease reads the folder, the other follows what it stores.

const logger = createLogger({ level: 'silent' });
const LEASE_MS = 60_000;
const story = (title: string, body: string) => `---\ntitle: ${title}\ndate: 2025-03-01\n---\n\n${body}\n`;
const BRIDGE = story(
  'Harbour bridge reopens',
  'Engineers said the deck of the harbour bridge should last forty years.',
);
const FERRY = story(
  'Ferry strike ends',
  '“We are back at the wheel,” said union leader Sam Reyes on Sunday, as ferry crews returned to work.',
);
const TRAM = story('Tram line opens', 'The new tram line carried its first riders along the seafront on Monday.');

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await pause(50);
  if (!condition()) throw new Error(`gave up waiting: ${what}`);
}

/** Two stores on one fresh database, on the test's clock. */
type OpenPair = (now: Clock) => Promise<[Store, Store]>;

function defineSharedCorpus(label: string, openPair: OpenPair): void {
  describe(`two processes sharing one corpus (${label})`, () => {
    const cleanups: Array<() => unknown> = [];
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    });

    function tempFolder(name: string): string {
      const folder = mkdtempSync(join(tmpdir(), `newsdesk-shared-${name}-`));
      cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
      return folder;
    }

    async function startProcess(holder: string, store: Store, seedsDir: string) {
      const settings: IngestSettings = {
        seedsDir,
        watchSeeds: true,
        maxArticleBytes: 1_000_000,
        feeds: [],
        feedPollSeconds: 3600,
      };
      const opened = await openCorpus({ seedsDir, dataDir: tempFolder(holder), store: store.articles, logger });
      cleanups.push(() => opened.index.close());
      const stored = opened.stored!;
      let ingests = 0;
      const follower = followCorpus(opened.corpus, store.articles, {
        after: opened.changesSeen,
        logger,
        apply: stored.fromStore,
        intervalMs: 3_600_000,
      });
      const shared = shareIngest({
        leases: store,
        holder,
        follower,
        idleFeeds: idleFeeds(settings, logger),
        startIngest: async () => {
          ingests += 1;
          return startIngest(settings, opened.corpus, { articles: opened.corpus.articles() }, logger);
        },
        logger,
        leaseMs: LEASE_MS,
      });
      cleanups.push(() => shared.close());
      const titled = (title: string) => opened.corpus.articles().find((article) => article.title === title);
      return { ...opened, follower, shared, titled, ingests: () => ingests };
    }

    async function setUp() {
      let time = Date.parse('2026-01-01T00:00:00Z');
      const stores = await openPair(() => new Date(time));
      cleanups.push(async () => {
        for (const store of stores) await store.close();
      });
      const seeds = tempFolder('seeds');
      writeFileSync(join(seeds, 'bridge.md'), BRIDGE);
      const a = await startProcess('a', stores[0], seeds);
      const b = await startProcess('b', stores[1], seeds);
      await a.shared.turn();
      await b.shared.turn();
      return { a, b, seeds, store: stores[0], pass: (ms: number) => (time += ms) };
    }

    it('ingests a new file once, in the process holding the lease, and both processes answer from it', async () => {
      const { a, b, seeds, store } = await setUp();
      expect([a.shared.ingesting(), b.shared.ingesting()]).toEqual([true, false]);

      writeFileSync(join(seeds, 'ferry.md'), FERRY);
      await until(() => a.titled('Ferry strike ends') !== undefined, 'the holder reads the new file');
      await a.stored?.flush();
      expect(b.titled('Ferry strike ends')).toBeUndefined();
      await b.follower.poll();

      const ferry = b.titled('Ferry strike ends');
      expect(ferry?.id).toBe(a.titled('Ferry strike ends')?.id);
      const logged = (await store.articles.changesSince(0, 1_000)).filter((change) => change.articleId === ferry?.id);
      expect(logged.map((change) => change.kind)).toEqual(['added']);
      for (const process of [a, b]) {
        expect(process.index.search('ferry crews returned').map((hit) => hit.articleId)).toContain(ferry?.id);
        expect(process.corpus.analysis(ferry!.id)?.quotes.map((quote) => quote.text)).toEqual([
          'We are back at the wheel',
        ]);
      }
    });

    it('withdraws a removed file’s article from both processes', async () => {
      const { a, b, seeds } = await setUp();
      writeFileSync(join(seeds, 'ferry.md'), FERRY);
      await until(() => a.titled('Ferry strike ends') !== undefined, 'the holder reads the new file');
      await a.stored?.flush();
      await b.follower.poll();
      const id = b.titled('Ferry strike ends')?.id;
      expect(id).toBeDefined();

      await unlink(join(seeds, 'ferry.md'));
      await until(() => a.titled('Ferry strike ends') === undefined, 'the holder withdraws the removed file');
      await a.stored?.flush();
      await b.follower.poll();

      for (const process of [a, b]) {
        expect(process.titled('Ferry strike ends')).toBeUndefined();
        expect(process.index.search('ferry crews returned').map((hit) => hit.articleId)).not.toContain(id);
        expect(process.titled('Harbour bridge reopens')).toBeDefined();
      }
    });

    it('hands the ingest to the other process once the holder stops renewing, and the old holder then follows', async () => {
      const { a, b, seeds, pass } = await setUp();
      pass(LEASE_MS);
      await b.shared.turn();
      await a.shared.turn();
      expect([a.shared.ingesting(), b.shared.ingesting()]).toEqual([false, true]);
      expect(b.ingests()).toBe(1);

      writeFileSync(join(seeds, 'tram.md'), TRAM);
      await until(() => b.titled('Tram line opens') !== undefined, 'the new holder reads the new file');
      await b.stored?.flush();
      await a.follower.poll();
      expect(a.titled('Tram line opens')?.id).toBe(b.titled('Tram line opens')?.id);
    });

    it('hands the ingest over at once when the holder shuts down cleanly', async () => {
      const { a, b } = await setUp();
      await b.shared.turn();
      expect(b.shared.ingesting()).toBe(false);
      await a.shared.close();
      await b.shared.turn();
      expect(b.shared.ingesting()).toBe(true);
    });
  });
}

const root = mkdtempSync(join(tmpdir(), 'newsdesk-shared-sqlite-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let files = 0;
defineSharedCorpus('one SQLite file', async (now) => {
  const dir = join(root, `db-${++files}`);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, SQLITE_FILE);
  const first = await SqliteStore.open(file, { now });
  return [first, await SqliteStore.open(file, { now })];
});

const unreachable = await probePostgres();
const schemas = new TestSchemas();
afterAll(() => schemas.dropAll());
if (unreachable === undefined) {
  defineSharedCorpus('one PostgreSQL database', async (now) => {
    const pool = schemas.poolConfig(await schemas.create());
    const first = await PostgresStore.open({ pool, now });
    return [first, await PostgresStore.open({ pool, now })];
  });
} else {
  describe('two processes sharing one PostgreSQL corpus', () => {
    it.skipIf(!POSTGRES_REQUIRED)(`reaches the PostgreSQL server at ${DATABASE_URL}`, () => {
      throw new Error(`PostgreSQL at ${DATABASE_URL} is unreachable: ${unreachable}`);
    });
  });
}
