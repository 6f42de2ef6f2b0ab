import { afterEach, describe, expect, it } from 'vitest';
import { analyseArticle } from '../../src/articles/analysis.js';
import { buildArticle } from '../../src/articles/article.js';
import type { Article } from '../../src/articles/types.js';
import { ANALYSIS_VERSION } from '../../src/corpus/article-store.js';
import { Corpus, DECODED_ANALYSES } from '../../src/corpus/corpus.js';
import { followCorpus } from '../../src/corpus/corpus-follower.js';
import { createLogger } from '../../src/logger.js';
import { FERRY, TRAM, temporaryStore } from './stored-fixtures.js';

const logger = createLogger({ level: 'silent' });

describe('a corpus following the store', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function setUp() {
    const store = await temporaryStore('follower', cleanups);
    const analysed: string[] = [];
    const corpus = new Corpus((article: Article) => {
      analysed.push(article.id);
      return analyseArticle(article);
    });
    const follower = followCorpus(corpus, store.articles, { after: await store.articles.lastChange(), logger });
    const stored = (article: Article) => ({ article, analysis: analyseArticle(article) });
    return { store, corpus, follower, analysed, stored };
  }

  it('adds an article another process stored with the analysis stored beside it, analysing nothing', async () => {
    const { store, corpus, follower, analysed, stored } = await setUp();
    await store.articles.saveArticles(ANALYSIS_VERSION, [stored(FERRY)]);

    expect(await follower.poll()).toBe(1);
    expect(corpus.get(FERRY.id)?.title).toBe('Ferry strike ends');
    expect(corpus.analysis(FERRY.id)?.quotes.map((quote) => quote.text)).toEqual(['We are back at the wheel']);
    expect(analysed).toEqual([]);
    expect(await follower.poll()).toBe(0);
  });

  it('withdraws an article another process removed, and never adds one stored and removed before it looked', async () => {
    const { store, corpus, follower, stored } = await setUp();
    await store.articles.saveArticles(ANALYSIS_VERSION, [stored(FERRY)]);
    await follower.poll();

    await store.articles.saveArticles(ANALYSIS_VERSION, [stored(TRAM)]);
    await store.articles.removeArticles([TRAM.id, FERRY.id]);
    const added: string[] = [];
    corpus.onChange((change) => added.push(...change.added.map((article) => article.id)));
    await follower.poll();

    expect(corpus.size).toBe(0);
    expect(added).toEqual([]);
  });

  it('keeps one log entry per article however often it is stored again, and a follower part-way through still ends in step', async () => {
    const { store, corpus, follower, stored } = await setUp();
    await store.articles.saveArticles(ANALYSIS_VERSION, [stored(FERRY), stored(TRAM)]);
    await follower.poll();

    for (const _ of [1, 2, 3]) await store.articles.saveArticles(ANALYSIS_VERSION, [stored(FERRY), stored(TRAM)]);
    await store.articles.removeArticles([TRAM.id]);
    await follower.poll();

    const log = await store.articles.changesSince(0, 100);
    expect(log.map((change) => [change.articleId, change.kind])).toEqual([
      [FERRY.id, 'added'],
      [TRAM.id, 'removed'],
    ]);
    expect(corpus.get(FERRY.id)).toBeDefined();
    expect(corpus.get(TRAM.id)).toBeUndefined();
  });

  it('adds an article another process stored under another analysis version, analysing it afresh', async () => {
    const { store, corpus, follower, stored } = await setUp();
    await store.articles.saveArticles(ANALYSIS_VERSION + 1, [stored(FERRY)]);

    expect(await follower.poll()).toBe(1);
    expect(corpus.get(FERRY.id)?.title).toBe('Ferry strike ends');
    expect(corpus.analysis(FERRY.id)?.quotes.map((quote) => quote.text)).toEqual(['We are back at the wheel']);
  });

  it('analyses an article stored under another analysis version once, however often its analysis leaves the decoded few', async () => {
    const { store, corpus, follower, stored } = await setUp();
    const others = Array.from({ length: DECODED_ANALYSES + 6 }, (_, i) =>
      buildArticle(
        `Harbour ferry ${i} sailed on time on Monday, the operator said.`,
        { date: '2025-03-03' },
        `ferry-${i}.md`,
      ),
    );
    await store.articles.saveArticles(ANALYSIS_VERSION + 1, [stored(FERRY)]);
    await store.articles.saveArticles(ANALYSIS_VERSION, others.map(stored));
    await follower.poll();

    const first = corpus.analysis(FERRY.id);
    for (const other of others) corpus.analysis(other.id);

    expect(corpus.analysis(FERRY.id)).toBe(first);
  });
});
