import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { type ArticleAnalysis, analyseArticle } from './analysis.js';
import { type ArticleParts, articleFromParts, partsOf } from './article-parts.js';
import { loadArticleFile } from './load-articles.js';
import type { SkippedFile } from './types.js';

export type WorkerRequest =
  | { job: number; kind: 'parse'; dir: string; realDir: string; file: string; maxBytes: number }
  | { job: number; kind: 'analyse'; articles: ArticleParts[] };

export type WorkerReply =
  | { job: number; kind: 'parsed'; articles: ArticleParts[]; skipped: SkippedFile[] }
  | { job: number; kind: 'analysed'; analyses: ArticleAnalysis[] }
  | { job: number; kind: 'failed'; message: string };

export interface ParsedParts {
  articles: ArticleParts[];
  skipped: SkippedFile[];
}

/** More threads than this gain little: the main thread indexes and stores what they make. */
const MAX_THREADS = 4;

/**
 * Each thread's young generation, in megabytes. V8's default (tens of megabytes) let each thread
 * hold that much garbage between collections: a first start at 10k articles peaked ~60 MB higher
 * with it, and was no faster (14-18 s either way over a few runs).
 */
const YOUNG_GENERATION_MB = 8;

interface Pending {
  resolve: (reply: WorkerReply) => void;
  reject: (error: Error) => void;
}

interface Thread {
  worker: Worker;
  pending: Map<number, Pending>;
  alive: boolean;
}

/** A thread stopped (crashed, ran out of memory) with jobs in hand; they are done on the main thread. */
class ThreadStopped extends Error {}

/**
 * Threads that read, parse and analyse articles beside the main thread, for a start with many
 * files to read (a first start, an analysis-version bump): parsing and analysis are most of such a
 * start, and one thread left every other core idle. Each job runs the same functions the main
 * thread would, so what comes back is the same; a thread that stops has its jobs (and every later
 * one, once none is left) done on the main thread, told to `onThreadStopped`. Threads start with
 * the first job and stop on `close`.
 */
export class ArticleWorkers {
  private readonly threads: Thread[] = [];
  private started = false;
  private nextJob = 1;
  /** Jobs a thread has done (the others were done on the main thread). */
  jobsInThreads = 0;

  constructor(
    private readonly size = Math.min(MAX_THREADS, availableParallelism()),
    private readonly onThreadStopped: (error: Error) => void = () => {},
  ) {}

  /** Reads and parses one file of the folder, as `loadArticleFile` does. */
  async parse(dir: string, realDir: string, file: string, maxBytes: number): Promise<ParsedParts> {
    const reply = await this.run({ kind: 'parse', dir, realDir, file, maxBytes }, async () => {
      const { articles, skipped } = await loadArticleFile(dir, realDir, file, maxBytes);
      return { job: 0, kind: 'parsed', articles: articles.map(partsOf), skipped };
    });
    if (reply.kind !== 'parsed') throw new Error(`unexpected reply to a parse: ${reply.kind}`);
    return { articles: reply.articles, skipped: reply.skipped };
  }

  /** Each article's analysis, as `analyseArticle` makes it. */
  async analyse(articles: ArticleParts[]): Promise<ArticleAnalysis[]> {
    const reply = await this.run({ kind: 'analyse', articles }, async () => ({
      job: 0,
      kind: 'analysed',
      analyses: articles.map((parts) => analyseArticle(articleFromParts(parts))),
    }));
    if (reply.kind !== 'analysed') throw new Error(`unexpected reply to an analysis: ${reply.kind}`);
    return reply.analyses;
  }

  /** Stops the threads; jobs still running are done on the main thread. */
  async close(): Promise<void> {
    const threads = this.threads.splice(0);
    for (const thread of threads) stop(thread, new ThreadStopped('the article workers were closed'));
    await Promise.all(threads.map((thread) => thread.worker.terminate()));
  }

  private async run(
    request:
      | { kind: 'parse'; dir: string; realDir: string; file: string; maxBytes: number }
      | { kind: 'analyse'; articles: ArticleParts[] },
    onMainThread: () => Promise<WorkerReply>,
  ): Promise<WorkerReply> {
    const thread = this.leastBusy();
    if (!thread) return onMainThread();
    const job = this.nextJob++;
    try {
      const reply = await new Promise<WorkerReply>((resolve, reject) => {
        thread.pending.set(job, { resolve, reject });
        thread.worker.postMessage({ ...request, job } as WorkerRequest);
      });
      if (reply.kind === 'failed') throw new Error(`in an article worker: ${reply.message}`);
      this.jobsInThreads += 1;
      return reply;
    } catch (error) {
      if (error instanceof ThreadStopped) return onMainThread();
      throw error;
    }
  }

  private leastBusy(): Thread | undefined {
    if (!this.started) {
      this.started = true;
      for (let i = 0; i < this.size; i++) this.threads.push(this.startThread());
    }
    let best: Thread | undefined;
    for (const thread of this.threads) {
      if (thread.alive && (!best || thread.pending.size < best.pending.size)) best = thread;
    }
    return best;
  }

  private startThread(): Thread {
    // Compiled, the worker is the .js beside this module; run from source (tests, tsx), the .ts,
    // once tsx's loader is registered in the new thread.
    const fromSource = import.meta.url.endsWith('.ts');
    const entry = new URL(fromSource ? './article-worker.ts' : './article-worker.js', import.meta.url);
    const limits = { resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } };
    const worker = fromSource
      ? new Worker(
          `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); });`,
          { eval: true, ...limits },
        )
      : new Worker(entry, limits);
    worker.unref();
    const thread: Thread = { worker, pending: new Map(), alive: true };
    worker.on('message', (reply: WorkerReply) => {
      const pending = thread.pending.get(reply.job);
      thread.pending.delete(reply.job);
      pending?.resolve(reply);
    });
    const stopped = (error: Error) => {
      if (thread.alive) this.onThreadStopped(error);
      stop(thread, error);
    };
    worker.on('error', stopped);
    worker.on('exit', (code) => stopped(new Error(`article worker exited with code ${code}`)));
    return thread;
  }
}

/** Marks the thread stopped and has its jobs done on the main thread. */
function stop(thread: Thread, error: Error): void {
  thread.alive = false;
  for (const pending of thread.pending.values()) pending.reject(new ThreadStopped(error.message));
  thread.pending.clear();
}
