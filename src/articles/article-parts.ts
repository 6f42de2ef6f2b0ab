import type { Article, Paragraph, Sentence } from './types.js';

/**
 * An article as plain parts, for passing between threads (see `ArticleWorkers`): its metadata, its
 * text, and its paragraphs and sentences as one list of offsets (`layoutOffsets`), where the
 * objects of a parsed article (one per sentence, each with its own text) cost a copy apiece.
 */
export interface ArticleParts extends ArticleMetaFields {
  text: string;
  layout: Uint32Array;
}

/**
 * Paragraphs and sentences as one list of numbers: the paragraph count, each paragraph's start and
 * end, then each sentence's start, end and paragraph (a sentence's index is its position). How
 * the store keeps an article's layout (see `decodeArticle`).
 */
export function layoutOffsets(paragraphs: readonly Paragraph[], sentences: readonly Sentence[]): number[] {
  const offsets = [paragraphs.length];
  for (const { start, end } of paragraphs) offsets.push(start, end);
  for (const { start, end, paragraph } of sentences) offsets.push(start, end, paragraph);
  return offsets;
}

/** Paragraphs and sentences from `layoutOffsets`, each sentence's text cut from `text` by `cut`. */
export function layoutFromOffsets(
  offsets: ArrayLike<number>,
  text: string,
  cut: (text: string, start: number, end: number) => string = plainSlice,
): { paragraphs: Paragraph[]; sentences: Sentence[] } {
  const paragraphCount = offsets[0]!;
  const paragraphs: Paragraph[] = [];
  for (let i = 0; i < paragraphCount; i++) {
    paragraphs.push({ index: i, start: offsets[1 + 2 * i]!, end: offsets[2 + 2 * i]! });
  }
  const sentences: Sentence[] = [];
  for (let at = 1 + 2 * paragraphCount, index = 0; at < offsets.length; at += 3, index++) {
    const start = offsets[at]!;
    const end = offsets[at + 1]!;
    sentences.push({ index, paragraph: offsets[at + 2]!, start, end, text: cut(text, start, end) });
  }
  return { paragraphs, sentences };
}

/** A sentence cut as a plain slice of its article's text. */
export function plainSlice(text: string, start: number, end: number): string {
  return text.slice(start, end);
}

export type ArticleMetaFields = Omit<Article, 'text' | 'paragraphs' | 'sentences'>;

const NOT_META = new Set(['text', 'paragraphs', 'sentences']);

/**
 * The article's own fields but its text and layout, which are not read: an article read on demand
 * (see `decodeArticle`) would read its text or decode its sentences for them.
 */
export function metaOf(article: Article): ArticleMetaFields {
  const meta: Record<string, unknown> = {};
  for (const key of Object.keys(article)) {
    if (!NOT_META.has(key)) meta[key] = article[key as keyof Article];
  }
  return meta as unknown as ArticleMetaFields;
}

/** The parts of a parsed article (see `ArticleParts`). */
export function partsOf(article: Article): ArticleParts {
  return {
    ...metaOf(article),
    text: article.text,
    layout: Uint32Array.from(layoutOffsets(article.paragraphs, article.sentences)),
  };
}

/** The article its parts describe, as it was parsed. */
export function articleFromParts(parts: ArticleParts): Article {
  const { layout, ...article } = parts;
  return { ...article, ...layoutFromOffsets(layout, parts.text) };
}
