import type { Article } from '../articles/types.js';
import type { Corpus } from '../corpus/corpus.js';
import { UserFacingError } from '../errors.js';
import { type Person, peopleIndex } from '../people/directory.js';
import { contentWords } from '../text/tokens.js';

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
 * word ("Ek") in an article the directory finds the person in (by full name, or by a surname only
 * they have in the story), which is how news copy refers to people after the first mention. The
 * directory is asked rather than every such article's text read: a topic like "peace talks", whose
 * last word is in thousands of sentences, read thousands of texts.
 */
export function aboutMatcher(about: string, corpus: Corpus): AboutMatcher {
  const words = contentWords(about);
  if (!words.length) {
    throw new UserFacingError(
      `“${about.trim()}” has no word to look for, only words like “the” that every line has: try a name or a topic.`,
    );
  }
  const stems = words.map((word) => word.stem);
  const person = words.length > 1 ? personNamed(corpus, about) : null;
  const surname = person ? words.at(-1)!.stem : null;
  const namedIn = new Set(person?.articleIds);
  const matches = ({ holds, article }: AboutTarget) =>
    stems.every(holds) || (surname !== null && holds(surname) && namedIn.has(article.id));
  return Object.assign(matches, { stems });
}

/** The person (not an organisation) the directory knows by exactly this name or a unique alias of it, or null. */
function personNamed(corpus: Corpus, name: string): Person | null {
  const index = peopleIndex(corpus);
  const found = index.resolve(name);
  const person = found === null ? undefined : index.people[found];
  return person?.kind === 'person' ? person : null;
}
