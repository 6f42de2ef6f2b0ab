import { type ArticleAnalysis, analyseArticle } from './analysis.js';
import { type ArticleParts, articleFromParts, partsOf } from './article-parts.js';
import { loadArticleFile } from './load-articles.js';
import type { SkippedFile } from './types.js';

/** Work `ArticleWorkers` hands a thread: a file to read and parse, or articles to analyse. */
export type ArticleJob =
  | { kind: 'parse'; dir: string; realDir: string; file: string; maxBytes: number }
  | { kind: 'analyse'; articles: ArticleParts[] };

export type ArticleJobResult =
  | { kind: 'parsed'; articles: ArticleParts[]; skipped: SkippedFile[] }
  | { kind: 'analysed'; analyses: ArticleAnalysis[] };

/**
 * Does one job, in whichever thread calls it: a worker thread, or the main thread when none is
 * left (see `ArticleWorkers`). The same functions as a start on one thread, so the same result.
 */
export async function doArticleJob(job: ArticleJob): Promise<ArticleJobResult> {
  if (job.kind === 'parse') {
    const { articles, skipped } = await loadArticleFile(job.dir, job.realDir, job.file, job.maxBytes);
    return { kind: 'parsed', articles: articles.map(partsOf), skipped };
  }
  return { kind: 'analysed', analyses: job.articles.map((parts) => analyseArticle(articleFromParts(parts))) };
}
