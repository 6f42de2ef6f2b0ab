import sbd from 'sbd';
import type { Paragraph, Sentence } from './types.js';

/**
 * Abbreviations that end with a period but rarely end a sentence in news copy, written as they
 * appear. sbd replaces its own list when given one, so the useful part of its defaults is repeated.
 * Dotted capitals (U.S., J.D.) and a.m./p.m. are not listed: sbd compares words with their dots
 * removed, so "U.S." would also silence "US." at the end of a sentence; they are handled after sbd.
 * Common words (ill, mass, sat, wed, no) are left out for the same reason.
 */
// biome-ignore format: a word list reads better packed
const ABBREVIATIONS = [
  // titles and ranks
  'Mr', 'Mrs', 'Ms', 'Mx', 'Dr', 'Prof', 'Rev', 'Fr', 'Sr', 'Jr', 'St', 'Gen', 'Lt', 'Col', 'Maj',
  'Capt', 'Cpt', 'Sgt', 'Cpl', 'Pvt', 'Adm', 'Cmdr', 'Gov', 'Sen', 'Rep', 'Reps', 'Pres', 'Supt',
  'Insp', 'Det', 'Atty', 'Hon', 'Amb', 'Sec', 'Messrs', 'Mmes', 'Rt',
  // places, organisations, dates and measures
  'Calif', 'Fla', 'Ariz', 'Penn', 'Conn', 'Mich', 'Minn', 'Tenn', 'Wis',
  'Jan', 'Feb', 'Mar', 'Apr', 'Jun', 'Jul', 'Aug', 'Sep', 'Sept', 'Oct', 'Nov', 'Dec',
  'Mon', 'Tue', 'Tues', 'Thu', 'Thurs', 'Fri',
  'vs', 'etc', 'approx', 'est', 'Inc', 'Ltd', 'Co', 'Corp', 'Dept', 'Univ', 'Assn', 'Bros',
  'Ave', 'Blvd', 'Rd', 'Mt', 'Ft', 'km', 'lb', 'oz', 'Vol', 'Fig', 'fig', 'al', 'pp', 'cf',
];

/** sbd compares words with punctuation removed and case kept; headlines may also be in capitals. */
const ABBREVIATION_SPELLINGS = new Set(ABBREVIATIONS.flatMap((word) => [word, word.toUpperCase()]));
const SBD_OPTIONS = {
  newline_boundaries: false,
  preserve_whitespace: false,
  sanitize: false,
  abbreviations: [...ABBREVIATION_SPELLINGS],
};

/**
 * Words that open a new sentence far more often than they continue a name or a title. After a
 * dotted abbreviation ("in the U.S. The talks…") or a quote ending in ?/! they mark a new sentence;
 * any other capitalised word after "U.S." or "J.D." is taken as part of the same one.
 */
// biome-ignore format: a word list reads better packed
const SENTENCE_OPENERS = new Set([
  'A', 'An', 'The', 'This', 'That', 'These', 'Those', 'There', 'Here', 'It', 'Its', 'He', 'She', 'They',
  'We', 'I', 'You', 'His', 'Her', 'Their', 'Our', 'My', 'But', 'And', 'Or', 'So', 'Yet', 'Then', 'Now',
  'In', 'On', 'At', 'For', 'After', 'Before', 'When', 'While', 'If', 'As', 'However', 'Meanwhile',
  'Still', 'Later', 'Earlier', 'Also', 'What', 'Why', 'How', 'Who', 'Where',
]);

/** How much text after a break the rules below look at (slicing the rest of a paragraph is quadratic). */
const CONTEXT_CHARS = 40;
/** Sentence-final punctuation, closing marks and space, before (maybe an opening quote and) a capitalised word. */
const END_THEN_WORD = /[.!?…]+["”’')\]]*\s+(?=["“‘']?(\p{Lu}\p{L}*))/gu;
/** A line inside a paragraph that starts a list item or a heading starts a new sentence. */
const LIST_OR_HEADING_LINE = /\n[ \t]*(?=[-*•][ \t]|#{1,6}[ \t]|\d{1,3}[.)][ \t])/g;
/** A line break before a lower-case word only wraps a sentence. */
const LINE_BREAK = /\n[ \t]*(?!\p{Ll})/gu;
/**
 * Hard-wrapped prose fills every line but the last to about the same width; lines of other lengths
 * (a list, a signature, a quote per line) are units of their own.
 */
const WRAPPED_LINE = { min: 40, max: 100 };

/** Splits each paragraph into sentences whose offsets point into `text`. */
export function splitSentences(text: string, paragraphs: Paragraph[]): Sentence[] {
  const sentences: Sentence[] = [];
  for (const paragraph of paragraphs) {
    const body = text.slice(paragraph.start, paragraph.end);
    for (const [localStart, localEnd] of sentenceSpans(body)) {
      const start = paragraph.start + localStart;
      const end = paragraph.start + localEnd;
      sentences.push({ index: sentences.length, paragraph: paragraph.index, start, end, text: text.slice(start, end) });
    }
  }
  return sentences;
}

/** Sentence spans covering a trimmed paragraph end to end (less the space between sentences). */
function sentenceSpans(body: string): Array<[number, number]> {
  const boundaries = new Set(sbdBoundaries(body).filter((at) => !continuesSentence(body, at)));
  for (const at of extraBoundaries(body)) boundaries.add(at);
  const starts = [0, ...[...boundaries].filter((at) => at > 0 && at < body.length).sort((a, b) => a - b)];
  return starts.map((start, i) => [start, trimmedEnd(body, start, starts[i + 1] ?? body.length)]);
}

function trimmedEnd(body: string, start: number, end: number): number {
  let trimmed = end;
  while (trimmed > start && isSpace(body.charAt(trimmed - 1))) trimmed--;
  return trimmed;
}

function isSpace(char: string): boolean {
  return /\s/.test(char);
}

/**
 * Where sbd starts each sentence, as offsets into `body`. sbd returns its sentences as words re-joined
 * with single spaces (and drops the period of `end.The`), so each is found again by walking its
 * characters through the original text.
 */
function sbdBoundaries(body: string): number[] {
  const starts: number[] = [];
  let cursor = 0;
  for (const piece of sentencesBySbd(body)) {
    let first = true;
    for (let k = 0; k < piece.length && cursor < body.length; k++) {
      const char = piece.charCodeAt(k);
      // sbd's words hold no white space, so spaces and newlines in a piece are sbd's own joins.
      if (char === 0x20 || char === 0x0a) continue;
      while (cursor < body.length && body.charCodeAt(cursor) !== char) cursor++;
      if (first && cursor < body.length) starts.push(cursor);
      first = false;
      cursor++;
    }
  }
  return starts;
}

/** sbd throws on a few degenerate inputs; a paragraph it cannot read stays one sentence. */
function sentencesBySbd(body: string): string[] {
  try {
    return sbd.sentences(body, SBD_OPTIONS);
  } catch {
    return [body];
  }
}

/** sbd boundaries that cut a quote from its attribution or a dotted name from what follows. */
function continuesSentence(body: string, at: number): boolean {
  const next = body.slice(at, at + CONTEXT_CHARS);
  // sbd cuts words like "R-S.C." at an inner period; only "end.Next" is a real (typo) boundary.
  if (at > 0 && !isSpace(body.charAt(at - 1)) && !/^\p{Lu}\p{Ll}/u.test(next)) return true;
  // “It is over.” he said. — a lower-case word after the break continues the sentence; a closing
  // mark belongs to the sentence before (a straight quote followed by a word opens the next one).
  // The common case, a capital A-Z, can match neither, so the regex is skipped for it (hot path).
  const first = body.charCodeAt(at);
  const capital = first >= 0x41 && first <= 0x5a;
  if (!capital && /^(?:[”’"')\]]*\s*\p{Ll}|[”’)\]]|["'](?=[\s,.;:!?]|$))/u.test(next)) return true;
  const end = trimmedEnd(body, 0, at);
  if (body.charAt(end - 1) !== '.') return false;
  const word = /^\p{Lu}\p{L}*/u.exec(next)?.[0];
  if (word === undefined) return false;
  if (ABBREVIATION_SPELLINGS.has(wordBeforePeriod(body, end))) return true;
  return !SENTENCE_OPENERS.has(word) && endsWithDottedLetters(body, end);
}

/** The letters just before the period at `end - 1` ("Mr" in "“Mr."). */
function wordBeforePeriod(body: string, end: number): string {
  let start = end - 1;
  while (start > 0 && isLetter(body.charAt(start - 1))) start--;
  return body.slice(start, end - 1);
}

/** Whether the text before `end` finishes with dotted letters such as U.S., J.D. or a.m. */
function endsWithDottedLetters(body: string, end: number): boolean {
  let start = end;
  while (start >= 2 && body.charAt(start - 1) === '.' && isLetter(body.charAt(start - 2))) start -= 2;
  const before = body.charAt(start - 1);
  return end - start >= 4 && !isLetter(before) && !/[\p{N}.]/u.test(before);
}

function isLetter(char: string): boolean {
  return /\p{L}/u.test(char);
}

/** Breaks sbd keeps: "p.m. The…", "“Yes.” Then…", `made!" The…`, and list items on their own lines. */
function extraBoundaries(body: string): number[] {
  const found: number[] = [];
  for (const match of body.matchAll(END_THEN_WORD)) {
    if (SENTENCE_OPENERS.has(match[1] ?? '')) found.push(match.index + match[0].length);
  }
  if (!body.includes('\n')) return found;
  const lineBreaks = isHardWrapped(body) ? LIST_OR_HEADING_LINE : LINE_BREAK;
  for (const match of body.matchAll(lineBreaks)) found.push(match.index + match[0].length);
  return found;
}

function isHardWrapped(body: string): boolean {
  const lines = body.split('\n').slice(0, -1);
  return lines.length > 0 && lines.every((line) => line.length >= WRAPPED_LINE.min && line.length <= WRAPPED_LINE.max);
}
