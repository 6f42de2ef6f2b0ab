import { isStopword } from '../text/stopwords.js';
import type { WordToken } from '../text/tokens.js';

/** Whether the word says something the question does not: not one of its words, nor a function word. */
export function isNewWord(word: WordToken, questionStems: ReadonlySet<string>): boolean {
  return !isStopword(word.norm) && !questionStems.has(word.stem);
}

/**
 * Letters a word shares from its start with a question word when it is that word in another form:
 * "Estonian" for "Estonia", "Canada" for "Canadian", "Presidential" for "President". Derived forms
 * keep a word's first letters; four letters already join different words ("bill", "billion").
 */
const SAME_WORD_PREFIX = 5;

/** Whether the word is one of the question's in another form (see `SAME_WORD_PREFIX`): not a new word. */
export function isFormOfAsked(word: string, questionStems: ReadonlySet<string>): boolean {
  if (word.length < SAME_WORD_PREFIX) return false;
  const start = word.slice(0, SAME_WORD_PREFIX);
  for (const stem of questionStems) if (stem.startsWith(start)) return true;
  return false;
}
