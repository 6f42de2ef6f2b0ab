import { resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { type ArticleAnalysis, analyseArticle } from '../articles/analysis.js';
import { fileState } from '../articles/article-files.js';
import { ARTICLES_WORTH_THREADS } from '../articles/article-workers.js';
import { type LoadArticlesOptions, type LoadedArticles, loadArticles } from '../articles/load-articles.js';
import { fileOfOrigin } from '../articles/parse-article-file.js';
import type { Article } from '../articles/types.js';
import type { Logger } from '../logger.js';
import { retryDelayMs } from '../subscriptions/backoff.js';
import {
  ANALYSIS_VERSION,
  type ArticleStore,
  type FileSignature,
  heldUntilStored,
  type KeptArticle,
  partsToAnalyse,
  readFromStore,
  releaseHeld,
  type StoredArticle,
  underOrigin,
} from './article-store.js';
import type { AnalysisSource, Corpus } from './corpus.js';

/**
 * How long before a start a file must have been last changed for the start's look at it to stand
 * for its content (git's "racy" rule): some file systems keep modification times to the second.
 */
const RECENTLY_CHANGED_MS = 2_000;

/** Articles sent to a worker thread in one message: enough that messages cost little beside the work. */
const ANALYSED_PER_JOB = 25;

export interface StoredCorpusLoad extends LoadedArticles {
  /** The analysis of each article: the stored one when its content was analysed before, else made now. */
  analyse: (article: Article) => AnalysisSource;
  /**
   * Analyses ahead, in `workers` when given, the articles among `articles` not analysed yet, so
   * that `analyse` finds them made; without workers, or for a start with few articles to analyse,
   * it does nothing and `analyse` analyses each on this thread. Never fails: an article whose
   * analysis in a thread failed is analysed by `analyse` too, where a bug throws as it would have.
   */
  analyseAhead(articles: readonly Article[]): Promise<void>;
  /**
   * The size and modification time (`fileState`) of each file as this start read it or found it
   * unchanged, by path; left out, a file the seeds watcher should read again (skipped in part or
   * whole, or changed just before it was looked at).
   */
  fileStates: ReadonlyMap<string, string>;
  /** Files parsed in this run; the others' articles were read back from the store. */
  parsedFiles(): number;
  /** Articles analysed in this run. */
  analysedArticles(): number;
  /** A stored article by id, whether or not this start reads it, until `save`. */
  storedArticle(id: string): Article | undefined;
  /**
   * Stores the analyses made so far and has `corpus` read them back from the store when asked for,
   * so a first start holds one batch of fresh analyses at a time, not all of them. Fails when the
   * store does (the analyses then stay in memory, and `save` tries them again).
   */
  storeAnalysed(corpus: Corpus): Promise<void>;
  /**
   * Records in the store what this start read and analysed, once every article of the start (seeds
   * and feed articles kept in the store) is in `corpus`; from then on `keepStored` does.
   */
  save(corpus: Corpus): Promise<void>;
}

export interface StoredCorpusOptions extends LoadArticlesOptions {
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
  const fileStates = new Map<string, string>();
  const statedAt = Date.now();
  // A file changed within a clock tick of being looked at could change again unseen (same size and
  // time): it is left for the seeds watcher to read again, as are files skipped (below).
  const noteFileState = (file: string, size: number, mtimeMs: number) => {
    if (statedAt - mtimeMs > RECENTLY_CHANGED_MS) fileStates.set(file, fileState(size, mtimeMs));
  };
  let parsed = 0;
  const loaded = await loadArticles(dir, {
    ...options,
    reuse: (file, size, mtimeMs) => {
      seen.add(file);
      noteFileState(file, size, mtimeMs);
      const articles = unchangedArticles(storedFiles.get(file), storedById, file, size, mtimeMs);
      if (!articles) parsed += 1;
      return articles;
    },
    onRead: (file, size, mtimeMs, articles) => {
      readFiles.push({ path: file, size, mtimeMs, articleIds: articles.map((article) => article.id) });
    },
    // Where the store reads texts back when asked, each parsed article is held as it will be once
    // stored, until it is: every file is read before the first is analysed.
    ...(store?.texts ? { hold: heldUntilStored } : {}),
  });

  // A file skipped in part or whole (unreadable, a bad item, the same content as another file) is
  // read again by the seeds watcher: it may be readable now, and one whose articles were dropped as
  // copies is not in what the watcher is told the start read.
  for (const { file } of loaded.skipped) fileStates.delete(fileOfOrigin(file));

  let fresh: StoredArticle[] | null = [];
  let analysed = 0;
  const madeAhead = new Map<Article, ArticleAnalysis>();
  const analyse = (article: Article): AnalysisSource => {
    const kept = storedById.get(article.id);
    if (kept) {
      // Stored before (a file touched, its content unchanged, or in another file): a parsed copy
      // held since parsing reads its text from the store from now on, as it would once stored.
      if (store?.texts) releaseHeld(article, store.texts);
      // Read from the store when asked for; analysed then by the corpus (`analyseArticle`), once, if
      // the store has lost it meanwhile.
      return kept.analysis;
    }
    analysed += 1;
    const analysis = madeAhead.get(article) ?? analyseArticle(article);
    madeAhead.delete(article);
    fresh?.push({ article, analysis });
    return analysis;
  };

  const { workers } = options;
  let toAnalyse: number | undefined;
  const analyseAhead = async (articles: readonly Article[]): Promise<void> => {
    if (!workers) return;
    // A start with a few articles to analyse (a changed file or two) starts no thread for them.
    toAnalyse ??= loaded.articles.filter((article) => !storedById.has(article.id)).length;
    if (toAnalyse < ARTICLES_WORTH_THREADS) return;
    const waiting = articles.filter((article) => !storedById.has(article.id) && !madeAhead.has(article));
    const jobs: Promise<void>[] = [];
    for (let start = 0; start < waiting.length; start += ANALYSED_PER_JOB) {
      const chunk = waiting.slice(start, start + ANALYSED_PER_JOB);
      jobs.push(
        workers.analyse(chunk.map(partsToAnalyse)).then(
          (analyses) => {
            chunk.forEach((article, i) => {
              madeAhead.set(article, analyses[i]!);
            });
          },
          () => {},
        ),
      );
    }
    await Promise.all(jobs);
  };

  /**
   * Has `corpus` read the analyses of `articles`, just stored, from the store from now on, and the
   * articles their text too where the store reads synchronously.
   */
  const readBackLater = async (corpus: Corpus, stored: readonly StoredArticle[]): Promise<void> => {
    if (!store || !stored.length) return;
    const articles = stored.map(({ article }) => article);
    const readers = await store.storedAnalyses(articles, version);
    articles.forEach((article, i) => {
      corpus.replaceAnalysis(article.id, readers[i]!);
      if (store.texts) readFromStore(article, store.texts);
    });
  };

  /**
   * Which files each article not yet stored holds back, and how many such articles each file waits
   * on, so a batch finds the files it completes from its own articles (a pass over every file per
   * batch grew with the square of the folder). Made at the first batch; files already complete go
   * with it.
   */
  let waiting: { filesOf: Map<string, FileSignature[]>; left: Map<FileSignature, number> } | null = null;
  const filesCompletedBy = (batch: readonly StoredArticle[]): FileSignature[] => {
    const complete: FileSignature[] = [];
    if (!waiting) {
      waiting = { filesOf: new Map(), left: new Map() };
      for (const file of readFiles) {
        const unstored = file.articleIds.filter((id) => !storedById.has(id));
        if (!unstored.length) complete.push(file);
        else waiting.left.set(file, unstored.length);
        for (const id of unstored) {
          const files = waiting.filesOf.get(id);
          if (files) files.push(file);
          else waiting.filesOf.set(id, [file]);
        }
      }
    }
    const { filesOf, left } = waiting;
    for (const { article } of batch) {
      for (const file of filesOf.get(article.id) ?? []) {
        const count = left.get(file)! - 1;
        left.set(file, count);
        if (count === 0) complete.push(file);
      }
      filesOf.delete(article.id);
    }
    return complete;
  };

  const storeAnalysed = async (corpus: Corpus): Promise<void> => {
    if (!store || !fresh?.length) return;
    const batch = fresh;
    fresh = [];
    // Worked out before the write: a failed write stops the batches, and `save` records every file.
    const complete = filesCompletedBy(batch);
    try {
      await store.saveAnalysed(folder, version, complete, batch);
    } catch (err) {
      fresh = [...batch, ...fresh];
      throw err;
    }
    await readBackLater(corpus, batch);
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
    await readBackLater(corpus, made);
  };

  return {
    ...loaded,
    analyse,
    analyseAhead,
    fileStates,
    parsedFiles: () => parsed,
    analysedArticles: () => analysed,
    storedArticle: (id) => storedById.get(id)?.article,
    storeAnalysed,
    save,
  };
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
    articles.push(article.origin === file ? article : underOrigin(article, file));
  }
  return articles;
}

export interface KeptStored {
  /** Waits for the writes queued so far (retried until they land, or until `close`). */
  flush(): Promise<void>;
  /** Runs `change`, whose changes to the corpus came from the store (another process's ingest): not written back. */
  fromStore(change: () => void): void;
  /** Stops retrying: what is queued is tried once more, what still fails is logged, and it resolves. */
  close(): Promise<void>;
}

export interface KeepStoredOptions {
  /** How long to wait before the `attempts`-th retry of a write that failed. */
  retryDelay?: (attempts: number) => number;
  /** Waits `ms` (resolving early on `close`); injectable so tests need no timing. */
  wait?: (ms: number, stopping: AbortSignal) => Promise<void>;
}

/** Failed writes are retried after 1 s, 2 s, 4 s … up to a minute, with jitter. */
const RETRY_BACKOFF = { baseMs: 1_000, maxMs: 60_000 };

/**
 * Keeps the store in step with the corpus while running: articles that join are stored with their
 * analysis, withdrawn ones removed, in order. A write that fails (the database out of reach) is
 * retried with backoff, and the writes after it wait for it, so the change log other processes
 * follow is delayed by an outage, never missing an entry, until `close`.
 */
export function keepStored(
  corpus: Corpus,
  store: ArticleStore,
  logger: Logger,
  options: KeepStoredOptions = {},
): KeptStored {
  const log = logger.child({ module: 'article-store' });
  const retryDelay = options.retryDelay ?? ((attempts: number) => retryDelayMs(attempts, RETRY_BACKOFF));
  const wait = options.wait ?? sleep;
  const stopping = new AbortController();
  let queue: Promise<void> = Promise.resolve();
  let followingStore = false;

  /** Runs `write` until it succeeds, or fails after `close`. */
  const untilWritten = async (write: () => Promise<void>, articles: number): Promise<void> => {
    for (let attempts = 1; ; attempts += 1) {
      try {
        await write();
        if (attempts > 1) log.info({ attempts, articles }, 'kept the changed articles in the store after retrying');
        return;
      } catch (err) {
        if (stopping.signal.aborted) {
          log.error(
            { err, articles },
            'could not keep the changed articles in the store; the next start re-reads them',
          );
          return;
        }
        const delayMs = retryDelay(attempts);
        log.warn(
          { err, attempts, articles, delayMs },
          'could not keep the changed articles in the store; trying again',
        );
        await wait(delayMs, stopping.signal);
      }
    }
  };

  corpus.onChange(({ added, removed }) => {
    if (followingStore) return;
    const addedIds = new Set(added.map((article) => article.id));
    const gone = removed.map((article) => article.id).filter((id) => !addedIds.has(id));
    const kept = added.flatMap((article) => {
      const analysis = corpus.analysis(article.id);
      return analysis ? [{ article, analysis }] : [];
    });
    // Each write retried on its own, so one that landed is not written (and logged) twice.
    queue = queue.then(async () => {
      if (gone.length) await untilWritten(() => store.removeArticles(gone), gone.length);
      if (kept.length) await untilWritten(() => store.saveArticles(ANALYSIS_VERSION, kept), kept.length);
    });
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
    async close() {
      stopping.abort();
      await queue;
    },
  };
}

/** Resolves after `ms`, or at once when `stopping` fires. */
function sleep(ms: number, stopping: AbortSignal): Promise<void> {
  return delay(ms, undefined, { signal: stopping }).catch(() => {});
}
