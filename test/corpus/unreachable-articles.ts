import type { ArticleStore } from '../../src/corpus/article-store.js';

/**
 * A stored-article port that fails every call while `down` is set, as a database out of reach
 * does, and passes each call to `articles` otherwise.
 */
export function unreachableWhenDown(articles: ArticleStore): { articles: ArticleStore; trouble: { down: boolean } } {
  const trouble = { down: false };
  const guard = <T>(call: () => Promise<T>): Promise<T> =>
    trouble.down ? Promise.reject(new Error('database unreachable')) : call();
  return {
    trouble,
    articles: {
      readFolder: (folder, version) => guard(() => articles.readFolder(folder, version)),
      saveFolder: (folder, version, change) => guard(() => articles.saveFolder(folder, version, change)),
      saveAnalysed: (folder, version, files, kept) => guard(() => articles.saveAnalysed(folder, version, files, kept)),
      saveArticles: (version, kept) => guard(() => articles.saveArticles(version, kept)),
      removeArticles: (ids) => guard(() => articles.removeArticles(ids)),
      lastChange: () => guard(() => articles.lastChange()),
      changesSince: (after, limit) => guard(() => articles.changesSince(after, limit)),
      readArticles: (ids, version) => guard(() => articles.readArticles(ids, version)),
      storedAnalyses: (kept, version) => guard(() => articles.storedAnalyses(kept, version)),
      // Texts are read from the file as SQLite reads them, so a first start holds what it parses.
      ...(articles.texts ? { texts: articles.texts } : {}),
    },
  };
}
