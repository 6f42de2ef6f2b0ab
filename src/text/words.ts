import { foldText } from './fold.js';
import { isFunctionWord } from './stopwords.js';

/** Letters and digits, with apostrophes inside a word kept ("didn't", "o'brien"). */
const FOLDED_WORD = /[\p{L}\p{N}]+(?:'[\p{L}]+)*/gu;

/** The words of text already folded (`foldText`), apostrophes inside a word kept. */
export function splitFolded(folded: string): string[] {
  // String#match collects all words in one call, several times faster than iterating matchAll.
  return folded.match(FOLDED_WORD) ?? [];
}

/**
 * The folded words of a text, with a trailing possessive "'s" dropped ("Holm's" is "holm"): the
 * words names, quotes and people are keyed and compared by.
 */
export function foldedWords(text: string): string[] {
  const words = splitFolded(foldText(text));
  for (let index = 0; index < words.length; index++) {
    const word = words[index] as string;
    if (word.endsWith("'s")) words[index] = word.slice(0, -2);
  }
  return words;
}

/** Anything that is not a letter or digit. */
const NOT_WORD = /[^\p{L}\p{N}]+/u;

/**
 * The folded words of a text split at every character that is not a letter or digit, apostrophes
 * and hyphens included ("O'Brien" is "o", "brien"): for matching what is being typed, word by word
 * and by prefix, against titles and names. Folding comes before splitting, so a letter typed with a
 * separate combining accent ("e" + U+0301) stays inside its word.
 */
export function foldedWordParts(text: string): string[] {
  return foldText(text).split(NOT_WORD).filter(Boolean);
}

/** A query's distinct folded words without function words ("the", "of"), unless that leaves nothing. */
export function queryWords(text: string): string[] {
  const words = foldedWords(text);
  const content = words.filter((word) => !isFunctionWord(word));
  return [...new Set(content.length ? content : words)];
}
