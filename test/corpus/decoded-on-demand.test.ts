import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { analyseArticle } from '../../src/articles/analysis.js';
import { buildArticle } from '../../src/articles/article.js';
import { loadArticles } from '../../src/articles/load-articles.js';
import type { Article } from '../../src/articles/types.js';
import {
  ANALYSIS_VERSION,
  type ArticleStore,
  DECODED_LAYOUTS,
  type KeptArticle,
  sentencesOnce,
  textOnce,
  underOrigin,
} from '../../src/corpus/article-store.js';
import { Corpus, DECODED_ANALYSES } from '../../src/corpus/corpus.js';
import { INDEX_FILE, openCorpus } from '../../src/corpus/open-corpus.js';
import { createLogger } from '../../src/logger.js';
import { buildTimeline } from '../../src/timeline/build-timeline.js';
import { temporaryStore } from './stored-fixtures.js';
import { unreachableWhenDown } from './unreachable-articles.js';

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

/** A new store holding `articles` with their analysis, and the articles as read back from it. */
async function storedAndReadBack(name: string, articles: readonly Article[]) {
  const store = await temporaryStore(name, cleanups);
  await store.articles.saveArticles(
    ANALYSIS_VERSION,
    articles.map((article) => ({ article, analysis: analyseArticle(article) })),
  );
  const read = await store.articles.readArticles(
    articles.map((article) => article.id),
    ANALYSIS_VERSION,
  );
  return { store, read };
}

/** The invented articles stored with their analysis in a new store, and read back from it. */
async function readBackStored(name: string): Promise<KeptArticle[]> {
  return (await storedAndReadBack(name, ARTICLES)).read;
}

/** A corpus of the articles as read back, each analysis read from the store when asked for. */
function storedCorpus(read: readonly KeptArticle[]): Corpus {
  const byId = new Map(read.map((kept) => [kept.article.id, kept]));
  const corpus = new Corpus(analyseArticle);
  corpus.add(
    read.map((kept) => kept.article),
    (article) => byId.get(article.id)!.analysis,
  );
  return corpus;
}

describe('stored articles decoded on demand', () => {
  it('gives the same sentences and analysis when read again after leaving the decoded ones', async () => {
    const corpus = storedCorpus(await readBackStored('decoded'));
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
    const corpus = storedCorpus(await readBackStored('decoded-once'));
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
    const read = await readBackStored('sentences-once');
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

  it('reads back the sentences of an article longer than two-byte offsets reach, the same as stored', async () => {
    const long = buildArticle(
      Array.from({ length: 1_500 }, (_, i) => `Beacon ${i} was inspected by the harbour crew on its night round.`).join(
        '\n\n',
      ),
      { title: 'Every beacon inspected', date: '2025-02-25' },
      'every-beacon.md',
    );
    expect(long.text.length).toBeGreaterThan(0xffff);
    const {
      read: [stored],
    } = await storedAndReadBack('long-article', [long]);
    expect(sentencesOnce(stored!.article)).toEqual(long.sentences);
    expect(stored!.article.paragraphs).toEqual(long.paragraphs);
  });

  it('gives the same sentence objects while an article is among the decoded ones', async () => {
    const {
      read: [kept],
    } = await storedAndReadBack('decoded-same', ARTICLES.slice(0, 1));
    expect(kept!.article.sentences).toBe(kept!.article.sentences);
    expect(kept!.article.sentences[1]).toBe(kept!.article.sentences[1]);
  });

  it("reads a stored article's text from the store when first needed, the same as stored", async () => {
    const [first, second] = ARTICLES;
    const {
      store,
      read: [read, unread],
    } = await storedAndReadBack('text-on-demand', [first!, second!]);
    expect(read!.article.text).toBe(first!.text);
    expect(read!.article.sentences).toEqual(first!.sentences);
    // Not read when the article was: with the store closed, it can no longer be.
    await store.close();
    expect(read!.article.text).toBe(first!.text);
    expect(() => unread!.article.text).toThrow(/store is closed/);
  });

  it('reads a text for a pass over every article without keeping it', async () => {
    const [first, second] = ARTICLES;
    const {
      store,
      read: [kept, passed],
    } = await storedAndReadBack('text-once', [first!, second!]);
    expect(kept!.article.text).toBe(first!.text);
    expect(textOnce(kept!.article)).toBe(first!.text);
    expect(textOnce(passed!.article)).toBe(second!.text);
    // Read once, not kept: with the store closed, it can no longer be read; the kept one still can.
    await store.close();
    expect(textOnce(kept!.article)).toBe(first!.text);
    expect(() => passed!.article.text).toThrow(/store is closed/);
  });

  it("builds the timeline without keeping any article's text, reading it again for the entries shown", async () => {
    const { store, read } = await storedAndReadBack('timeline-text-once', ARTICLES.slice(0, 3));
    const corpus = storedCorpus(read);
    const entries = buildTimeline(corpus);
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) {
      const source = ARTICLES.find((article) => article.id === entry.articleId)!;
      expect(entry.text).toBe(source.text.slice(entry.start, entry.end));
    }
    // None was kept: with the store closed, no article's text can be read any more.
    await store.close();
    for (const { article } of read) expect(() => article.text).toThrow(/store is closed/);
  });

  it('keeps the text of an article withdrawn while another process may still hold it, for a while', async () => {
    const [first, second] = ARTICLES;
    const { store, read } = await storedAndReadBack('text-withdrawn', ARTICLES.slice(0, 3));
    const corpus = storedCorpus(read);
    const [held, other, unread] = read.map((kept) => kept.article);
    // This process withdraws one; another process (here the store itself) withdraws all three.
    corpus.remove([held!.id]);
    await store.articles.removeArticles([held!.id, other!.id, unread!.id]);
    expect(held!.text).toBe(first!.text);
    expect(held!.sentences).toEqual(first!.sentences);
    expect(other!.text).toBe(second!.text);
    expect(await store.articles.readArticles([other!.id], ANALYSIS_VERSION)).toEqual([]);
    // Once enough later changes are logged for every follower to have read the removal, it is gone.
    const later = ARTICLES.slice(3).map((article) => ({ article, analysis: analyseArticle(article) }));
    for (let logged = 0; logged <= 1_000; logged += later.length) {
      await store.articles.saveArticles(ANALYSIS_VERSION, later);
    }
    await store.articles.removeArticles([later[0]!.article.id]);
    expect(() => unread!.text).toThrow(/no longer in the store/);
    // A pass over every article still reads the withdrawn one this process holds, once its
    // sentences have left the decoded ones.
    expect(textOnce(held!)).toBe(first!.text);
    const others = await store.articles.readArticles(
      later.slice(1).map(({ article }) => article.id),
      ANALYSIS_VERSION,
    );
    for (const { article } of others) void article.paragraphs;
    expect(sentencesOnce(held!)).toEqual(first!.sentences);
  });

  /** The invented articles as files of a new seeds folder; `cleanups` removes it. */
  function seedsFolder(name: string): string {
    const folder = mkdtempSync(join(tmpdir(), `newsdesk-${name}-`));
    cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
    ARTICLES.forEach((article, i) => {
      writeFileSync(
        join(folder, `beacon-${i}.md`),
        `---\ntitle: ${article.title}\ndate: ${article.date}\n---\n\n${article.text}\n`,
      );
    });
    return folder;
  }

  async function firstStart(folder: string, articles: ArticleStore) {
    const opened = await openCorpus({
      seedsDir: folder,
      dataDir: folder,
      store: articles,
      analysisBatch: 50,
      logger: createLogger({ level: 'silent' }),
    });
    cleanups.push(() => opened.index.close());
    return opened;
  }

  it("stores a first start's analyses batch by batch and reads them back from the store, the same as made", async () => {
    const store = await temporaryStore('first-start', cleanups);
    const opened = await firstStart(seedsFolder('first-start'), store.articles);
    expect(opened.analysed).toBe(ARTICLES.length);
    for (const article of opened.corpus.articles()) {
      // Decoded afresh from the store at each read: not the analysis made, kept in memory.
      expect(opened.corpus.analysisOnce(article.id)).not.toBe(opened.corpus.analysisOnce(article.id));
      expect(opened.corpus.analysis(article.id)).toEqual(analyseArticle(article));
    }
  });

  it('reads from the store the texts of files touched since they were stored, not the copies parsed again', async () => {
    const store = await temporaryStore('touched', cleanups);
    const folder = seedsFolder('touched');
    (await firstStart(folder, store.articles)).index.close();
    const later = new Date(Date.now() + 60_000);
    for (const file of ['beacon-0.md', 'beacon-1.md']) utimesSync(join(folder, file), later, later);
    const again = await firstStart(folder, store.articles);
    expect(again.parsedFiles).toBeGreaterThan(0);
    expect(again.analysed).toBe(0);
    const parsed = new Map((await loadArticles(folder)).articles.map((article) => [article.origin, article]));
    const [first, second] = ['beacon-0.md', 'beacon-1.md'].map(
      (origin) => again.corpus.articles().find((article) => article.origin === origin)!,
    );
    expect(first!.text).toBe(parsed.get('beacon-0.md')!.text);
    expect(first!.sentences).toEqual(parsed.get('beacon-0.md')!.sentences);
    // Held since parsing, the parsed copy would still give its text with the store closed.
    await store.close();
    expect(() => second!.text).toThrow(/store is closed/);
  });

  it("reads a first start's article texts back from the store once stored, the same as parsed", async () => {
    const store = await temporaryStore('first-start-texts', cleanups);
    const folder = seedsFolder('first-start-texts');
    const opened = await firstStart(folder, store.articles);
    const parsed = new Map((await loadArticles(folder)).articles.map((article) => [article.id, article]));
    const [first, second] = opened.corpus.articles();
    expect(first!.text).toBe(parsed.get(first!.id)!.text);
    expect(first!.sentences).toEqual(parsed.get(first!.id)!.sentences);
    expect(first!.paragraphs).toEqual(parsed.get(first!.id)!.paragraphs);
    // Read from the store when needed, not kept from parsing: with the store closed it can no longer be.
    await store.close();
    expect(() => second!.text).toThrow(/store is closed/);
  });

  it('reads an article under a second origin (the same content in another file) from the one stored row', async () => {
    const [first] = ARTICLES;
    const {
      store,
      read: [stored],
    } = await storedAndReadBack('same-content', [first!]);
    const copy = underOrigin(stored!.article, 'copy-of-beacon-0.md');
    expect(copy.origin).toBe('copy-of-beacon-0.md');
    expect(stored!.article.origin).toBe(first!.origin);
    expect(textOnce(copy)).toBe(first!.text);
    expect(sentencesOnce(copy)).toEqual(first!.sentences);
    expect(copy.paragraphs).toEqual(first!.paragraphs);
    expect(copy.text).toBe(first!.text);
    // Read from the store, as the article it copies: the other's text was not read, nor kept.
    await store.close();
    expect(() => stored!.article.text).toThrow(/store is closed/);
  });

  it('takes a file removed while stopped out of the index file passage by passage, from its stored text', async () => {
    const store = await temporaryStore('removed-while-stopped', cleanups);
    const folder = seedsFolder('removed-while-stopped');
    const rowsOf = (id: string) => {
      const db = new Database(join(folder, INDEX_FILE), { readonly: true });
      try {
        return db
          .prepare<[string], { id: number }>('SELECT id FROM passage WHERE article_id = ? ORDER BY id')
          .all(id)
          .map((row) => row.id);
      } finally {
        db.close();
      }
    };
    const first = await firstStart(folder, store.articles);
    const passages = first.index.size;
    const [gone, kept] = ['beacon-0.md', 'beacon-1.md'].map(
      (origin) => first.corpus.articles().find((article) => article.origin === origin)!,
    );
    const goneSentences = gone!.sentences.length;
    first.index.close();
    const keptRows = rowsOf(kept!.id);
    rmSync(join(folder, 'beacon-0.md'));
    const again = await firstStart(folder, store.articles);
    expect(again.droppedFromIndex).toBe(1);
    expect(again.index.size).toBe(passages - goneSentences);
    again.index.close();
    // Not rebuilt: the other articles' passages kept their rows.
    expect(keptRows.length).toBeGreaterThan(0);
    expect(rowsOf(kept!.id)).toEqual(keptRows);
    expect(rowsOf(gone!.id)).toEqual([]);
  });

  it('finishes a first start whose store fails after the first batch, keeping the rest in memory and storing it at the end', async () => {
    const store = await temporaryStore('first-start-failing', cleanups);
    const { articles, trouble } = unreachableWhenDown(store.articles);
    let batches = 0;
    const failing: ArticleStore = {
      ...articles,
      // The second batch's write fails, as with the database out of reach for a moment.
      saveAnalysed: async (...args) => {
        batches += 1;
        trouble.down = batches === 2;
        try {
          return await articles.saveAnalysed(...args);
        } finally {
          trouble.down = false;
        }
      },
    };
    const folder = seedsFolder('first-start-failing');
    const opened = await firstStart(folder, failing);
    expect(batches).toBe(2);
    for (const article of opened.corpus.articles()) {
      expect(opened.corpus.analysis(article.id)).toEqual(analyseArticle(article));
    }
    const stored = await store.articles.readFolder(resolve(folder), ANALYSIS_VERSION);
    expect(stored.articles).toHaveLength(ARTICLES.length);
    expect(stored.files).toHaveLength(ARTICLES.length);
  });

  it('records with each batch the files it completes, so a start stopped midway leaves no article no file holds', async () => {
    const store = await temporaryStore('first-start-stopped', cleanups);
    const folder = seedsFolder('first-start-stopped');
    // The store as is, except that the start's last write never lands (the process stopped first).
    const stopped: ArticleStore = Object.assign(Object.create(store.articles) as ArticleStore, {
      saveFolder: () => Promise.reject(new Error('stopped before the end of the start')),
    });
    await firstStart(folder, stopped);
    const { files, articles } = await store.articles.readFolder(resolve(folder), ANALYSIS_VERSION);
    const held = new Set(files.flatMap((file) => file.articleIds));
    expect(articles.length).toBeGreaterThan(0);
    expect(articles.filter(({ article }) => !held.has(article.id))).toEqual([]);
  });
});
