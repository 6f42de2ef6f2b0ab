/**
 * Words that repeat across a corpus's articles (names, roles, cues, quoted words: a few tens of
 * thousands distinct among millions of uses), one copy of each however often they are read.
 * Structures kept for every article share them instead of holding a string per use.
 */
const copies = new Map<string, string>();

/** The one kept copy of `word`. */
export function sharedWord(word: string): string {
  const known = copies.get(word);
  if (known !== undefined) return known;
  copies.set(word, word);
  return word;
}
