import fs from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UserFacingError } from '../errors.js';
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
  const { files, skipped: unreadable } = await listArticleFiles(dir);
  const maxBytes = options.maxBytes ?? MAX_ARTICLE_BYTES;
  const outcomes: FileOutcome[] = new Array(files.length);
  let done = 0;
  await forEachLimited(files, MAX_CONCURRENT_READS, async (file, index) => {
    outcomes[index] = await loadOrReuse(dir, file, maxBytes, options);
    done += 1;
    options.onProgress?.(done, files.length);
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
  skipped.sort((a, b) => comparePaths(a.file, b.file));
  return { articles, skipped };
}

async function loadOrReuse(
  dir: string,
  file: string,
  maxBytes: number,
  options: LoadArticlesOptions,
): Promise<FileOutcome> {
  if (!options.reuse && !options.onRead) return loadArticleFile(dir, file, maxBytes);
  // Synchronous: a stat is microseconds, and at 10,000 files promise round trips cost more than the
  // stats. A file that cannot be stat'ed is read anyway, so its error is reported the usual way.
  const info = fs.statSync(join(dir, file), { throwIfNoEntry: false });
  if (!info) return loadArticleFile(dir, file, maxBytes);
  const reused = options.reuse?.(file, info.size, info.mtimeMs);
  if (reused) return { articles: reused, skipped: [] };
  const outcome = await loadArticleFile(dir, file, maxBytes);
  if (!outcome.skipped.length) options.onRead?.(file, info.size, info.mtimeMs, outcome.articles);
  return outcome;
}

async function loadArticleFile(dir: string, file: string, maxBytes: number): Promise<FileOutcome> {
  try {
    return parseArticles(file, await readCapped(join(dir, file), maxBytes), { maxBytes });
  } catch (error) {
    if (error instanceof ArticleFileError) return { articles: [], skipped: [{ file, reason: error.reason }] };
    const code = (error as NodeJS.ErrnoException).code;
    if (code) return { articles: [], skipped: [{ file, reason: `cannot be read (${code})` }] };
    throw error;
  }
}

/**
 * Reads at most `maxBytes + 1` bytes: enough for the parser to tell the file is over the limit
 * without loading a stray multi-gigabyte file into memory. Callback fs rather than FileHandle:
 * it costs about half the CPU per small file, which is most of the work for a folder of 10,000.
 */
function readCapped(path: string, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    fs.open(path, 'r', (openError, fd) => {
      if (openError) return reject(openError);
      const finish = (error: Error | null, buffer?: Buffer) =>
        fs.close(fd, () => (error ? reject(error) : resolve(buffer ?? Buffer.alloc(0))));
      fs.fstat(fd, (statError, stats) => {
        if (statError) return finish(statError);
        // Unzeroed is safe: only the bytes read are ever exposed.
        const buffer = Buffer.allocUnsafe(Math.min(stats.size, maxBytes + 1));
        fs.read(fd, buffer, 0, buffer.length, 0, (readError, bytesRead) =>
          finish(readError, buffer.subarray(0, bytesRead)),
        );
      });
    });
  });
}

/** Relative paths with forward slashes, sorted; symbolic links to folders are not followed (no cycles). */
async function listArticleFiles(dir: string): Promise<{ files: string[]; skipped: SkippedFile[] }> {
  await assertFolder(dir);
  const files: string[] = [];
  const skipped: SkippedFile[] = [];
  const pending = [''];
  for (let folder = pending.pop(); folder !== undefined; folder = pending.pop()) {
    for (const entry of await readdir(join(dir, folder), { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const path = folder ? `${folder}/${entry.name}` : entry.name;
      if (entry.isDirectory()) pending.push(path);
      else if (entry.isFile()) files.push(path);
      else if (entry.isSymbolicLink()) {
        const target = await stat(join(dir, path)).catch(() => null);
        if (target?.isFile()) files.push(path);
        else skipped.push({ file: path, reason: target ? 'link to a folder (not followed)' : 'broken link' });
      }
    }
  }
  files.sort(comparePaths);
  return { files, skipped };
}

async function assertFolder(dir: string): Promise<void> {
  const info = await stat(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') throw new UserFacingError(`The articles folder ${dir} does not exist.`);
    throw error;
  });
  if (!info.isDirectory()) throw new UserFacingError(`${dir} is a file, not a folder of articles.`);
}

/** Code-unit order, so the result does not depend on the machine's locale. */
function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
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
