import { createHash } from 'node:crypto';
import type Parser from 'rss-parser';
import { buildArticle } from '../articles/article.js';
import type { Article } from '../articles/types.js';
import { htmlToText } from './html-text.js';

/**
 * An item whose own text is shorter than this carries a summary or teaser, not the article: its
 * linked page is read instead. Two or three full news paragraphs run well past it.
 */
export const MIN_ARTICLE_CHARS = 600;

/** rss-parser's item, with the RSS `content:encoded` and Atom `id` fields it copies but does not type. */
export type FeedItem = Parser.Item & { 'content:encoded'?: string; id?: string; author?: string };

/** An item's identity across polls: its guid (RSS) or id (Atom), else its link, else its title. */
export function itemKey(item: FeedItem): string | null {
  return item.guid?.trim() || item.id?.trim() || item.link?.trim() || item.title?.trim() || null;
}

/** Changes when anything the article is built from changes, so an unchanged item is never re-read. */
export function itemFingerprint(item: FeedItem): string {
  const parts = [item.title, item.isoDate, item.link, item['content:encoded'], item.content, item.summary];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 16);
}

/** The item's own text: full content when the feed carries it, else its summary, stripped of HTML. */
export function itemText(item: FeedItem): string {
  return htmlToText(item['content:encoded'] || item.content || item.summary || '');
}

export interface FeedArticleMeta {
  /** The feed's title, which names the outlet. */
  source: string | null;
  /** Where the item came from when it has no link of its own. */
  fallbackOrigin: string;
}

/** Builds the article for one item; its origin is the item's link, the natural identity of a web article. */
export function feedItemArticle(item: FeedItem, text: string, meta: FeedArticleMeta): Article {
  const url = item.link?.trim() || null;
  return buildArticle(
    text,
    {
      title: item.title?.trim() || null,
      // rss-parser normalises pubDate / published / updated to an ISO timestamp in isoDate.
      date: item.isoDate ? item.isoDate.slice(0, 10) : null,
      source: meta.source,
      url,
      author: item.creator?.trim() || item.author?.trim() || null,
    },
    url ?? meta.fallbackOrigin,
  );
}
