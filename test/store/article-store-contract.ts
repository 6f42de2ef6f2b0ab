import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { analyseArticle } from '../../src/articles/analysis.js';
import { loadArticles } from '../../src/articles/load-articles.js';
import type { Article } from '../../src/articles/types.js';
import { ANALYSIS_VERSION, type ArticleStore } from '../../src/corpus/article-store.js';
import { createIndexedCorpus } from '../../src/corpus/indexed-corpus.js';
import { keepStored, loadStoredCorpus } from '../../src/corpus/stored-corpus.js';
import { createLogger } from '../../src/logger.js';
import type { Store } from '../../src/store/types.js';

/** Opens a store on a fresh, empty database; the harness removes it. */
export type OpenFreshStore = () => Promise<Store>;

const SEEDS = join(import.meta.dirname, '..', '..', 'seeds');
const logger = createLogger({ level: 'silent' });

const story = (title: string, date: string, body: string) => `---\ntitle: ${title}\ndate: ${date}\n---\n\n${body}\n`;
const BRIDGE = story(
  'Harbour bridge reopens',
  '2025-03-01',
  '“We are glad the crossing is open again,” said Mayor Jane Ortiz on Saturday.\n\nEngineers said the deck should last forty years.',
);
const FERRY = story('Ferry strike ends', '2025-03-02', 'Ferry crews returned to work on Sunday, the union said.');
const FERRY_UPDATED = story(
  'Ferry strike ends',
  '2025-03-02',
  'Ferry crews returned to work on Sunday after a pay deal, union leader Sam Reyes said.',
);

/** Articles and their analysis kept in the store, run against each back-end. */
export function defineArticleStoreContract(openFreshStore: OpenFreshStore): void {
  describe('stored articles', () => {
    const cleanups: Array<() => unknown> = [];
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    });

    async function setUp() {
      const store = await openFreshStore();
      cleanups.push(() => store.close());
      const folder = mkdtempSync(join(tmpdir(), 'newsdesk-stored-'));
      cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
      writeFileSync(join(folder, 'bridge.md'), BRIDGE);
      writeFileSync(join(folder, 'ferry.md'), FERRY);
      return { store, folder };
    }

    /** One start: load, build the corpus, save; what a restart of Newsdesk does. */
    async function start(folder: string, articles: ArticleStore, analysisVersion = ANALYSIS_VERSION) {
      const load = await loadStoredCorpus(folder, articles, { analysisVersion });
      const { corpus, index } = createIndexedCorpus(load.articles, { analyse: load.analyse });
      cleanups.push(() => index.close());
      await load.save(corpus);
      return { load, corpus, index };
    }

    it('parses and analyses nothing on a restart with an unchanged folder, and answers the same', async () => {
      const { store, folder } = await setUp();
      const first = await start(folder, store.articles);
      expect([first.load.parsedFiles(), first.load.analysedArticles()]).toEqual([2, 2]);
      const again = await start(folder, store.articles);
      expect([again.load.parsedFiles(), again.load.analysedArticles()]).toEqual([0, 0]);
      expect(again.corpus.articles()).toEqual(first.corpus.articles());
      for (const article of first.corpus.articles()) {
        expect(again.corpus.analysis(article.id)).toEqual(first.corpus.analysis(article.id));
      }
      expect(again.index.search('crossing open')).toEqual(first.index.search('crossing open'));
    });

    it('reads back articles and analysis exactly as parsing them gives them', async () => {
      const store = await openFreshStore();
      cleanups.push(() => store.close());
      const { articles } = await loadArticles(SEEDS);
      await store.articles.saveArticles(
        ANALYSIS_VERSION,
        articles.map((article) => ({ article, analysis: analyseArticle(article) })),
      );
      const { articles: stored } = await store.articles.readFolder(SEEDS, ANALYSIS_VERSION);
      expect(stored.map(({ article }) => article)).toEqual(articles);
      expect(stored.map(({ article, analysis }) => analysis(article))).toEqual(articles.map(analyseArticle));
    });

    it('reads an article stored under another analysis version, without that analysis', async () => {
      const store = await openFreshStore();
      cleanups.push(() => store.close());
      const { articles } = await loadArticles(SEEDS);
      const [first] = articles;
      await store.articles.saveArticles(ANALYSIS_VERSION + 1, [{ article: first!, analysis: analyseArticle(first!) }]);
      const read = await store.articles.readArticles([first!.id], ANALYSIS_VERSION);
      expect(read.map(({ article }) => article)).toEqual([first]);
      expect(read[0]?.analysis(read[0].article)).toBeUndefined();
      const current = await store.articles.readArticles([first!.id], ANALYSIS_VERSION + 1);
      expect(current[0]?.analysis(current[0].article)).toEqual(analyseArticle(first!));
    });

    it('reads back the stored analyses of articles as they are held, none for another version', async () => {
      const { store, folder } = await setUp();
      const { articles } = await loadArticles(folder);
      const [first, second] = articles;
      await store.articles.saveArticles(ANALYSIS_VERSION, [{ article: first!, analysis: analyseArticle(first!) }]);
      await store.articles.saveArticles(ANALYSIS_VERSION + 1, [
        { article: second!, analysis: analyseArticle(second!) },
      ]);
      const readers = await store.articles.storedAnalyses([second!, first!], ANALYSIS_VERSION);
      expect(readers.map((read, i) => read([second!, first!][i]!))).toEqual([undefined, analyseArticle(first!)]);
    });

    it('re-analyses a changed file and withdraws its old version', async () => {
      const { store, folder } = await setUp();
      const first = await start(folder, store.articles);
      const old = first.corpus.articles().find((article) => article.origin === 'ferry.md')!;
      await writeFile(join(folder, 'ferry.md'), FERRY_UPDATED);
      const again = await start(folder, store.articles);
      expect([again.load.parsedFiles(), again.load.analysedArticles()]).toEqual([1, 1]);
      expect(again.corpus.get(old.id)).toBeUndefined();
      expect(again.index.search('pay deal')[0]?.articleId).toBe(
        again.corpus.articles().find((article) => article.origin === 'ferry.md')?.id,
      );
      const { articles } = await store.articles.readFolder(folder, ANALYSIS_VERSION);
      expect(articles.map(({ article }) => article.id)).not.toContain(old.id);
    });

    it('reads back the same content held by two files as the first start read it, sentences and all', async () => {
      const { store, folder } = await setUp();
      writeFileSync(join(folder, 'bridge-copy.md'), BRIDGE);
      const first = await start(folder, store.articles);
      const again = await start(folder, store.articles);
      expect([again.load.parsedFiles(), again.load.analysedArticles()]).toEqual([0, 0]);
      const byOrigin = (articles: readonly Article[]) =>
        Object.fromEntries(articles.map((article) => [article.origin, { ...article }]));
      expect(byOrigin(again.load.articles)).toEqual(byOrigin(first.load.articles));
    });

    it('reads a touched file again but keeps its analysis when its content is the same', async () => {
      const { store, folder } = await setUp();
      await start(folder, store.articles);
      const later = new Date(Date.now() + 60_000);
      utimesSync(join(folder, 'ferry.md'), later, later);
      const again = await start(folder, store.articles);
      expect([again.load.parsedFiles(), again.load.analysedArticles()]).toEqual([1, 0]);
    });

    it('withdraws a file removed while Newsdesk was stopped', async () => {
      const { store, folder } = await setUp();
      await start(folder, store.articles);
      await rm(join(folder, 'ferry.md'));
      const again = await start(folder, store.articles);
      expect(again.corpus.articles().map((article) => article.origin)).toEqual(['bridge.md']);
      const stored = await store.articles.readFolder(folder, ANALYSIS_VERSION);
      expect(stored.files.map((file) => file.path)).toEqual(['bridge.md']);
      expect(stored.articles.map(({ article }) => article.origin)).toEqual(['bridge.md']);
      const third = await start(folder, store.articles);
      expect([third.load.parsedFiles(), third.load.analysedArticles()]).toEqual([0, 0]);
    });

    it('analyses everything again, once, when the analysis version changes', async () => {
      const { store, folder } = await setUp();
      await start(folder, store.articles);
      const bumped = await start(folder, store.articles, ANALYSIS_VERSION + 1);
      expect([bumped.load.parsedFiles(), bumped.load.analysedArticles()]).toEqual([2, 2]);
      const again = await start(folder, store.articles, ANALYSIS_VERSION + 1);
      expect([again.load.parsedFiles(), again.load.analysedArticles()]).toEqual([0, 0]);
    });

    it('logs as removed an article of the old analysis version whose file went away across the bump', async () => {
      const { store, folder } = await setUp();
      const first = await start(folder, store.articles);
      const ferry = first.corpus.articles().find((article) => article.origin === 'ferry.md')!;
      const bridge = first.corpus.articles().find((article) => article.origin === 'bridge.md')!;
      const seen = await store.articles.lastChange();
      await rm(join(folder, 'ferry.md'));
      await start(folder, store.articles, ANALYSIS_VERSION + 1);
      const changes = await store.articles.changesSince(seen, 100);
      expect(changes.map(({ articleId, kind }) => [articleId, kind]).sort()).toEqual(
        [
          [bridge.id, 'added'],
          [ferry.id, 'removed'],
        ].sort(),
      );
    });

    it('keeps articles that join or leave while running in step, so the next start analyses nothing', async () => {
      const { store, folder } = await setUp();
      const first = await start(folder, store.articles);
      const stored = keepStored(first.corpus, store.articles, logger);
      const ferry = first.corpus.articles().find((article) => article.origin === 'ferry.md')!;
      await writeFile(join(folder, 'ferry.md'), FERRY_UPDATED);
      const { articles } = await loadArticles(folder);
      const updated = articles.find((article: Article) => article.origin === 'ferry.md')!;
      first.corpus.remove([ferry.id]);
      first.corpus.add([updated]);
      await stored.flush();
      const kept = await store.articles.readFolder(folder, ANALYSIS_VERSION);
      expect(kept.articles.map(({ article }) => article.id).sort()).toEqual(
        first.corpus
          .articles()
          .map((article) => article.id)
          .sort(),
      );
      const again = await start(folder, store.articles);
      expect([again.load.parsedFiles(), again.load.analysedArticles()]).toEqual([1, 0]);
    });
  });
}
