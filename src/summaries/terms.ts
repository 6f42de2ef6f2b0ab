/**
 * The words a sentence is compared by: lowercased, stopwords removed (the `stopword` package's
 * English list), Porter-stemmed (`stemmer`), so "talks", "talked" and "talking" are one term.
 */
import { eng } from 'stopword';
import { stem } from '../text/stem.js';

const STOPWORDS = new Set(eng);

/** Letters and digits, with inner apostrophes and hyphens kept ("Putin's", "long-range"). */
const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

/** Possessive endings carry no meaning of their own ("Trump's" is about Trump). */
const POSSESSIVE = /['’]s$/;

export function wordsOf(text: string): string[] {
  return text.match(WORD) ?? [];
}

export function termsOf(text: string): string[] {
  return termsOfWords(wordsOf(text));
}

/** `termsOf` for words already split out (ranking splits each sentence once). */
export function termsOfWords(words: readonly string[]): string[] {
  const terms: string[] = [];
  for (const word of words) {
    const lower = word.toLowerCase().replace(POSSESSIVE, '');
    if (lower.length < 2 || STOPWORDS.has(lower)) continue;
    terms.push(stem(lower));
  }
  return terms;
}
