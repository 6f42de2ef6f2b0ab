/**
 * The words a sentence is compared by (words as `forEachWrittenWord` finds them): lowercased,
 * possessive dropped, function words removed (`isFunctionWord`), Porter-stemmed (`stemmer`), so "talks", "talked" and "talking" are one term.
 * Terms are interned as small integers (`TermIds`) so vectors are typed arrays, and every spelling
 * of a word is worked out once per dictionary rather than once per occurrence.
 */
import { Interner } from '../text/interner.js';
import { stem } from '../text/stem.js';
import { isFunctionWord } from '../text/stopwords.js';

/** Possessive endings carry no meaning of their own ("Holm's" is about Holm). */
const POSSESSIVE = /['’]s$/;

/** The term a word stands for, or null for stopwords and single characters. */
function termOf(word: string): string | null {
  const lower = word.toLowerCase().replace(POSSESSIVE, '');
  return lower.length < 2 || isFunctionWord(lower) ? null : stem(lower);
}

/** Past this many distinct spellings the spelling memo starts over, so memory stays bounded. */
const MAX_REMEMBERED_SPELLINGS = 200_000;

/**
 * Numbers terms in the order they are first seen. One dictionary serves a whole corpus, so term
 * ids can be compared across its articles; the ids of terms never change once given.
 */
export class TermIds {
  private readonly terms = new Interner();
  /** Each spelling as written ("Talks", "talks", "Holm's") to its term id, or -1. */
  private readonly spellings = new Map<string, number>();

  /** How many distinct terms have ids (ids run from 0 to size - 1). */
  get size(): number {
    return this.terms.size;
  }

  /** The id of the term `word` stands for, or -1 when it stands for none (see `termOf`). */
  idOf(word: string): number {
    let id = this.spellings.get(word);
    if (id === undefined) {
      const term = termOf(word);
      id = term === null ? -1 : this.terms.idOf(term);
      if (this.spellings.size >= MAX_REMEMBERED_SPELLINGS) this.spellings.clear();
      this.spellings.set(word, id);
    }
    return id;
  }
}
