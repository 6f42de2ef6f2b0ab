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

/** A stored article as read back: its analysis is decoded when first asked for, not at start-up. */
export interface KeptArticle {
  article: Article;
  analysis: () => ArticleAnalysis;
}

export interface StoredFolder {
  files: FileSignature[];
  /** Every stored article of the current analysis version (the folder's and any other, e.g. feeds'). */
  articles: KeptArticle[];
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

/** A stored article's columns: the text as is, the rest as JSON. */
export interface ArticleColumns {
  text: string;
  /** Metadata, then paragraphs and sentences as flat offset lists (their index is their position). */
  article: string;
  analysis: string;
}

interface EncodedArticle extends Omit<Article, 'id' | 'text' | 'paragraphs' | 'sentences'> {
  /** start, end of each paragraph. */
  p: number[];
  /** start, end, paragraph of each sentence. */
  s: number[];
}

/**
 * The stored form, compact because a warm start decodes every article: sentence and quote texts
 * are not stored, being exact slices of the article text (see `Sentence.text`, `Quote.text`) cut
 * again on reading, which also shares the text's memory instead of holding copies.
 */
export function encodeStoredArticle({ article, analysis }: StoredArticle): ArticleColumns {
  const { id: _id, text, paragraphs, sentences, ...meta } = article;
  const encoded: EncodedArticle = {
    ...meta,
    p: paragraphs.flatMap((paragraph) => [paragraph.start, paragraph.end]),
    s: sentences.flatMap((sentence) => [sentence.start, sentence.end, sentence.paragraph]),
  };
  return {
    text,
    article: JSON.stringify(encoded),
    analysis: JSON.stringify({
      ...analysis,
      quotes: analysis.quotes.map(({ text: _text, articleId: _articleId, ...quote }) => quote),
    }),
  };
}

export function decodeStoredArticle(id: string, columns: ArticleColumns): KeptArticle {
  const { p, s, ...meta } = JSON.parse(columns.article) as EncodedArticle;
  const text = columns.text;
  const paragraphs = [];
  for (let i = 0; i < p.length; i += 2) paragraphs.push({ index: i / 2, start: p[i]!, end: p[i + 1]! });
  const sentences = [];
  for (let i = 0; i < s.length; i += 3) {
    const start = s[i]!;
    const end = s[i + 1]!;
    sentences.push({ index: i / 3, paragraph: s[i + 2]!, start, end, text: text.slice(start, end) });
  }
  const article: Article = { id, ...meta, text, paragraphs, sentences };
  const analysis = () => {
    const decoded = JSON.parse(columns.analysis) as ArticleAnalysis;
    for (const quote of decoded.quotes) {
      quote.text = text.slice(quote.start, quote.end);
      quote.articleId = id;
    }
    return decoded;
  };
  return { article, analysis };
}
