import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { analyseArticle } from '../../src/articles/analysis.js';
import { buildArticle } from '../../src/articles/article.js';
import { ANALYSIS_VERSION, DECODED_LAYOUTS, sentencesOnce } from '../../src/corpus/article-store.js';
import { Corpus, DECODED_ANALYSES } from '../../src/corpus/corpus.js';
import { openCorpus } from '../../src/corpus/open-corpus.js';
import { createLogger } from '../../src/logger.js';
import { temporaryStore } from './stored-fixtures.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** More invented articles than are kept decoded, each with a quote, a name and a date. */
const ARTICLES = Array.from({ length: Math.max(DECODED_LAYOUTS, DECODED_ANALYSES) + 20 }, (_, i) =>
  buildArticle(
    `The lighthouse keeper Ada Brill said on Tuesday that beacon ${i} would be repainted.\n\n` +
      `“We will finish beacon ${i} by March 3,” she said. Crews arrived at dawn.`,
    { title: `Beacon ${i} repainted`, date: '2025-02-25' },
    `beacon-${i}.md`,
  ),
);

describe('stored articles decoded on demand', () => {
  it('gives the same sentences and analysis when read again after leaving the decoded ones', async () => {
    const store = await temporaryStore('decoded', cleanups);
    await store.articles.saveArticles(
      ANALYSIS_VERSION,
      ARTICLES.map((article) => ({ article, analysis: analyseArticle(article) })),
    );
    const read = await store.articles.readArticles(
      ARTICLES.map((article) => article.id),
      ANALYSIS_VERSION,
    );
    const byId = new Map(read.map((kept) => [kept.article.id, kept]));
    const corpus = new Corpus(analyseArticle);
    corpus.add(
      read.map((kept) => kept.article),
      (article) => () => byId.get(article.id)!.analysis()!,
    );
    // Twice over every article: the second pass reads each again after it has left the kept ones.
    for (let pass = 0; pass < 2; pass++) {
      ARTICLES.forEach((article, i) => {
        const stored = corpus.get(article.id)!;
        expect(stored.sentences, `sentences of article ${i}`).toEqual(article.sentences);
        expect(stored.paragraphs).toEqual(article.paragraphs);
        expect(corpus.analysis(article.id), `analysis of article ${i}`).toEqual(analyseArticle(article));
      });
    }
  });

  it('reads analyses for a pass over every article without keeping them or pushing out the kept ones', async () => {
    const store = await temporaryStore('decoded-once', cleanups);
    await store.articles.saveArticles(
      ANALYSIS_VERSION,
      ARTICLES.map((article) => ({ article, analysis: analyseArticle(article) })),
    );
    const read = await store.articles.readArticles(
      ARTICLES.map((article) => article.id),
      ANALYSIS_VERSION,
    );
    const byId = new Map(read.map((kept) => [kept.article.id, kept]));
    const corpus = new Corpus(analyseArticle);
    corpus.add(
      read.map((kept) => kept.article),
      (article) => () => byId.get(article.id)!.analysis()!,
    );
    const [first, second] = ARTICLES;
    const kept = corpus.analysis(first!.id);
    for (const article of ARTICLES) {
      expect(corpus.analysisOnce(article.id)).toEqual(analyseArticle(article));
    }
    expect(corpus.analysisOnce(first!.id)).toBe(kept);
    expect(corpus.analysis(first!.id)).toBe(kept);
    expect(corpus.analysisOnce(second!.id)).not.toBe(corpus.analysisOnce(second!.id));
  });

  it('reads sentences for a pass over every article without keeping them or pushing out the kept ones', async () => {
    const store = await temporaryStore('sentences-once', cleanups);
    await store.articles.saveArticles(
      ANALYSIS_VERSION,
      ARTICLES.map((article) => ({ article, analysis: analyseArticle(article) })),
    );
    const read = await store.articles.readArticles(
      ARTICLES.map((article) => article.id),
      ANALYSIS_VERSION,
    );
    const [first, second] = read.map((kept) => kept.article);
    const kept = first!.sentences;
    read.forEach(({ article }, i) => {
      expect(sentencesOnce(article), `sentences of article ${i}`).toEqual(ARTICLES[i]!.sentences);
    });
    expect(sentencesOnce(first!)).toBe(kept);
    expect(first!.sentences).toBe(kept);
    expect(sentencesOnce(second!)).not.toBe(sentencesOnce(second!));
    expect(sentencesOnce(ARTICLES[0]!)).toBe(ARTICLES[0]!.sentences);
  });

  it('gives the same sentence objects while an article is among the decoded ones', async () => {
    const store = await temporaryStore('decoded-same', cleanups);
    const [first] = ARTICLES;
    await store.articles.saveArticles(ANALYSIS_VERSION, [{ article: first!, analysis: analyseArticle(first!) }]);
    const [kept] = await store.articles.readArticles([first!.id], ANALYSIS_VERSION);
    expect(kept!.article.sentences).toBe(kept!.article.sentences);
    expect(kept!.article.sentences[1]).toBe(kept!.article.sentences[1]);
  });

  it("gives a first start's analyses back from the store, the same as made, once they have left the decoded ones", async () => {
    const store = await temporaryStore('first-start', cleanups);
    const folder = mkdtempSync(join(tmpdir(), 'newsdesk-first-start-'));
    cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
    ARTICLES.forEach((article, i) => {
      writeFileSync(
        join(folder, `beacon-${i}.md`),
        `---\ntitle: ${article.title}\ndate: ${article.date}\n---\n\n${article.text}\n`,
      );
    });
    const opened = await openCorpus({
      seedsDir: folder,
      dataDir: folder,
      store: store.articles,
      logger: createLogger({ level: 'silent' }),
    });
    cleanups.push(() => opened.index.close());
    expect(opened.analysed).toBe(ARTICLES.length);
    for (let pass = 0; pass < 2; pass++) {
      for (const article of opened.corpus.articles()) {
        expect(opened.corpus.analysis(article.id)).toEqual(analyseArticle(article));
      }
    }
  });
});
