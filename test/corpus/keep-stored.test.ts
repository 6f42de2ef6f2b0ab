import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { analyseArticle } from '../../src/articles/analysis.js';
import { buildArticle } from '../../src/articles/article.js';
import { Corpus } from '../../src/corpus/corpus.js';
import { followCorpus } from '../../src/corpus/corpus-follower.js';
import { keepStored } from '../../src/corpus/stored-corpus.js';
import { createLogger } from '../../src/logger.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import { unreachableWhenDown } from './unreachable-articles.js';

const logger = createLogger({ level: 'silent' });
const FERRY = buildArticle(
  '“We are back at the wheel,” said union leader Sam Reyes on Sunday, as ferry crews returned to work.',
  { title: 'Ferry strike ends', date: '2025-03-02' },
  'ferry.md',
);
const TRAM = buildArticle(
  'The new tram line carried its first riders along the seafront on Monday.',
  { title: 'Tram line opens', date: '2025-03-03' },
  'tram.md',
);

describe('keeping the store in step with the corpus', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /** A corpus kept in a SQLite store that is out of reach until the first wait before a retry. */
  async function setUp() {
    const dir = mkdtempSync(join(tmpdir(), 'newsdesk-keep-stored-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const store = await SqliteStore.open(join(dir, 'store.sqlite'));
    cleanups.push(() => store.close());
    const { articles, trouble } = unreachableWhenDown(store.articles);
    const retries: number[] = [];
    const corpus = new Corpus(analyseArticle);
    const stored = keepStored(corpus, articles, logger, {
      retryDelay: (attempts) => attempts,
      wait: async (ms) => {
        retries.push(ms);
        if (retries.length >= outageWaits) trouble.down = false;
      },
    });
    let outageWaits = 1;
    const lasting = (waits: number) => {
      outageWaits = waits;
    };
    return { store, corpus, stored, trouble, retries, lasting };
  }

  it('writes the articles of a write that failed once the store is back, in order, so a follower receives them', async () => {
    const { store, corpus, stored, trouble, retries } = await setUp();
    trouble.down = true;
    corpus.add([FERRY]);
    corpus.add([TRAM]);
    corpus.remove([FERRY.id]);

    await stored.flush();

    expect(retries).toEqual([1]);
    const changes = await store.articles.changesSince(0, 100);
    expect(changes.map((change) => [change.articleId, change.kind])).toEqual([
      [FERRY.id, 'added'],
      [TRAM.id, 'added'],
      [FERRY.id, 'removed'],
    ]);
    const follower = new Corpus(analyseArticle);
    await followCorpus(follower, store.articles, { after: 0, logger }).poll();
    expect(follower.articles().map((article) => article.title)).toEqual(['Tram line opens']);
  });

  it('backs off longer with each failure while the store stays out of reach', async () => {
    const { corpus, stored, trouble, retries, lasting } = await setUp();
    lasting(3);
    trouble.down = true;
    corpus.add([FERRY]);

    await stored.flush();

    expect(retries).toEqual([1, 2, 3]);
  });

  it('gives up on a write that still fails when closed, rather than waiting out the outage', async () => {
    const { store, corpus, stored, trouble, lasting } = await setUp();
    lasting(Number.POSITIVE_INFINITY);
    trouble.down = true;
    corpus.add([FERRY]);

    await stored.close();

    expect(await store.articles.changesSince(0, 100)).toEqual([]);
  });
});
