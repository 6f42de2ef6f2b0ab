import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ArticleWorkers } from '../articles/article-workers.js';
import type { Article, SkippedFile } from '../articles/types.js';
import type { Logger } from '../logger.js';
import { IndexBusyError, PassageIndex } from '../search/passage-index.js';
import type { ArticleStore } from './article-store.js';
import { type Corpus, oldestFirst } from './corpus.js';
import { createIndexedCorpus } from './indexed-corpus.js';
import { type KeptStored, keepStored, loadStoredCorpus } from './stored-corpus.js';

/** Articles analysed between two writes to the store on a start that analyses (a first start, a version bump). */
const ANALYSIS_BATCH = 500;

/** Batches analysed in the worker threads ahead of the one being indexed and stored. */
const BATCHES_AHEAD = 2;

/** The passage index's file inside DATA_DIR. */
export const INDEX_FILE = 'passages.sqlite';

export interface OpenCorpusOptions {
  seedsDir: string;
  /** Where the passage index file lives; created if missing. */
  dataDir: string;
  /** Where articles and their analysis are kept; without one every start parses and analyses all. */
  store?: ArticleStore | undefined;
  maxBytes?: number;
  onProgress?: ((done: number, total: number) => void) | undefined;
  /** Articles kept elsewhere (feed articles in the store) that join the corpus at start. */
  moreArticles?: () => Promise<readonly Article[]>;
  /** Articles analysed between two writes to the store (`ANALYSIS_BATCH` unless a test sets it). */
  analysisBatch?: number;
  /** Threads that parse and analyse beside the main one on a large start (see `ArticleWorkers`); 0 for none. */
  workerThreads?: number;
  logger: Logger;
}

export interface OpenedCorpus {
  corpus: Corpus;
  index: PassageIndex;
  /** The seeds folder's articles (without `moreArticles`). */
  seedArticles: readonly Article[];
  /**
   * Each seed file's size and modification time as this start read it (see `fileState`), by path,
   * less the files the seeds watcher should read again (see `StoredCorpusLoad.fileStates`).
   */
  seedFiles: ReadonlyMap<string, string>;
  skipped: SkippedFile[];
  /** Files parsed and articles analysed in this start (none on a restart with nothing changed). */
  parsedFiles: number;
  analysed: number;
  /** Files parsed and batches of articles analysed in worker threads in this start (see `ArticleWorkers`). */
  jobsInThreads: number;
  /** Articles the index file kept that this start did not add (after a crash or a change elsewhere). */
  droppedFromIndex: number;
  /** Keeps the store in step with the corpus from now on; present with a store. */
  stored?: KeptStored;
  /**
   * The store's change log position read before this start read the store: following the log from
   * here (`followCorpus`) misses nothing another process stored meanwhile. 0 without a store.
   */
  changesSeen: number;
}

/**
 * The corpus and its passage index as a start needs them: seeds read back from the store where
 * unchanged, the index file brought in step with exactly the articles of this start, and the
 * store following every later change.
 */
export async function openCorpus(options: OpenCorpusOptions): Promise<OpenedCorpus> {
  const log = options.logger.child({ module: 'corpus' });
  const changesSeen = options.store
    ? await options.store.lastChange().catch((err: unknown) => {
        log.warn({ err }, 'could not read the corpus change log');
        return 0;
      })
    : 0;
  // Threads that parse and analyse beside this one on a start with many files to read; none start
  // for a few (see `FILES_WORTH_THREADS`), and they stop once the start is done.
  const workers =
    options.workerThreads === 0
      ? undefined
      : new ArticleWorkers(options.workerThreads, (err) =>
          log.warn({ err }, 'an article worker thread stopped; the main thread does its work'),
        );
  try {
    return await openWith(options, workers, changesSeen, log);
  } finally {
    await workers?.close();
  }
}

async function openWith(
  options: OpenCorpusOptions,
  workers: ArticleWorkers | undefined,
  changesSeen: number,
  log: Logger,
): Promise<OpenedCorpus> {
  const load = await loadStoredCorpus(options.seedsDir, options.store, {
    ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(workers ? { workers } : {}),
  });
  const index = openIndexFile(options.dataDir, log);
  const { corpus } = createIndexedCorpus([], { analyse: load.analyse, index });
  // In batches, each one's fresh analyses stored and then read back when asked for: a first start
  // holds a few batches of analyses (this one and those analysed ahead), not the whole corpus's.
  let storing = Boolean(options.store);
  const size = options.analysisBatch ?? ANALYSIS_BATCH;
  // Oldest first, so a first start indexes passages in date order, as later articles arrive: a
  // search too broad to rank every passage ranks the newest (see `PassageIndex`'s `newestRanked`).
  const articles = [...load.articles].sort(oldestFirst);
  const batches: Article[][] = [];
  for (let start = 0; start < articles.length; start += size) batches.push(articles.slice(start, start + size));
  // The next batches are analysed in the worker threads while this one is indexed and stored.
  const ahead: Promise<void>[] = [];
  const analyseAhead = (k: number) => {
    const batch = batches[k];
    if (batch) ahead[k] = load.analyseAhead(batch);
  };
  for (let k = 0; k < BATCHES_AHEAD; k++) analyseAhead(k);
  for (let k = 0; k < batches.length; k++) {
    await ahead[k];
    analyseAhead(k + BATCHES_AHEAD);
    corpus.add(batches[k]!);
    if (!storing) continue;
    await load.storeAnalysed(corpus).catch((err: unknown) => {
      storing = false;
      log.warn({ err }, 'could not keep the analysed articles in the store; keeping them in memory');
    });
  }
  if (options.moreArticles) corpus.add(await options.moreArticles());
  // An article stored but no longer in the folder has its text in the store: its passages are taken
  // out one by one, where an unknown one makes the index rebuild itself from every article's text.
  const droppedFromIndex = index.dropArticlesNotAdded(load.storedArticle);
  await load.save(corpus).catch((err: unknown) => log.warn({ err }, 'could not keep the articles in the store'));
  const stored = options.store && keepStored(corpus, options.store, options.logger);
  return {
    corpus,
    index,
    seedArticles: load.articles,
    seedFiles: load.fileStates,
    skipped: load.skipped,
    parsedFiles: load.parsedFiles(),
    analysed: load.analysedArticles(),
    droppedFromIndex,
    changesSeen,
    jobsInThreads: workers?.jobsInThreads ?? 0,
    ...(stored ? { stored } : {}),
  };
}

/** The file-backed index under `dataDir`; in memory when another process holds the file. */
function openIndexFile(dataDir: string, log: Logger): PassageIndex {
  mkdirSync(dataDir, { recursive: true });
  try {
    return PassageIndex.open(join(dataDir, INDEX_FILE));
  } catch (err) {
    if (!(err instanceof IndexBusyError)) throw err;
    log.info({ file: err.file }, 'passage index in use by another process; indexing in memory');
    return PassageIndex.open();
  }
}
