import type { Article, Paragraph, Sentence } from './types.js';

/**
 * An article as plain parts, for passing between threads (see `ArticleWorkers`): its metadata, its
 * text, and its paragraphs and sentences as one list of offsets (`layoutOffsets`), where the
 * objects of a parsed article (one per sentence, each with its own text) cost a copy apiece.
 */
export interface ArticleParts extends Omit<Article, 'text' | 'paragraphs' | 'sentences'> {
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

function plainSlice(text: string, start: number, end: number): string {
  return text.slice(start, end);
}

/** The parts of a parsed article (see `ArticleParts`). */
export function partsOf(article: Article): ArticleParts {
  const { text, paragraphs, sentences, ...meta } = article;
  return { ...meta, text, layout: Uint32Array.from(layoutOffsets(paragraphs, sentences)) };
}

/** The article its parts describe, as it was parsed. */
export function articleFromParts(parts: ArticleParts): Article {
  const { layout, ...article } = parts;
  return { ...article, ...layoutFromOffsets(layout, parts.text) };
}
