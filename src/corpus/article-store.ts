import type { ArticleAnalysis } from '../articles/analysis.js';
import type { Article } from '../articles/types.js';

/**
 * Bump whenever parsing or `analyseArticle` changes what it produces (or the article and analysis
 * types change shape): stored articles of another version are read and analysed again, once.
 */
export const ANALYSIS_VERSION = 1;

/** An article as parsed and analysed, kept so that a restart reads it back instead of rebuilding it. */
export interface StoredArticle {
  article: Article;
  analysis: ArticleAnalysis;
}

/** What a seed file held when it was last read: unchanged size and modification time mean unchanged content. */
export interface FileSignature {
  /** Relative to the seeds folder, as `Article.origin`. */
  path: string;
  size: number;
  mtimeMs: number;
  /** The articles read from it (a JSON file may hold several), by content hash. */
  articleIds: string[];
}

export interface StoredFolder {
  files: FileSignature[];
  /** Every stored article of the current analysis version (the folder's and any other, e.g. feeds'). */
  articles: StoredArticle[];
}

export interface FolderChange {
  /** New or changed files. */
  files: FileSignature[];
  removedFiles: string[];
  /** Articles parsed and analysed in this run. */
  articles: StoredArticle[];
  /** Articles no longer held by any file. */
  removedArticles: string[];
}

/**
 * Articles and their analysis, kept in the store beside subscriptions (SQLite or PostgreSQL),
 * keyed by content hash and analysis version. Implemented in `src/store`.
 */
export interface ArticleStore {
  /** The folder's files as last read, with every article stored under `version`. */
  readFolder(folder: string, version: number): Promise<StoredFolder>;
  /** Records one start-up's changes in one transaction; articles of other versions are dropped. */
  saveFolder(folder: string, version: number, change: FolderChange): Promise<void>;
  /** Articles that joined the corpus while running (a file changed, a feed item). */
  saveArticles(version: number, articles: readonly StoredArticle[]): Promise<void>;
  removeArticles(ids: readonly string[]): Promise<void>;
}

/**
 * The stored form: the article and its analysis as JSON, without the sentence and quote texts,
 * which are exact slices of the article text (see `Sentence.text`, `Quote.text`) and are cut again
 * on reading, sharing the text's memory instead of holding copies.
 */
export function encodeStoredArticle({ article, analysis }: StoredArticle): string {
  return JSON.stringify({
    article: { ...article, sentences: article.sentences.map(({ text: _text, ...sentence }) => sentence) },
    analysis: {
      ...analysis,
      quotes: analysis.quotes.map(({ text: _text, articleId: _articleId, ...quote }) => quote),
    },
  });
}

export function decodeStoredArticle(json: string): StoredArticle {
  const stored = JSON.parse(json) as StoredArticle;
  const { article, analysis } = stored;
  for (const sentence of article.sentences) sentence.text = article.text.slice(sentence.start, sentence.end);
  for (const quote of analysis.quotes) {
    quote.text = article.text.slice(quote.start, quote.end);
    quote.articleId = article.id;
  }
  return stored;
}
