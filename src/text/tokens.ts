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

/** Calls `visit` with the stem of every word of `text` (and the word as written), in order: `tokenizeWords` without the tokens, for bulk reading. */
export function forEachStem(text: string, visit: (stem: string, written: string) => void): void {
  WORD.lastIndex = 0;
  for (let match = WORD.exec(text); match; match = WORD.exec(text)) visit(stemOfWritten(match[0]), match[0]);
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
