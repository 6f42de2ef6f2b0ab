import type { Article } from '../articles/types.js';

/**
 * One change to the set of articles Newsdesk follows, from the seeds folder or a feed. `updated` is a
 * new version of an article already known under the same origin (a file or a feed item): the same
 * story, not a new one. `origin` is the file path relative to the seeds folder or the feed item's key.
 */
export type ArticleChange =
  | { kind: 'added'; origin: string; article: Article }
  | { kind: 'updated'; origin: string; previousArticleId: string; article: Article }
  | { kind: 'removed'; origin: string; articleId: string };

/** Where changes go; awaited, so a slow consumer slows the source instead of piling changes up. */
export type ChangeListener = (change: ArticleChange) => void | Promise<void>;

/** The slice of pino's Logger the ingest sources use; a pino Logger (or a child) satisfies it. */
export interface IngestLogger {
  debug(data: object, message: string): void;
  info(data: object, message: string): void;
  warn(data: object, message: string): void;
  error(data: object, message: string): void;
}
