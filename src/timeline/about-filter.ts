import type { Article } from '../articles/types.js';
import { foldText } from '../text/fold.js';
import { contentWords, tokenizeWords } from '../text/tokens.js';
import type { WordSet } from '../text/word-list.js';

/** What an entry offers to the `about` filter. */
export interface AboutTarget {
  /** Stems of every word of the sentence. */
  stems: WordSet;
  article: Article;
}

/**
 * Matches developments about some words or a person, word by word and case-insensitively: every
 * content word of the topic must appear in the sentence ("Nordland summit"). A name also matches a
 * sentence that gives only its last word ("Ek") when the same article spells out the full name,
 * which is how news copy refers to people after the first mention.
 */
export function aboutMatcher(about: string): ((target: AboutTarget) => boolean) | null {
  let words = contentWords(about);
  if (!words.length) words = tokenizeWords(about);
  if (!words.length) return null;
  const stems = words.map((word) => word.stem);
  const surname = words.length > 1 ? words.at(-1)!.stem : null;
  // Word tokens hold only letters and digits, so they need no escaping inside the pattern.
  const fullName = new RegExp(
    `(?<![\\p{L}\\p{N}])${words.map((word) => word.norm).join('[\\s\\p{P}]+')}(?![\\p{L}\\p{N}])`,
    'u',
  );
  const spellsOutName = new Map<Article, boolean>();
  return ({ stems: sentence, article }) => {
    if (stems.every((stem) => sentence.has(stem))) return true;
    if (surname === null || !sentence.has(surname)) return false;
    let spelled = spellsOutName.get(article);
    if (spelled === undefined) {
      // Folded as the name's words were (`foldWord`), so accents and compatibility forms meet.
      spelled = fullName.test(foldText(article.text));
      spellsOutName.set(article, spelled);
    }
    return spelled;
  };
}
