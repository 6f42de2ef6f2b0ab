import sbd from 'sbd';
import type { Paragraph, Sentence } from './types.js';

/**
 * Abbreviations that end with a period but rarely end a sentence in news copy. sbd replaces its
 * own list when given one, so its defaults are repeated here along with news titles and places.
 */
// biome-ignore format: a word list reads better packed
const ABBREVIATIONS = [
  // titles and ranks
  'mr', 'mrs', 'ms', 'mx', 'dr', 'prof', 'rev', 'fr', 'sr', 'jr', 'st', 'gen', 'lt', 'col', 'maj',
  'capt', 'cpt', 'sgt', 'cpl', 'pvt', 'adm', 'cmdr', 'gov', 'sen', 'rep', 'reps', 'pres', 'supt',
  'insp', 'det', 'atty', 'hon', 'amb', 'sec', 'messrs', 'mmes',
  // places, organisations, dates and measures
  'u.s', 'u.k', 'u.n', 'e.u', 'u.s.a', 'd.c', 'calif', 'fla', 'ariz', 'mass', 'penn', 'wash', 'ill',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'mon', 'tue', 'tues', 'wed', 'thu', 'thurs', 'fri', 'sat', 'sun',
  'a.m', 'p.m', 'no', 'nos', 'vs', 'v', 'etc', 'e.g', 'i.e', 'approx', 'est', 'inc', 'ltd', 'co',
  'corp', 'dept', 'univ', 'assn', 'bros', 'ave', 'blvd', 'rd', 'mt', 'ft', 'km', 'lb', 'oz', 'vol',
  'fig', 'al', 'op', 'ed', 'eds', 'pp', 'cf',
];

/** sbd compares words with their punctuation removed and case kept ("U.S." is "US"). */
function spellings(abbreviation: string): string[] {
  const bare = abbreviation.replaceAll('.', '');
  return [bare, bare.charAt(0).toUpperCase() + bare.slice(1), bare.toUpperCase()];
}

const SBD_OPTIONS = {
  newline_boundaries: true,
  preserve_whitespace: true,
  sanitize: false,
  abbreviations: [...new Set(ABBREVIATIONS.flatMap(spellings))],
};

/** Splits each paragraph into sentences whose offsets point into `text`. */
export function splitSentences(text: string, paragraphs: Paragraph[]): Sentence[] {
  const sentences: Sentence[] = [];
  for (const paragraph of paragraphs) {
    const body = text.slice(paragraph.start, paragraph.end);
    let cursor = 0;
    for (const piece of sbd.sentences(body, SBD_OPTIONS)) {
      const trimmed = piece.trim();
      if (!trimmed) continue;
      const found = body.indexOf(trimmed, cursor);
      // sbd may normalise whitespace inside a piece; fall back to the cursor if it cannot be found.
      const localStart = found >= 0 ? found : cursor;
      const localEnd = found >= 0 ? found + trimmed.length : Math.min(body.length, cursor + piece.length);
      cursor = localEnd;
      const start = paragraph.start + localStart;
      const end = paragraph.start + localEnd;
      sentences.push({ index: sentences.length, paragraph: paragraph.index, start, end, text: text.slice(start, end) });
    }
  }
  return mergeQuoteTails(text, sentences);
}

/**
 * sbd ends a sentence at `.”` and starts the next at a lone attribution (`” he said.`) or a closing
 * mark; glue such fragments back so a quote and its attribution stay one sentence.
 */
function mergeQuoteTails(text: string, sentences: Sentence[]): Sentence[] {
  const merged: Sentence[] = [];
  for (const sentence of sentences) {
    const previous = merged.at(-1);
    const startsLower = /^[”’"')\]]*\s*[a-z]/.test(sentence.text);
    if (previous && previous.paragraph === sentence.paragraph && (startsLower || /^[”’"')\]]/.test(sentence.text))) {
      previous.end = sentence.end;
      previous.text = text.slice(previous.start, previous.end);
      continue;
    }
    merged.push({ ...sentence, index: merged.length });
  }
  return merged;
}
