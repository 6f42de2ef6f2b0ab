/** The thread `ArticleWorkers` starts: does each job it is sent (`doArticleJob`) and replies with the result. */
import { parentPort } from 'node:worker_threads';
import { doArticleJob } from './article-jobs.js';
import type { WorkerReply, WorkerRequest } from './article-workers.js';

parentPort?.on('message', ({ id, job }: WorkerRequest) => {
  doArticleJob(job).then(
    (result) => parentPort?.postMessage({ id, result } satisfies WorkerReply),
    (error: unknown) =>
      parentPort?.postMessage({
        id,
        failure: error instanceof Error ? (error.stack ?? error.message) : String(error),
      } satisfies WorkerReply),
  );
});
