/**
 * The thread `ArticleWorkers` starts: reads and parses article files, and analyses articles, as
 * the main thread would (the same functions), handing back plain parts (see `ArticleParts`).
 */
import { parentPort } from 'node:worker_threads';
import { analyseArticle } from './analysis.js';
import { articleFromParts, partsOf } from './article-parts.js';
import type { WorkerReply, WorkerRequest } from './article-workers.js';
import { loadArticleFile } from './load-articles.js';

async function handle(request: WorkerRequest): Promise<WorkerReply> {
  if (request.kind === 'parse') {
    const { dir, realDir, file, maxBytes } = request;
    const { articles, skipped } = await loadArticleFile(dir, realDir, file, maxBytes);
    return { job: request.job, kind: 'parsed', articles: articles.map(partsOf), skipped };
  }
  return {
    job: request.job,
    kind: 'analysed',
    analyses: request.articles.map((parts) => analyseArticle(articleFromParts(parts))),
  };
}

parentPort?.on('message', (request: WorkerRequest) => {
  handle(request).then(
    (reply) => parentPort?.postMessage(reply),
    (error: unknown) =>
      parentPort?.postMessage({
        job: request.job,
        kind: 'failed',
        message: error instanceof Error ? (error.stack ?? error.message) : String(error),
      } satisfies WorkerReply),
  );
});
