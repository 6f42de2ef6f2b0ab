/** How an article compares with what was seen before under the same origin and id. */
export type ArticleChange = 'new' | 'updated' | 'unchanged';

export interface ArticleVersion {
  change: ArticleChange;
  /** 1 for the first version seen, one more for each change of content hash. */
  version: number;
}

/** What the store last recorded for an article: its content hash and version. */
export interface SeenArticle {
  contentHash: string;
  version: number;
}

/** What tells a new article from a changed or an unchanged one across restarts (implemented by src/store). */
export interface ArticleVersions {
  /**
   * What `recordArticleVersion` last recorded for an article, without recording anything; null
   * when never seen. Lets an announcer record the version last, after everything else is done.
   */
  getArticleVersion(origin: string, articleId: string): Promise<SeenArticle | null>;
  /**
   * Records the content hash of an article and says whether it is new, a changed version of one
   * already seen, or unchanged. Atomic: of several processes seeing the same article, one gets `new`.
   */
  recordArticleVersion(origin: string, articleId: string, contentHash: string): Promise<ArticleVersion>;
}
