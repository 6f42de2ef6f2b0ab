import { type Stats, statSync } from 'node:fs';
import { join } from 'node:path';
import { compareText } from '../text/compare-text.js';
import { listArticleFiles, readArticleBytes } from './article-files.js';
import { type ArticleParts, articleFromParts, partsOf } from './article-parts.js';
import { type ArticleWorkers, FILES_BEFORE_THREADS, FILES_WORTH_THREADS } from './article-workers.js';
import { ArticleFileError, MAX_ARTICLE_BYTES, type ParseArticleOptions, parseArticles } from './parse-article-file.js';
import type { Article, SkippedFile } from './types.js';

/** Enough to keep the disk and libuv's thread pool busy without holding thousands of files open. */
export const MAX_CONCURRENT_READS = 32;

export interface LoadArticlesOptions extends ParseArticleOptions {
  /** Called after each file is read and parsed, with the count so far and the total. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Asked before a file is read, with its size and modification time: articles returned stand for
   * its content (kept from an earlier run), so it is neither read nor parsed.
   */
  reuse?: (file: string, size: number, mtimeMs: number) => Article[] | undefined;
  /** Told of each file read and parsed whole (nothing skipped), with what `reuse` is asked with. */
  onRead?: (file: string, size: number, mtimeMs: number, articles: readonly Article[]) => void;
  /**
   * How each article parsed is held until the caller is done with the folder, made from its
   * parts; as parsed unless given.
   */
  hold?: (parts: ArticleParts) => Article;
  /**
   * Threads to read and parse files in, when `FILES_WORTH_THREADS` files or more are to be read
   * (not kept by `reuse`), once a load has parsed `FILES_BEFORE_THREADS` files itself.
   */
  workers?: ArticleWorkers;
}

export interface LoadedArticles {
  /** In path order; a file whose content repeats an earlier one's is left out (same id). */
  articles: Article[];
  /** Files (or JSON items) that could not be loaded, each with a reason meant for the person who supplied it. */
  skipped: SkippedFile[];
}

type FileOutcome = { articles: Article[]; skipped: SkippedFile[] };

/**
 * Loads every article file under `dir` (recursively, hidden files and folders ignored). Bad files are
 * skipped with a reason and the rest load; a missing folder is an error.
 */
export async function loadArticles(dir: string, options: LoadArticlesOptions = {}): Promise<LoadedArticles> {
  const { files, skipped: unreadable, realDir } = await listArticleFiles(dir);
  const maxBytes = options.maxBytes ?? MAX_ARTICLE_BYTES;
  const outcomes: FileOutcome[] = new Array(files.length);
  let done = 0;
  const finish = (index: number, outcome: FileOutcome) => {
    outcomes[index] = outcome;
    done += 1;
    options.onProgress?.(done, files.length);
  };
  // The files kept from an earlier run first: how many are left to read decides where they are parsed.
  const toRead: { index: number; info: FileInfo | undefined }[] = [];
  for (const [index, file] of files.entries()) {
    const { info, reused } = keptFile(dir, file, options);
    if (reused) finish(index, { articles: reused, skipped: [] });
    else toRead.push({ index, info });
  }
  const parse = fileParser(options, toRead.length);
  await forEachLimited(toRead, MAX_CONCURRENT_READS, async ({ index, info }) => {
    const file = files[index]!;
    const outcome = await parse(dir, realDir, file, maxBytes);
    if (info && !outcome.skipped.length) options.onRead?.(file, info.size, info.mtimeMs, outcome.articles);
    finish(index, outcome);
  });
  return mergeOutcomes(outcomes, unreadable);
}

/** Keeps the first file (in path order) of each content, so the result never depends on read timing. */
function mergeOutcomes(outcomes: readonly FileOutcome[], unreadable: SkippedFile[]): LoadedArticles {
  const articles: Article[] = [];
  const skipped: SkippedFile[] = [];
  const firstOrigin = new Map<string, string>();
  for (const outcome of outcomes) {
    skipped.push(...outcome.skipped);
    for (const article of outcome.articles) {
      const first = firstOrigin.get(article.id);
      if (first !== undefined) {
        skipped.push({ file: article.origin, reason: `same content as ${first}` });
        continue;
      }
      firstOrigin.set(article.id, article.origin);
      articles.push(article);
    }
  }
  skipped.push(...unreadable);
  skipped.sort((a, b) => compareText(a.file, b.file));
  return { articles, skipped };
}

/**
 * A file's size and modification time, when the load reuses or records files, and the articles
 * `reuse` keeps for them. Synchronous: a stat is microseconds, and at 10,000 files promise round
 * trips cost more than the stats. A file that cannot be stat'ed is read anyway, so its error is
 * reported the usual way.
 */
function keptFile(dir: string, file: string, options: LoadArticlesOptions): { info?: FileInfo; reused?: Article[] } {
  if (!options.reuse && !options.onRead) return {};
  const stats = statSync(join(dir, file), { throwIfNoEntry: false });
  if (!stats) return {};
  // The two numbers only: a whole `Stats` per file waiting to be read was kept through the load.
  const info = { size: stats.size, mtimeMs: stats.mtimeMs };
  const reused = options.reuse?.(file, info.size, info.mtimeMs);
  return reused ? { info, reused } : { info };
}

/** What a load keeps of a file's `Stats` while it waits to be read. */
type FileInfo = Pick<Stats, 'size' | 'mtimeMs'>;

type ParseFile = (dir: string, realDir: string, file: string, maxBytes: number) => Promise<FileOutcome>;

/**
 * How one load reads and parses its `count` files to read: on this thread or, when there are
 * `FILES_WORTH_THREADS` of them or more, past the first `FILES_BEFORE_THREADS` in worker threads
 * when given; held if asked.
 */
function fileParser({ workers, hold }: LoadArticlesOptions, count: number): ParseFile {
  const threads = count >= FILES_WORTH_THREADS ? workers : undefined;
  // Loading their code while this thread parses the first files.
  threads?.start();
  let parsedHere = 0;
  return async (dir, realDir, file, maxBytes) => {
    if (threads && parsedHere >= FILES_BEFORE_THREADS) {
      const { articles, skipped } = await threads.parse(dir, realDir, file, maxBytes);
      return { articles: articles.map(hold ?? articleFromParts), skipped };
    }
    parsedHere += 1;
    const parsed = await loadArticleFile(dir, realDir, file, maxBytes);
    return hold ? { ...parsed, articles: parsed.articles.map((article) => hold(partsOf(article))) } : parsed;
  };
}

/** Reads and parses one file of the folder (a thread's job too): a bad one is skipped with its reason. */
export async function loadArticleFile(
  dir: string,
  realDir: string,
  file: string,
  maxBytes: number,
): Promise<FileOutcome> {
  try {
    return parseArticles(file, await readArticleBytes(join(dir, file), maxBytes, realDir), { maxBytes });
  } catch (error) {
    if (error instanceof ArticleFileError) return { articles: [], skipped: [{ file, reason: error.reason }] };
    const code = (error as NodeJS.ErrnoException).code;
    if (code) return { articles: [], skipped: [{ file, reason: `cannot be read (${code})` }] };
    throw error;
  }
}

async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
