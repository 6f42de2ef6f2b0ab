/**
 * The words a sentence is compared by (words as `forEachWrittenWord` finds them): lowercased,
 * possessive dropped, function words removed (`isFunctionWord`), Porter-stemmed (`stemmer`), so "talks", "talked" and "talking" are one term.
 * Terms are interned as small integers (`TermIds`) so vectors are typed arrays, and every spelling
 * of a word is worked out once per dictionary rather than once per occurrence.
 */
import { Interner } from '../text/interner.js';
import { baseOfIrregular, irregularForms } from '../text/irregular-verbs.js';
import { stem } from '../text/stem.js';
import { isFunctionWord } from '../text/stopwords.js';
import { forEachWrittenWord } from '../text/written-words.js';

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

  /** Term ids an irregular verb form can stand for (see `baseIdsOf`), made when first needed. */
  private irregularIds: Set<number> | null = null;

  /**
   * The distinct term ids of `text`'s words, ascending, with an irregular verb read as its base
   * ("met" as "meet"; see `baseOfIrregular`): for telling a report of what happened from the plan
   * it fulfils ("will meet on Friday" / "met on Friday"). Ranking keeps the forms apart. `ids`, the
   * text's distinct term ids ascending, are returned as they are when none can be an irregular form,
   * so only those few sentences are read again.
   */
  baseIdsOf(text: string, ids?: Int32Array): Int32Array {
    if (ids) {
      this.irregularIds ??= new Set([...irregularForms()].map((form) => this.idOf(form)).filter((id) => id >= 0));
      if (!ids.some((id) => this.irregularIds!.has(id))) return ids;
    }
    const found = new Set<number>();
    forEachWrittenWord(text, (start, end) => {
      const word = text.slice(start, end);
      let id = this.idOf(word);
      if (id < 0) return;
      const lower = word.toLowerCase();
      const base = baseOfIrregular(lower);
      if (base !== lower) id = this.idOf(base);
      if (id >= 0) found.add(id);
    });
    return Int32Array.from(found).sort();
  }
}
