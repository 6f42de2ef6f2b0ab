import type { Corpus } from '../corpus/corpus.js';
import type { ArticleChange } from './article-change.js';

/**
 * Applies one change to the corpus. The corpus tells its listeners (the passage index) at once, so
 * a withdrawn article stops appearing in answers and search as soon as this returns. An update
 * removes the previous version before adding the new one, so the two never answer side by side.
 */
export function applyChange(corpus: Corpus, change: ArticleChange): void {
  switch (change.kind) {
    case 'added':
      corpus.add([change.article]);
      return;
    case 'updated':
      corpus.remove([change.previousArticleId]);
      corpus.add([change.article]);
      return;
    case 'removed':
      corpus.remove([change.articleId]);
      return;
  }
}
