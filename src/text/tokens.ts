import { foldWord } from './fold.js';
import { MAX_CACHED_STEMS, stem } from './stem.js';
import { isStopword } from './stopwords.js';

/*
 * Words as search, answers, claims and the model checks read them: split on letters and digits
 * only, as the full-text index splits them, then folded (`foldWord`) and stemmed (`stemOf`), with
 * offsets into the text as written. The other splitters in src/text serve other needs: `foldedWords`
 * keeps inner apostrophes and drops a possessive (names, quotes), `writtenWords` keeps words as
 * written with inner hyphens (summaries), `foldedWordParts` folds before splitting (autocomplete).
 */

/** A word of text with where it sits; offsets index the string the word was read from. */
export interface WordToken {
  /** Folded (NFKC, lower-cased, diacritics removed): the form compared across question and passage. */
  norm: string;
  /** Porter stem of `norm` (numbers are kept as written). */
  stem: string;
  /** As written. */
  raw: string;
  start: number;
  end: number;
}

/**
 * Letters and digits, with inner apostrophes and hyphens kept out: FTS5's unicode61 tokenizer
 * splits on them too, so "84-82" and "Britain's" become the same tokens on both sides.
 */
const WORD = /[\p{L}\p{N}]+/gu;

/** A number with a plural "s" ("1990s"): the full-text index's Porter stemmer reads it as the number. */
const PLURAL_NUMBER = /^\d+s$/;

/**
 * Numbers are kept whole ("2025", "g7") but for a plural "s", which the full-text index drops too,
 * so "the 1990s" and "1990" meet in ranking as they do in search; every other word is stemmed.
 */
export function stemOf(norm: string): string {
  if (!/\d/.test(norm)) return stem(norm);
  return PLURAL_NUMBER.test(norm) ? norm.slice(0, -1) : norm;
}

/** Whether the word is there and written with a capital first letter. */
export const isCapitalised = (token: WordToken | undefined) => !!token && /^\p{Lu}/u.test(token.raw);

/** Every word of `text`, in order. */
export function tokenizeWords(text: string): WordToken[] {
  const tokens: WordToken[] = [];
  for (const match of text.matchAll(WORD)) {
    const norm = foldWord(match[0]);
    tokens.push({ norm, stem: stemOf(norm), raw: match[0], start: match.index, end: match.index + match[0].length });
  }
  return tokens;
}

/** Stems by word as written, so bulk reading skips normalising words it has seen before. */
const STEMS_AS_WRITTEN = new Map<string, string>();

/** The stem of a word as written (letters and digits only, as `tokenizeWords` splits them). */
function stemOfWritten(word: string): string {
  let stemmed = STEMS_AS_WRITTEN.get(word);
  if (stemmed === undefined) {
    stemmed = stemOf(foldWord(word));
    if (STEMS_AS_WRITTEN.size >= MAX_CACHED_STEMS) STEMS_AS_WRITTEN.clear();
    STEMS_AS_WRITTEN.set(word, stemmed);
  }
  return stemmed;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
/** Whether each character of the Basic Multilingual Plane is a letter or digit (1) or not (2), 0 until first asked. */
const BMP_IS_WORD = new Uint8Array(0x10000);

/**
 * How many UTF-16 units the letter or digit at `i` takes (2 beyond the BMP), or 0 when the
 * character there is neither: `WORD` one character at a time, answered from a table, as
 * running a Unicode-property expression costs most of the time of reading a whole article.
 */
function wordCharUnits(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code < 128)
    return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) ? 1 : 0;
  const point = text.codePointAt(i)!;
  if (point > 0xffff) return LETTER_OR_DIGIT.test(String.fromCodePoint(point)) ? 2 : 0;
  let known = BMP_IS_WORD[point]!;
  if (!known) {
    // A lone surrogate is neither, as for `WORD`.
    known = LETTER_OR_DIGIT.test(String.fromCharCode(point)) ? 1 : 2;
    BMP_IS_WORD[point] = known;
  }
  return known === 1 ? 1 : 0;
}

/**
 * Calls `visit` with the stem of every word of `text` (and the word as written), in order:
 * `tokenizeWords` without the tokens, for bulk reading (every article a search hits). Splits as
 * `WORD` does, without the regular expression (see `wordCharUnits`).
 */
export function forEachStem(text: string, visit: (stem: string, written: string) => void): void {
  let i = 0;
  while (i < text.length) {
    let end = i;
    for (let units = wordCharUnits(text, end); units; units = wordCharUnits(text, end)) end += units;
    if (end === i) {
      i++;
      continue;
    }
    const written = text.slice(i, end);
    visit(stemOfWritten(written), written);
    i = end;
  }
}

/** The words of `text` that carry its topic, first occurrence of each stem, in order. */
export function contentWords(text: string): WordToken[] {
  const seen = new Set<string>();
  const words: WordToken[] = [];
  for (const token of tokenizeWords(text)) {
    if (isStopword(token.norm) || seen.has(token.stem)) continue;
    seen.add(token.stem);
    words.push(token);
  }
  return words;
}
