import { resolve } from 'node:path';
import { type ArticleAnalysis, analyseArticle } from '../articles/analysis.js';
import { type LoadArticlesOptions, type LoadedArticles, loadArticles } from '../articles/load-articles.js';
import type { Article } from '../articles/types.js';
import type { Logger } from '../logger.js';
import {
  ANALYSIS_VERSION,
  type ArticleStore,
  type FileSignature,
  type KeptArticle,
  type StoredArticle,
} from './article-store.js';
import type { AnalysisSource, Corpus } from './corpus.js';

export interface StoredCorpusLoad extends LoadedArticles {
  /** The analysis of each article: the stored one when its content was analysed before, else made now. */
  analyse: (article: Article) => AnalysisSource;
  /** Files parsed in this run; the others' articles were read back from the store. */
  parsedFiles(): number;
  /** Articles analysed in this run. */
  analysedArticles(): number;
  /**
   * Records in the store what this start read and analysed, once every article of the start (seeds
   * and feed articles kept in the store) is in `corpus`; from then on `keepStored` does.
   */
  save(corpus: Corpus): Promise<void>;
}

export interface StoredCorpusOptions extends LoadArticlesOptions {
  analyse?: (article: Article) => ArticleAnalysis;
  /** `ANALYSIS_VERSION` unless a test is checking what a bump does. */
  analysisVersion?: number;
}

/**
 * Loads the seeds folder, reading back from the store each file whose size and modification time
 * are as stored (no parsing) and each article whose content was analysed under this
 * `ANALYSIS_VERSION` (no analysis). Without a store it is `loadArticles` with fresh analysis.
 */
export async function loadStoredCorpus(
  dir: string,
  store: ArticleStore | undefined,
  options: StoredCorpusOptions = {},
): Promise<StoredCorpusLoad> {
  const folder = resolve(dir);
  const version = options.analysisVersion ?? ANALYSIS_VERSION;
  const stored = store ? await store.readFolder(folder, version) : { files: [], articles: [] };
  const storedById = new Map(stored.articles.map((kept) => [kept.article.id, kept]));
  const storedFiles = new Map(stored.files.map((file) => [file.path, file]));
  const seen = new Set<string>();
  const readFiles: FileSignature[] = [];
  let parsed = 0;
  const loaded = await loadArticles(dir, {
    ...options,
    reuse: (file, size, mtimeMs) => {
      seen.add(file);
      const articles = unchangedArticles(storedFiles.get(file), storedById, file, size, mtimeMs);
      if (!articles) parsed += 1;
      return articles;
    },
    onRead: (file, size, mtimeMs, articles) => {
      readFiles.push({ path: file, size, mtimeMs, articleIds: articles.map((article) => article.id) });
    },
  });

  const analyseFresh = options.analyse ?? analyseArticle;
  let fresh: StoredArticle[] | null = [];
  let analysed = 0;
  const analyse = (article: Article): AnalysisSource => {
    const kept = storedById.get(article.id);
    // Read from the store when first asked for; analysed then if the store has lost it meanwhile.
    if (kept) return () => kept.analysis() ?? analyseFresh(article);
    analysed += 1;
    const analysis = analyseFresh(article);
    fresh?.push({ article, analysis });
    return analysis;
  };

  const save = async (corpus: Corpus): Promise<void> => {
    const made = fresh ?? [];
    // Articles joining later are analysed afresh and stored by `keepStored`.
    fresh = null;
    storedById.clear();
    if (!store) return;
    const removedFiles = [...storedFiles.keys()].filter((path) => !seen.has(path));
    const replaced = [...removedFiles, ...readFiles.map((file) => file.path)];
    const removedArticles = replaced
      .flatMap((path) => storedFiles.get(path)?.articleIds ?? [])
      .filter((id) => !corpus.get(id));
    if (!made.length && !readFiles.length && !removedFiles.length && !removedArticles.length) return;
    await store.saveFolder(folder, version, { files: readFiles, removedFiles, articles: made, removedArticles });
  };

  return { ...loaded, analyse, parsedFiles: () => parsed, analysedArticles: () => analysed, save };
}

/** The stored articles of a file that has not changed since it was read, or undefined. */
function unchangedArticles(
  signature: FileSignature | undefined,
  storedById: ReadonlyMap<string, KeptArticle>,
  file: string,
  size: number,
  mtimeMs: number,
): Article[] | undefined {
  if (!signature || signature.size !== size || signature.mtimeMs !== mtimeMs) return undefined;
  const articles: Article[] = [];
  for (const id of signature.articleIds) {
    const article = storedById.get(id)?.article;
    if (!article) return undefined;
    // The same content in two files is stored once, under the origin it was first read from.
    articles.push(article.origin === file ? article : { ...article, origin: file });
  }
  return articles;
}

export interface KeptStored {
  /** Waits for the writes queued so far. */
  flush(): Promise<void>;
  /** Runs `change`, whose changes to the corpus came from the store (another process's ingest): not written back. */
  fromStore(change: () => void): void;
}

/**
 * Keeps the store in step with the corpus while running: articles that join are stored with their
 * analysis, withdrawn ones removed, in order. Failures are logged; the next start re-reads what
 * was missed.
 */
export function keepStored(
  corpus: Corpus,
  store: ArticleStore,
  logger: Logger,
  version = ANALYSIS_VERSION,
): KeptStored {
  const log = logger.child({ module: 'article-store' });
  let queue: Promise<void> = Promise.resolve();
  let followingStore = false;
  corpus.onChange(({ added, removed }) => {
    if (followingStore) return;
    const addedIds = new Set(added.map((article) => article.id));
    const gone = removed.map((article) => article.id).filter((id) => !addedIds.has(id));
    const kept = added.flatMap((article) => {
      const analysis = corpus.analysis(article.id);
      return analysis ? [{ article, analysis }] : [];
    });
    queue = queue
      .then(async () => {
        if (gone.length) await store.removeArticles(gone);
        if (kept.length) await store.saveArticles(version, kept);
      })
      .catch((err: unknown) => log.warn({ err }, 'could not keep the changed articles in the store'));
  });
  return {
    flush: () => queue,
    fromStore(change) {
      followingStore = true;
      try {
        change();
      } finally {
        followingStore = false;
      }
    },
  };
}
