import type { Article } from '../articles/types.js';
import type { Corpus } from '../corpus/corpus.js';
import { type Person, peopleIndex } from '../people/directory.js';
import { contentWords, tokenizeWords } from '../text/tokens.js';

/** What an entry offers to the `about` filter. */
export interface AboutTarget {
  /** Whether the sentence holds a word of this stem (asked only of the matcher's `stems`). */
  holds(stem: string): boolean;
  article: Article;
}

/** Tells whether an entry is about the topic. */
export interface AboutMatcher {
  (target: AboutTarget): boolean;
  /** The stems it asks about; every matching entry holds the first or the last. */
  readonly stems: readonly string[];
}

/**
 * Matches developments about some words or a person, word by word and case-insensitively: every
 * content word of the topic must appear in the sentence ("Nordland summit"). A topic naming a
 * person the story's directory knows by that name also matches a sentence that gives only its last
 * word ("Ek") in an article the directory finds the person in, which is how news copy refers to
 * people after the first mention. The directory is asked rather than every such article's text
 * read: a topic like "peace talks", whose last word is in thousands of sentences, read thousands.
 */
export function aboutMatcher(about: string, corpus: Corpus): AboutMatcher | null {
  let words = contentWords(about);
  if (!words.length) words = tokenizeWords(about);
  if (!words.length) return null;
  const stems = words.map((word) => word.stem);
  const person = words.length > 1 ? personNamed(corpus, about) : null;
  const surname = person ? words.at(-1)!.stem : null;
  const namedIn = new Set(person?.articleIds);
  const matches = ({ holds, article }: AboutTarget) =>
    stems.every(holds) || (surname !== null && holds(surname) && namedIn.has(article.id));
  return Object.assign(matches, { stems });
}

/** The person the directory knows by exactly this name (or a unique alias of it), or null. */
function personNamed(corpus: Corpus, name: string): Person | null {
  const index = peopleIndex(corpus);
  const found = index.resolve(name);
  return found === null ? null : (index.people[found] ?? null);
}
