import { realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { fileState, inspectEntry, listArticleFiles, readArticleBytes } from '../articles/article-files.js';
import { ArticleFileError, fileOfOrigin, MAX_ARTICLE_BYTES, parseArticles } from '../articles/parse-article-file.js';
import type { Article } from '../articles/types.js';
import type { ArticleChange, ChangeListener, IngestLogger } from './article-change.js';
import { type FolderTreeWatcher, watchFolderTree } from './folder-tree-watcher.js';
import { OriginIndex } from './origin-index.js';

/**
 * How long a file must sit unchanged before it is read. A writer appending in chunks (an editor, a
 * copy over the network, a script) touches the file again well within this; each touch restarts the
 * wait. Long enough for that, short enough to keep "new file → post" well under two seconds.
 */
export const DEFAULT_SEEDS_DEBOUNCE_MS = 300;

export interface WatchSeedsOptions {
  onChange: ChangeListener;
  logger: IngestLogger;
  debounceMs?: number;
  /** What the start read from `dir`, so files present at start-up are neither read nor announced again. */
  initial?: SeedsAtStart;
  /** Files larger than this are refused, as at start-up (default MAX_ARTICLE_BYTES). */
  maxBytes?: number;
}

/** The seeds folder as a start read it. */
export interface SeedsAtStart {
  /** Its articles; their origins are the paths relative to the folder, as the watcher sees them. */
  articles: readonly Article[];
  /**
   * Each file's size and modification time as the start read it (see `fileState`), by path. The
   * watcher reports every file present when it starts watching (one written meanwhile is not
   * missed); one still as the start read it is not read again. Without them every file is read
   * again after a start, on the bot's thread: 5 s at 10k files, during which interactions missed
   * Discord's 3-second window.
   */
  files?: ReadonlyMap<string, string>;
}

export interface SeedsWatcher {
  /** Stops watching and waits for any file being read to finish; no change is reported after. */
  close(): Promise<void>;
}

interface Pending {
  timer: NodeJS.Timeout | null;
  /** Size and mtime when last looked at; the file is read only once these hold across a debounce. */
  seen: string | null;
}

/**
 * Watches the seeds folder and its subfolders (symbolic links are read as at start-up, never watched
 * through) and reports each settled file as an article change. Hidden files and folders are
 * ignored, as at start-up, so writing to `.name.tmp` and renaming into place announces the file
 * exactly once.
 */
export function watchSeeds(dir: string, options: WatchSeedsOptions): SeedsWatcher {
  return new SeedsFolderWatcher(dir, options);
}

class SeedsFolderWatcher implements SeedsWatcher {
  private readonly index: OriginIndex;
  private readonly pending = new Map<string, Pending>();
  /** One reading at a time per path, in event order. */
  private readonly queues = new Map<string, Promise<void>>();
  private readonly watcher: FolderTreeWatcher;
  /** Links are followed only to files inside this real path, as at start-up. */
  private readonly realDir: Promise<string>;
  private readonly debounceMs: number;
  private readonly maxBytes: number;
  private closed = false;
  /** Files as the start read them, each forgotten once the watcher has first looked at it. */
  private readonly filesAtStart: Map<string, string>;

  constructor(
    private readonly dir: string,
    private readonly options: WatchSeedsOptions,
  ) {
    this.debounceMs = options.debounceMs ?? DEFAULT_SEEDS_DEBOUNCE_MS;
    this.maxBytes = options.maxBytes ?? MAX_ARTICLE_BYTES;
    this.index = new OriginIndex(
      (options.initial?.articles ?? []).map((article) => [article.origin, article.id] as const),
    );
    this.filesAtStart = new Map(options.initial?.files ?? []);
    this.realDir = realpath(dir).catch(() => dir);
    this.watcher = watchFolderTree(dir, {
      onEvent: (path) => this.touch(path),
      onError: (err, folder) => options.logger.error({ err, dir, folder }, 'seeds folder watch failed'),
      ignore: (name) => name.startsWith('.'),
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.watcher.close();
    for (const entry of this.pending.values()) if (entry.timer) clearTimeout(entry.timer);
    this.pending.clear();
    await Promise.all(this.queues.values());
  }

  /** Something happened at `path`: (re)start its wait, forgetting what it looked like before. */
  private touch(path: string): void {
    if (this.closed || path.split('/').some((part) => part.startsWith('.'))) return;
    const entry = this.pending.get(path) ?? { timer: null, seen: null };
    entry.seen = null;
    this.pending.set(path, entry);
    this.schedule(path, entry);
  }

  private schedule(path: string, entry: Pending): void {
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = setTimeout(() => {
      entry.timer = null;
      const previous = this.queues.get(path) ?? Promise.resolve();
      const next = previous.then(() => this.settle(path, entry));
      this.queues.set(path, next);
      void next.finally(() => {
        if (this.queues.get(path) === next) this.queues.delete(path);
      });
    }, this.debounceMs);
  }

  private async settle(path: string, entry: Pending): Promise<void> {
    // A newer event restarted the wait (or replaced the entry): that timer will settle the file.
    if (this.closed || entry.timer || this.pending.get(path) !== entry) return;
    try {
      const found = await inspectEntry(this.dir, await this.realDir, path);
      const atStart = this.filesAtStart.get(path);
      this.filesAtStart.delete(path);
      if (found.kind === 'file') {
        const seen = fileState(found.info.size, found.info.mtimeMs);
        // As the start read it: nothing to read or report.
        if (seen === atStart) {
          this.pending.delete(path);
          return;
        }
        if (entry.seen !== seen) {
          // First look since the last event, or still being written: look again after another wait.
          entry.seen = seen;
          return this.schedule(path, entry);
        }
      }
      this.pending.delete(path);
      if (found.kind === 'missing') return await this.report(path, this.withdrawUnder(path));
      if (found.kind === 'folder') return await this.touchFolder(path);
      if (found.kind === 'file') return await this.report(path, await this.readFile(path));
      this.options.logger.warn({ file: path, reason: found.reason }, 'seed file skipped');
    } catch (err) {
      if (this.pending.get(path) === entry) this.pending.delete(path);
      this.options.logger.warn({ err, file: path }, 'seed file could not be read');
    }
  }

  private async report(path: string, changes: readonly ArticleChange[]): Promise<void> {
    this.options.logger.debug({ file: path, changes: changes.length }, 'seed file settled');
    for (const change of changes) {
      if (this.closed) return;
      try {
        await this.options.onChange(change);
      } catch (err) {
        this.options.logger.error({ err, file: path, kind: change.kind }, 'seed change listener failed');
      }
    }
  }

  /** A settled file: parse it and compare each article it holds with what its origin held before. */
  private async readFile(path: string): Promise<ArticleChange[]> {
    let parsed: ReturnType<typeof parseArticles>;
    try {
      const bytes = await readArticleBytes(join(this.dir, path), this.maxBytes, await this.realDir);
      parsed = parseArticles(path, bytes, { maxBytes: this.maxBytes });
    } catch (error) {
      if (!(error instanceof ArticleFileError)) throw error;
      // The previous version (if any) stays: a broken save should not withdraw a story.
      this.options.logger.warn({ file: path, reason: error.reason }, 'seed file skipped');
      return [];
    }
    for (const item of parsed.skipped) {
      this.options.logger.warn({ file: item.file, reason: item.reason }, 'seed file skipped');
    }
    const now = new Set(parsed.articles.map((article) => article.origin));
    const gone = this.originsOf(path, false).filter((origin) => !now.has(origin));
    return [
      ...gone.map((origin) => this.index.transition(origin, null)),
      ...parsed.articles.map((article) => this.index.transition(article.origin, article)),
    ].filter((change): change is ArticleChange => change !== null);
  }

  /** A file or folder that is gone: every article read from it is withdrawn. */
  private withdrawUnder(path: string): ArticleChange[] {
    return this.originsOf(path, true)
      .map((origin) => this.index.transition(origin, null))
      .filter((change): change is ArticleChange => change !== null);
  }

  /** A folder appeared (or was moved in): its files may have been written before it was watched. */
  private async touchFolder(path: string): Promise<void> {
    const { files, skipped } = await listArticleFiles(this.dir, path);
    for (const item of skipped) this.options.logger.warn({ file: item.file, reason: item.reason }, 'seed file skipped');
    for (const file of files) this.touch(file);
  }

  /** Origins read from the file at `path` (`path`, or `path#n` for a JSON array), or under a folder. */
  private originsOf(path: string, includeFolder: boolean): string[] {
    return [...this.index.origins()].filter(
      (origin) => fileOfOrigin(origin) === path || (includeFolder && origin.startsWith(`${path}/`)),
    );
  }
}
