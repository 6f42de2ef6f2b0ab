import { createHash } from 'node:crypto';
import { detachedCopy } from '../text/detached-slice.js';
import { datelineAgency } from './dateline.js';
import { headlineOf, sourceLineOf } from './headline.js';
import { splitSentences } from './sentences.js';
import type { Article, ArticleMeta, Paragraph, Sentence } from './types.js';

/** A stable id from the article's content: the same text always gets the same id. */
export function articleId(text: string): string {
  // The first 8 bytes as hex, a string of its own (a slice of the whole digest's hex kept it alive).
  return createHash('sha256').update(text.normalize('NFC')).digest().toString('hex', 0, 8);
}

/**
 * Paragraphs are separated by blank lines; text with no blank line at all is taken a line per
 * paragraph (the usual shape of plain-text news dumps).
 */
export function splitParagraphs(text: string): Paragraph[] {
  const separator = /\n[ \t]*\n/.test(text) ? /\n[ \t]*(?:\n[ \t]*)+/g : /\n/g;
  const paragraphs: Paragraph[] = [];
  let cursor = 0;
  const push = (from: number, to: number) => {
    const raw = text.slice(from, to);
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (trimmed) paragraphs.push({ index: paragraphs.length, start: from + lead, end: from + lead + trimmed.length });
  };
  for (const match of text.matchAll(separator)) {
    push(cursor, match.index);
    cursor = match.index + match[0].length;
  }
  push(cursor, text.length);
  return paragraphs;
}

/** Sentences of a raw text (a message, a dataset row), split the way articles are. */
export function sentencesOfText(text: string): Sentence[] {
  return splitSentences(text, splitParagraphs(text));
}

/**
 * The article's text, or undefined when it can no longer be read: a stored article's is read from
 * its store when needed, which may have dropped it (see `decodeArticle`).
 */
export function readableText(article: Article): string | undefined {
  try {
    return article.text;
  } catch {
    return undefined;
  }
}

/**
 * Builds an article from its body text and metadata. Without a title, a short headline is made
 * (see `headlineOf`); without a source, a "Source:" line or a wire dateline's agency ("(AP)")
 * names the outlet.
 */
export function buildArticle(text: string, meta: Partial<ArticleMeta>, origin: string): Article {
  const paragraphs = splitParagraphs(text);
  const sentences = splitSentences(text, paragraphs);
  const first = paragraphs[0];
  const standfirst = first ? text.slice(first.start, first.end) : '';
  // What is kept of the metadata as strings of their own: a title cut from the file (or a headline
  // from the text) kept the whole file alive once the text was read from the store, about 40 MB
  // of a first start's heap at 10k articles.
  return {
    id: articleId(text),
    origin: ownCopy(origin),
    title: ownCopy(meta.title?.trim() || headlineOf(standfirst, origin, text) || standfirst || origin),
    date: ownCopy(meta.date ?? null),
    source: ownCopy(
      meta.source ?? sourceLineOf(text, paragraphs) ?? (sentences[0] ? datelineAgency(sentences[0].text) : null),
    ),
    url: ownCopy(meta.url ?? null),
    author: ownCopy(meta.author ?? null),
    text,
    paragraphs,
    sentences,
  };
}

/** `value` as a string of its own, not a view into the string it was cut from (see `detachedSlice`). */
function ownCopy<T extends string | null>(value: T): T {
  return (value === null ? value : detachedCopy(value)) as T;
}
