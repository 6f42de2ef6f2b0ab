import { detachedCopy } from './detached-slice.js';
import { Interner } from './interner.js';

/**
 * Words numbered in the order first seen, and each number's word: for what keeps many words as
 * numbers (word lists, keyed names). Each word is kept as a string of its own (`detachedCopy`), so
 * a word cut from an article's text does not keep the whole text alive.
 */
export class Vocabulary {
  private readonly ids = new Interner();
  readonly words: string[] = [];

  get size(): number {
    return this.words.length;
  }

  idOf(word: string): number {
    const known = this.ids.find(word);
    if (known !== undefined) return known;
    const copy = detachedCopy(word);
    this.words.push(copy);
    return this.ids.idOf(copy);
  }

  find(word: string): number | undefined {
    return this.ids.find(word);
  }
}
