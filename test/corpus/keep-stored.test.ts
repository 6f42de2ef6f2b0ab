import { afterEach, describe, expect, it } from 'vitest';
import { analyseArticle } from '../../src/articles/analysis.js';
import { Corpus } from '../../src/corpus/corpus.js';
import { followCorpus } from '../../src/corpus/corpus-follower.js';
import { keepStored } from '../../src/corpus/stored-corpus.js';
import { createLogger } from '../../src/logger.js';
import { FERRY, TRAM, temporaryStore } from './stored-fixtures.js';
import { unreachableWhenDown } from './unreachable-articles.js';

const logger = createLogger({ level: 'silent' });

describe('keeping the store in step with the corpus', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /** A corpus kept in a SQLite store that is out of reach until the first wait before a retry. */
  async function setUp() {
    const store = await temporaryStore('keep-stored', cleanups);
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
    // In order: the log keeps each article's latest entry, so the ferry's addition gave way to its removal.
    expect(changes.map((change) => [change.articleId, change.kind])).toEqual([
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
