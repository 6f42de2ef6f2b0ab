import { foldText } from './fold.js';

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
