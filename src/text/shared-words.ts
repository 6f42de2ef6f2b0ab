import { detachedCopy } from './detached-slice.js';

/**
 * Words that repeat across a corpus's articles (names, roles, cues, quoted words: a few tens of
 * thousands distinct among millions of uses), one copy of each however often they are read.
 * Structures kept for every article share them instead of holding a string per use.
 */
const copies = new Map<string, string>();

/**
 * Past this many distinct words the copies start over, so that a process fed for months (withdrawn
 * articles' words included) stays bounded; words kept before are still valid, only no longer shared.
 */
const MAX_SHARED_WORDS = 500_000;

/**
 * The one kept copy of `word`. A word seen first is kept as a string of its own, so that a word
 * cut from an article's text (a view into it, past 12 characters) does not keep the text alive.
 */
export function sharedWord(word: string): string {
  const known = copies.get(word);
  if (known !== undefined) return known;
  if (copies.size >= MAX_SHARED_WORDS) copies.clear();
  const copy = detachedCopy(word);
  copies.set(copy, copy);
  return copy;
}
