import type { Article } from '../articles/types.js';
import { textOnce } from '../corpus/article-store.js';
import { foldText, hasLettersToFold } from '../text/fold.js';
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

/** Whether folding can change an article's words (`hasLettersToFold`), once per article. */
const foldable = new WeakMap<Article, boolean>();

/**
 * Matches developments about some words or a person, word by word and case-insensitively: every
 * content word of the topic must appear in the sentence ("Nordland summit"). A name also matches a
 * sentence that gives only its last word ("Ek") when the same article spells out the full name,
 * which is how news copy refers to people after the first mention.
 */
export function aboutMatcher(about: string): AboutMatcher | null {
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
  const rawFullName = new RegExp(fullName.source, 'iu');
  const spellsOutName = new Map<Article, boolean>();
  const matches = ({ holds, article }: AboutTarget) => {
    if (stems.every(holds)) return true;
    if (surname === null || !holds(surname)) return false;
    let spelled = spellsOutName.get(article);
    if (spelled === undefined) {
      // Read once, not kept: a call reads the text of every article holding the name's last word.
      const text = textOnce(article);
      // Folded as the name's words were (`foldWord`), so accents and compatibility forms meet; text
      // with no letter outside ASCII has nothing to fold, and folding every article cost most of a call.
      let needsFolding = foldable.get(article);
      if (needsFolding === undefined) {
        needsFolding = hasLettersToFold(text);
        foldable.set(article, needsFolding);
      }
      spelled = needsFolding ? fullName.test(foldText(text)) : rawFullName.test(text);
      spellsOutName.set(article, spelled);
    }
    return spelled;
  };
  return Object.assign(matches, { stems });
}
