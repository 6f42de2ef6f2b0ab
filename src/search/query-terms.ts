import { foldWord, withoutFormatCharacters } from '../text/fold.js';
import { MAX_CACHED_STEMS, stem } from '../text/stem.js';
import { isStopword } from '../text/stopwords.js';

export { isStopword };

/** A word of text with where it sits; offsets index the string the word was read from. */
export interface WordToken {
  /** Folded (NFKC, lower-cased, diacritics removed): the form compared across question and passage. */
  norm: string;
  /** Porter stem of `norm` (numbers are kept as written). */
  stem: string;
  /** As written. */
  raw: string;
  start: number;
  end: number;
}

/**
 * Letters and digits, with inner apostrophes and hyphens kept out: FTS5's unicode61 tokenizer
 * splits on them too, so "84-82" and "Britain's" become the same tokens on both sides.
 */
const WORD = /[\p{L}\p{N}]+/gu;

/** A query never needs more terms than this; longer text is cut so MATCH stays cheap. */
export const MAX_QUERY_TERMS = 32;

/** A number with a plural "s" ("16s", "1990s"): the full-text index's Porter stemmer reads it as the number. */
const PLURAL_NUMBER = /^\d+s$/;

/**
 * Numbers are kept whole ("2025", "g7") but for a plural "s", which the full-text index drops too,
 * so "under-16s" and "under 16" meet in ranking as they do in search; every other word is stemmed.
 */
export function stemOf(norm: string): string {
  if (!/\d/.test(norm)) return stem(norm);
  return PLURAL_NUMBER.test(norm) ? norm.slice(0, -1) : norm;
}

/** Every word of `text`, in order. */
export function tokenizeWords(text: string): WordToken[] {
  const tokens: WordToken[] = [];
  for (const match of text.matchAll(WORD)) {
    const norm = foldWord(match[0]);
    tokens.push({ norm, stem: stemOf(norm), raw: match[0], start: match.index, end: match.index + match[0].length });
  }
  return tokens;
}

/** Stems by word as written, so bulk reading skips normalising words it has seen before. */
const STEMS_AS_WRITTEN = new Map<string, string>();

/** The stem of a word as written (letters and digits only, as `tokenizeWords` splits them). */
export function stemOfWritten(word: string): string {
  let stemmed = STEMS_AS_WRITTEN.get(word);
  if (stemmed === undefined) {
    stemmed = stemOf(foldWord(word));
    if (STEMS_AS_WRITTEN.size >= MAX_CACHED_STEMS) STEMS_AS_WRITTEN.clear();
    STEMS_AS_WRITTEN.set(word, stemmed);
  }
  return stemmed;
}

/** Calls `visit` with the stem of every word of `text` (and the word as written), in order: `tokenizeWords` without the tokens, for bulk reading. */
export function forEachStem(text: string, visit: (stem: string, written: string) => void): void {
  WORD.lastIndex = 0;
  for (let match = WORD.exec(text); match; match = WORD.exec(text)) visit(stemOfWritten(match[0]), match[0]);
}

/** The words of `text` that carry its topic, first occurrence of each stem, in order. */
export function contentWords(text: string): WordToken[] {
  const seen = new Set<string>();
  const words: WordToken[] = [];
  for (const token of tokenizeWords(text)) {
    if (isStopword(token.norm) || seen.has(token.stem)) continue;
    seen.add(token.stem);
    words.push(token);
  }
  return words;
}

/**
 * The words a search looks for: the content words of `text`, or, for a question made only of
 * stopwords ("who is he?"), every word it has; at most `MAX_QUERY_TERMS`, lower-cased and folded.
 */
export function queryWords(typed: string): string[] {
  const text = withoutFormatCharacters(typed);
  let words = contentWords(text).map((token) => token.norm);
  if (!words.length) words = [...new Set(tokenizeWords(text).map((token) => token.norm))];
  return words.slice(0, MAX_QUERY_TERMS);
}

/**
 * A safe FTS5 MATCH expression for words from `queryWords`: each word quoted (they hold only
 * letters and digits, so no quote can break out), joined with OR so BM25 ranks partial matches.
 * Returns null when there is no word to search for.
 */
export function anyOf(words: readonly string[]): string | null {
  return words.length ? words.map((word) => `"${word}"`).join(' OR ') : null;
}

/** `anyOf` the words of arbitrary user text. */
export function toMatchExpression(text: string): string | null {
  return anyOf(queryWords(text));
}
