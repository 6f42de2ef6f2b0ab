import { type ArticleAnalysis, analyseArticle } from '../articles/analysis.js';
import type { Article } from '../articles/types.js';
import { PassageIndex } from '../search/passage-index.js';
import { type AnalysisSource, Corpus } from './corpus.js';

export interface IndexedCorpus {
  corpus: Corpus;
  index: PassageIndex;
}

/**
 * A corpus whose passage index follows every change to it, so an article added or withdrawn is
 * searchable (or gone) at once. The one place corpus and index are wired together.
 */
export function createIndexedCorpus(
  articles: readonly Article[] = [],
  options: {
    analyse?: (article: Article) => AnalysisSource;
    index?: PassageIndex;
  } = {},
): IndexedCorpus {
  const corpus = new Corpus(options.analyse ?? analyseArticle);
  const index = options.index ?? PassageIndex.open();
  corpus.onChange(({ added, removed }) => {
    if (removed.length) index.remove(removed.map((article) => article.id));
    if (added.length) index.add(added);
  });
  corpus.add(articles);
  return { corpus, index };
}

/**
 * For answering and summarising only: quotes and people are not extracted, which keeps
 * one-article evals fast.
 */
export const WITHOUT_ANALYSIS = (): ArticleAnalysis => ({ quotes: [], entities: [] });
