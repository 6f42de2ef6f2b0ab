import { withoutFormatCharacters } from '../text/fold.js';
import { contentWords, tokenizeWords } from '../text/tokens.js';

/** A query never needs more terms than this; longer text is cut so MATCH stays cheap. */
export const MAX_QUERY_TERMS = 32;

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
