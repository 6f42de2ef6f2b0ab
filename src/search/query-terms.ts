import { stemmer } from 'stemmer';
import { eng } from 'stopword';

/** A word of text with where it sits; offsets index the string the word was read from. */
export interface WordToken {
  /** Lower-cased, diacritics removed: the form compared across question and passage. */
  norm: string;
  /** Porter stem of `norm` (numbers are kept as written). */
  stem: string;
  /** As written. */
  raw: string;
  start: number;
  end: number;
}

/**
 * Words that carry no topic in a question. The `stopword` English list covers function words but
 * keeps question words and reporting verbs that every news sentence or quiz question uses.
 */
// biome-ignore format: a word list reads better packed
const QUESTION_WORDS = [
  'when', 'why', 'whom', 'whose', 'does', 'will', 'shall', 'yet', 'just', 'also',
  'say', 'says', 'tell', 'tells', 'told', 'according', 'following', 'name', 'named', 'called',
  'one', 'ones', 'kind', 'type', 'sort', 'thing', 'things',
  'recently', 'reportedly', 'reported', 'report', 'reports', 'news', 'article', 'story',
  'anyone', 'someone', 'something', 'anything', 'not', 'no', 'yes', 'its', 'it\'s', 'i\'m',
];

const STOPWORDS: ReadonlySet<string> = new Set([...eng, ...QUESTION_WORDS]);

/**
 * Letters and digits, with inner apostrophes and hyphens kept out: FTS5's unicode61 tokenizer
 * splits on them too, so "84-82" and "Britain's" become the same tokens on both sides.
 */
const WORD = /[\p{L}\p{N}]+/gu;

/** A query never needs more terms than this; longer text is cut so MATCH stays cheap. */
export const MAX_QUERY_TERMS = 32;

function normalise(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export function stemOf(norm: string): string {
  return /\d/.test(norm) ? norm : stemmer(norm);
}

/** Every word of `text`, in order. */
export function tokenizeWords(text: string): WordToken[] {
  const tokens: WordToken[] = [];
  for (const match of text.matchAll(WORD)) {
    const norm = normalise(match[0]);
    tokens.push({ norm, stem: stemOf(norm), raw: match[0], start: match.index, end: match.index + match[0].length });
  }
  return tokens;
}

export function isStopword(norm: string): boolean {
  return STOPWORDS.has(norm) || (norm.length === 1 && !/\d/.test(norm));
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
 * A safe FTS5 MATCH expression for arbitrary user text: each word quoted (the tokens hold only
 * letters and digits, so no quote can break out), joined with OR so BM25 ranks partial matches.
 * Returns null when the text has no word to search for.
 */
export function toMatchExpression(text: string): string | null {
  let words = contentWords(text).map((token) => token.norm);
  // A question made only of stopwords ("who is he?") still searches for what it says.
  if (!words.length) words = [...new Set(tokenizeWords(text).map((token) => token.norm))];
  if (!words.length) return null;
  return words
    .slice(0, MAX_QUERY_TERMS)
    .map((word) => `"${word}"`)
    .join(' OR ');
}
