import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ArticleAnalysis } from './analysis.js';
import { type ArticleJob, type ArticleJobResult, doArticleJob } from './article-jobs.js';
import type { ArticleParts } from './article-parts.js';
import type { SkippedFile } from './types.js';

export interface WorkerRequest {
  id: number;
  job: ArticleJob;
}

/** A job's result, or how it failed (its stack: an error thrown in a thread, a bug, as on the main thread). */
export type WorkerReply = { id: number; result: ArticleJobResult } | { id: number; failure: string };

interface ParsedParts {
  articles: ArticleParts[];
  skipped: SkippedFile[];
}

/**
 * Files a load must have to read and parse (not kept from an earlier run) for its parsing to go to
 * the threads, and articles a start must have to analyse for its analysis to go to them. Two
 * threads that each load the parsing and analysis code cost more than they save on a thousand
 * files: a first start at 1k articles took 3.1-3.5 s with them, 2.7-3.0 s without, and 65 MB
 * more. So the seed, a test's folder, a small archive or a restart that finds a few hundred files
 * changed start none.
 */
export const FILES_WORTH_THREADS = 2000;
export const ARTICLES_WORTH_THREADS = 2000;
/**
 * Files of such a load the main thread parses itself while the threads start (each loads the
 * parsing code first; the load starts them before its first file). It parsed 2,000 before
 * starting them, about 1.5 s of every large first start with the other core idle.
 */
export const FILES_BEFORE_THREADS = 200;

/** More threads than this gain little: the main thread indexes and stores what they make. */
const MAX_THREADS = 4;

/**
 * Each thread's young generation, in megabytes. V8's default (tens of megabytes) let each thread
 * hold that much garbage between collections: a first start at 10k articles peaked ~60 MB higher
 * with it, and was no faster (14-18 s either way over a few runs).
 */
const YOUNG_GENERATION_MB = 8;

interface Pending {
  resolve: (result: ArticleJobResult) => void;
  reject: (error: Error) => void;
}

interface Thread {
  worker: Worker;
  pending: Map<number, Pending>;
  alive: boolean;
}

/** A thread stopped (crashed, ran out of memory) with the job in hand; it is done on the main thread. */
class ThreadStopped extends Error {}

/** The pool was closed with the job in hand, or before it was asked: the start it was part of is over. */
export class ArticleWorkersClosed extends Error {
  constructor() {
    super('the article worker threads were closed');
    this.name = 'ArticleWorkersClosed';
  }
}

/**
 * Threads that read, parse and analyse articles beside the main thread, for a start with many
 * files to read (a first start, an analysis-version bump): parsing and analysis were two thirds of
 * such a start, and one thread left the other cores idle. Each job runs the same function the
 * main thread would (`doArticleJob`), so what comes back is the same. A thread that stops, or
 * cannot start, is told to `onThreadStopped` and its jobs (and every later one, once none is
 * left) are done on the main thread. Threads start with `start` or the first job; `close` stops
 * them, and jobs in hand or asked for after it fail with `ArticleWorkersClosed`.
 */
export class ArticleWorkers {
  private readonly threads: Thread[] = [];
  private started = false;
  private closed = false;
  private nextId = 1;
  /** Jobs a thread has done (the others were done on the main thread). */
  jobsInThreads = 0;

  constructor(
    private readonly size = Math.min(MAX_THREADS, availableParallelism()),
    private readonly onThreadStopped: (error: Error) => void = () => {},
  ) {}

  /** Reads and parses one file of the folder, as `loadArticleFile` does. */
  async parse(dir: string, realDir: string, file: string, maxBytes: number): Promise<ParsedParts> {
    const result = await this.run({ kind: 'parse', dir, realDir, file, maxBytes });
    if (result.kind !== 'parsed') throw new Error(`unexpected result of a parse: ${result.kind}`);
    return { articles: result.articles, skipped: result.skipped };
  }

  /** Each article's analysis, as `analyseArticle` makes it. */
  async analyse(articles: ArticleParts[]): Promise<ArticleAnalysis[]> {
    const result = await this.run({ kind: 'analyse', articles });
    if (result.kind !== 'analysed') throw new Error(`unexpected result of an analysis: ${result.kind}`);
    return result.analyses;
  }

  /** Stops the threads: jobs in hand fail with `ArticleWorkersClosed`, as do later ones. */
  async close(): Promise<void> {
    this.closed = true;
    const threads = this.threads.splice(0);
    for (const thread of threads) stop(thread, new ArticleWorkersClosed());
    await Promise.all(threads.map((thread) => thread.worker.terminate()));
  }

  private async run(job: ArticleJob): Promise<ArticleJobResult> {
    if (this.closed) throw new ArticleWorkersClosed();
    const thread = this.leastBusy();
    if (!thread) return doArticleJob(job);
    const id = this.nextId++;
    try {
      const result = await new Promise<ArticleJobResult>((resolve, reject) => {
        thread.pending.set(id, { resolve, reject });
        thread.worker.postMessage({ id, job } satisfies WorkerRequest);
      });
      this.jobsInThreads += 1;
      return result;
    } catch (error) {
      if (error instanceof ThreadStopped) return doArticleJob(job);
      throw error;
    }
  }

  /**
   * Starts the threads now rather than with the first job, so they load their code while the
   * caller does other work; once only, and not after `close`.
   */
  start(): void {
    if (this.started || this.closed) return;
    this.started = true;
    for (let i = 0; i < this.size; i++) {
      const thread = this.startThread();
      if (thread) this.threads.push(thread);
    }
  }

  private leastBusy(): Thread | undefined {
    this.start();
    let best: Thread | undefined;
    for (const thread of this.threads) {
      if (thread.alive && (!best || thread.pending.size < best.pending.size)) best = thread;
    }
    return best;
  }

  /** A new thread, or undefined (told to `onThreadStopped`) when one cannot be started. */
  private startThread(): Thread | undefined {
    let worker: Worker;
    try {
      worker = newWorker();
    } catch (error) {
      this.onThreadStopped(error as Error);
      return undefined;
    }
    const thread: Thread = { worker, pending: new Map(), alive: true };
    worker.on('message', (reply: WorkerReply) => {
      const pending = thread.pending.get(reply.id);
      thread.pending.delete(reply.id);
      if ('result' in reply) pending?.resolve(reply.result);
      else pending?.reject(new Error(`in an article worker thread: ${reply.failure}`));
    });
    const stopped = (error: Error) => {
      if (thread.alive) this.onThreadStopped(error);
      stop(thread, new ThreadStopped(error.message));
    };
    worker.on('error', stopped);
    worker.on('exit', (code) => stopped(new Error(`article worker thread exited with code ${code}`)));
    return thread;
  }
}

/**
 * Compiled, the thread runs the .js beside this module; run from source (tests, tsx), a small
 * module that registers tsx's loader in the thread first (`article-worker-from-source.mjs`).
 */
function newWorker(): Worker {
  const entry = import.meta.url.endsWith('.ts') ? './article-worker-from-source.mjs' : './article-worker.js';
  return new Worker(new URL(entry, import.meta.url), {
    resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
  });
}

/** Marks the thread stopped and fails its jobs in hand with `reason`. */
function stop(thread: Thread, reason: Error): void {
  thread.alive = false;
  for (const pending of thread.pending.values()) pending.reject(reason);
  thread.pending.clear();
}
