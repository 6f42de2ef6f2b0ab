import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { analyseArticle } from '../../src/articles/analysis.js';
import { buildArticle } from '../../src/articles/article.js';
import { ANALYSIS_VERSION } from '../../src/corpus/article-store.js';
import { Corpus } from '../../src/corpus/corpus.js';
import { followCorpus } from '../../src/corpus/corpus-follower.js';
import type { Leases } from '../../src/ingest/lease.js';
import { thisProcess } from '../../src/ingest/lease.js';
import { INGEST_LEASE, shareIngest } from '../../src/ingest/shared-ingest.js';
import { idleFeeds } from '../../src/ingest/start-ingest.js';
import { createLogger } from '../../src/logger.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import { unreachableWhenDown } from '../corpus/unreachable-articles.js';

// One process on a SQLite store, on the test's clock, with an ingest that only records that it ran:
// what the process does with the lease when the store or the ingest fails it.

const logger = createLogger({ level: 'silent' });
const LEASE_MS = 30_000;
const FERRY = buildArticle(
  '“We are back at the wheel,” said union leader Sam Reyes on Sunday, as ferry crews returned to work.',
  { title: 'Ferry strike ends', date: '2025-03-02' },
  'ferry.md',
);
const settings = { seedsDir: '.', watchSeeds: false, maxArticleBytes: 1_000_000, feeds: [], feedPollSeconds: 3600 };

describe('a process sharing the ingest', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function setUp(options: { startFails?: boolean; leaseMs?: number } = {}) {
    const dir = mkdtempSync(join(tmpdir(), 'newsdesk-shared-ingest-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    let time = Date.parse('2026-01-01T00:00:00Z');
    const store = await SqliteStore.open(join(dir, 'store.sqlite'), { now: () => new Date(time) });
    cleanups.push(() => store.close());
    const { articles, trouble: log } = unreachableWhenDown(store.articles);
    const trouble = { leases: false, stalled: false };
    const events: string[] = [];
    const leases: Leases = {
      acquireLease: (name, holder, ttlMs) => {
        if (trouble.stalled) return new Promise<boolean>(() => {});
        if (trouble.leases) return Promise.reject(new Error('database unreachable'));
        return store.acquireLease(name, holder, ttlMs);
      },
      leaseHolder: (name) => {
        if (trouble.stalled) return new Promise<string | null>(() => {});
        return store.leaseHolder(name);
      },
      releaseLease: async (name, holder) => {
        events.push('released');
        await store.releaseLease(name, holder);
      },
    };
    const corpus = new Corpus(analyseArticle);
    const follower = followCorpus(corpus, articles, { after: 0, logger, intervalMs: 3_600_000 });
    let ingests = 0;
    const shared = shareIngest({
      leases,
      holder: 'a',
      follower,
      idleFeeds: idleFeeds(settings, logger),
      startIngest: async () => {
        if (options.startFails) throw new Error('the seeds folder cannot be watched');
        ingests += 1;
        events.push('ingesting');
        return {
          feeds: idleFeeds(settings, logger),
          close: async () => {
            events.push('stopped ingesting');
          },
        };
      },
      beforeRelease: async () => {
        events.push('flushed');
      },
      logger,
      leaseMs: options.leaseMs ?? LEASE_MS,
      now: () => new Date(time),
    });
    cleanups.push(() => shared.close());
    const otherTakes = () => store.acquireLease(INGEST_LEASE, 'b', LEASE_MS);
    return {
      store,
      corpus,
      shared,
      trouble,
      log,
      events,
      otherTakes,
      ingests: () => ingests,
      pass: (ms: number) => (time += ms),
    };
  }

  it('follows rather than ingesting from a stale corpus when the change log cannot be read as it takes over', async () => {
    const { store, corpus, shared, log, otherTakes, ingests } = await setUp();
    await store.articles.saveArticles(ANALYSIS_VERSION, [{ article: FERRY, analysis: analyseArticle(FERRY) }]);
    log.down = true;

    await shared.turn();

    expect(shared.ingesting()).toBe(false);
    expect(ingests()).toBe(0);
    expect(await otherTakes()).toBe(true);
    expect(corpus.get(FERRY.id)).toBeUndefined();
  });

  it('takes over once the change log can be read again, with what the last holder stored', async () => {
    const { store, corpus, shared, log, ingests } = await setUp();
    await store.articles.saveArticles(ANALYSIS_VERSION, [{ article: FERRY, analysis: analyseArticle(FERRY) }]);
    log.down = true;
    await shared.turn();
    log.down = false;

    await shared.turn();

    expect(shared.ingesting()).toBe(true);
    expect(ingests()).toBe(1);
    expect(corpus.get(FERRY.id)?.title).toBe('Ferry strike ends');
  });

  it('lets the lease go and follows when the ingest will not start', async () => {
    const { shared, otherTakes } = await setUp({ startFails: true });

    await shared.turn();

    expect(shared.ingesting()).toBe(false);
    expect(await otherTakes()).toBe(true);
  });

  it('finishes the ingest’s writes before letting the lease go on close', async () => {
    const { shared, events } = await setUp();
    await shared.turn();

    await shared.close();

    expect(events).toEqual(['ingesting', 'stopped ingesting', 'flushed', 'released']);
  });

  it('keeps ingesting while the store is out of reach for less than the lease', async () => {
    const { shared, trouble, pass } = await setUp();
    await shared.turn();
    trouble.leases = true;

    pass(LEASE_MS / 3);
    await shared.turn();

    expect(shared.ingesting()).toBe(true);
  });

  it('stops ingesting before the lease it cannot renew runs out, so the process taking it over never ingests beside it', async () => {
    const { shared, trouble, events, otherTakes, pass } = await setUp();
    await shared.turn();
    trouble.leases = true;

    for (const _ of [1, 2]) {
      pass(LEASE_MS / 3);
      await shared.turn();
    }
    expect(shared.ingesting()).toBe(false);
    expect(events).toEqual(['ingesting', 'stopped ingesting']);
    expect(await otherTakes()).toBe(false);
    pass(LEASE_MS / 3);
    expect(await otherTakes()).toBe(true);
  });

  it('stops ingesting when the store stops answering, before the lease it cannot renew runs out', async () => {
    const { shared, trouble, events, pass } = await setUp();
    await shared.turn();
    trouble.stalled = true;

    pass((LEASE_MS * 2) / 3);
    await shared.turn();

    expect(shared.ingesting()).toBe(false);
    expect(events).toEqual(['ingesting', 'stopped ingesting']);
  });

  // Holder names as `holderName` writes them, for a process in this one's process space or another.
  const here = thisProcess();
  const heldBy = (pid: number, space = here.space) => `${hostname()}:${space ?? '-'}:${pid}:before`;

  it.runIf(here.space !== null)(
    'ingests at once after a crash of the process that held the lease in this process space, rather than once the lease expires',
    async () => {
      const { store, shared } = await setUp();
      const exited = spawnSync(process.execPath, ['-e', '']).pid;
      await store.acquireLease(INGEST_LEASE, heldBy(exited), LEASE_MS);

      await shared.start();

      expect(shared.ingesting()).toBe(true);
    },
  );

  it.runIf(here.space !== null)(
    'ingests at once when the crashed holder had the process id this process has now',
    async () => {
      const { store, shared } = await setUp();
      await store.acquireLease(INGEST_LEASE, heldBy(process.pid), LEASE_MS);

      await shared.start();

      expect(shared.ingesting()).toBe(true);
    },
  );

  it('leaves the lease of a process that still runs, or that runs in another process space under the same host name', async () => {
    const exited = spawnSync(process.execPath, ['-e', '']).pid;
    const otherContainer = `${here.space ?? 'boot'}0/4026500000`;
    for (const holder of [heldBy(process.ppid), heldBy(exited, otherContainer), heldBy(process.pid, otherContainer)]) {
      const { store, shared } = await setUp();
      await store.acquireLease(INGEST_LEASE, holder, LEASE_MS);

      await shared.start();

      expect(shared.ingesting()).toBe(false);
      expect(await store.leaseHolder(INGEST_LEASE)).toBe(holder);
      await shared.close();
    }
  });

  it('lets go on close a lease it reached for as a follower, in case the store granted it late', async () => {
    const { store, shared, events } = await setUp();
    await store.acquireLease(INGEST_LEASE, 'b', LEASE_MS);
    await shared.turn();

    await shared.close();

    expect(events).toContain('released');
  });

  it('keeps following, and turns again, when the store stops answering a process that does not hold the lease', async () => {
    const { store, shared, trouble } = await setUp({ leaseMs: 90 });
    await store.acquireLease(INGEST_LEASE, 'b', 60_000);
    trouble.stalled = true;

    await shared.turn();
    trouble.stalled = false;
    await shared.turn();

    expect(shared.ingesting()).toBe(false);
  });
});
