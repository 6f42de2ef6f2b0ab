import type { TextSpan } from './types.js';

/** A word or punctuation mark with its offsets in the article text. */
export interface Token extends TextSpan {
  text: string;
  /** Lower-cased text without a trailing possessive ("Holm’s" → "holm"). */
  lower: string;
  /** Starts with an upper-case letter. */
  capital: boolean;
  /** Ends in ’s / 's. */
  possessive: boolean;
}

/** Abbreviations that keep their period; any other word's final period is sentence punctuation. */
// biome-ignore format: a word list reads better packed
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'sen', 'rep', 'gov', 'gen', 'lt', 'col', 'sgt', 'capt', 'rev', 'st', 'jr',
  'sr', 'prof', 'maj', 'adm', 'cmdr', 'atty', 'hon', 'amb', 'supt', 'det', 'insp', 'pres', 'sec', 'del',
  'inc', 'corp', 'co', 'ltd', 'jan', 'feb', 'aug', 'sept', 'oct', 'nov', 'dec', 'no', 'vs',
  // US state abbreviations as news copy writes them ("Roanoke, Va.", "R-Ky.")
  'ala', 'ariz', 'ark', 'calif', 'colo', 'conn', 'fla', 'ga', 'ill', 'ind', 'kan', 'ky', 'la', 'md', 'mass',
  'mich', 'minn', 'mo', 'mont', 'neb', 'nev', 'okla', 'ore', 'pa', 'tenn', 'tex', 'va', 'vt', 'wash', 'wis',
  'wyo', 'n.h', 'n.j', 'n.m', 'n.y', 'n.c', 'n.d', 's.c', 's.d', 'w.va',
]);

/** Party and state after a politician's name: "R-Ky.", "D-N.C.". */
const PARTY_STATE = /^[A-Z]-[A-Z][\p{L}.]{0,5}$/u;

function keepsPeriod(word: string): boolean {
  const bare = word.slice(0, -1);
  if (bare.length === 1 || bare.includes('.') || PARTY_STATE.test(bare)) return true;
  return ABBREVIATIONS.has(bare.toLowerCase());
}

/** Cheaper than a Unicode regex on every token: ASCII first, then a case comparison. */
function startsUpper(text: string): boolean {
  const code = text.charCodeAt(0);
  if (code < 128) return code >= 65 && code <= 90;
  const first = text.charAt(0);
  return first !== first.toLowerCase() && first === first.toUpperCase();
}

function makeToken(text: string, start: number): Token {
  const possessive = text.length > 2 && (text.endsWith('’s') || text.endsWith("'s") || text.endsWith('’S'));
  const base = possessive ? text.slice(0, -2) : text;
  return {
    text,
    start,
    end: start + text.length,
    lower: base.toLowerCase(),
    capital: startsUpper(text),
    possessive,
  };
}

const JOINERS = new Set(['’', "'", '-', '.', '&']);
const NON_ASCII_WORD = /[\p{L}\p{N}\p{M}]/u;

/** Letters, digits and combining marks; ASCII is decided without a regular expression. */
function isWordChar(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  if (code < 128) return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  return NON_ASCII_WORD.test(text.charAt(i));
}

function isSpace(code: number): boolean {
  return (
    code === 32 ||
    code === 10 ||
    code === 9 ||
    code === 13 ||
    code === 160 ||
    (code > 127 && /\s/.test(String.fromCharCode(code)))
  );
}

/**
 * Splits `text[from, to)` into tokens whose offsets point into `text`. A hand-written scanner
 * rather than a Unicode regular expression: it runs over every article, twice, as it arrives.
 */
export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const tokens: Token[] = [];
  let i = from;
  while (i < to) {
    if (isSpace(text.charCodeAt(i))) {
      i++;
      continue;
    }
    if (!isWordChar(text, i)) {
      tokens.push(makeToken(text.charAt(i), i));
      i++;
      continue;
    }
    let j = i + 1;
    for (;;) {
      while (j < to && isWordChar(text, j)) j++;
      if (j + 1 < to && JOINERS.has(text.charAt(j)) && isWordChar(text, j + 1)) j += 2;
      else break;
    }
    const word = text.slice(i, j);
    if (j < to && text.charCodeAt(j) === 46 && keepsPeriod(`${word}.`)) {
      tokens.push(makeToken(`${word}.`, i));
      j++;
    } else {
      tokens.push(makeToken(word, i));
    }
    i = j;
  }
  return tokens;
}

/** True when only spaces (no line break or punctuation) separate two tokens. */
export function spaceBetween(text: string, left: Token, right: Token): boolean {
  return /^[ \t\u00a0]+$/.test(text.slice(left.end, right.start));
}

/** Index of the first token starting at or after `offset` (tokens are sorted). */
export function tokenIndexAt(tokens: readonly Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
