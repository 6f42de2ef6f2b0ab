import { type DateMention, findDateMentions } from '../articles/dates.js';
import { SENTENCE_OPENERS } from '../articles/names.js';
import { NEGATION_WORDS } from '../text/negation.js';
import { isStopword } from '../text/stopwords.js';
import { tokenizeWords, type WordToken } from '../text/tokens.js';

/** What a claim or a passage says, read into the parts a claim check compares. */
export interface TextFacts {
  text: string;
  /** Every word, in order (numbers included). */
  tokens: WordToken[];
  /** Content words other than numbers, first occurrence of each stem, in order. */
  terms: Term[];
  numbers: NumberFact[];
  /** Day-precise dates only: weeks, months and open windows are too vague to agree or disagree. */
  dates: DateMention[];
  /** Says that something did not happen ("did not say", "never met", "no deal"). */
  negated: boolean;
}

export interface Term {
  token: WordToken;
  /** Index of the token in `TextFacts.tokens`. */
  at: number;
  /** A capitalised word that is not just opening the sentence: a person, place or organisation. */
  name: boolean;
}

export interface NumberFact {
  /** Digits with thousands separators removed: "52,000" → "52000". */
  value: string;
  raw: string;
  start: number;
  end: number;
}

/** Digits with thousands separators and decimals: "52,000", "3.5", "84". */
const NUMBER = /\d+(?:[.,]\d+)*/g;
const THOUSANDS = /,(?=\d{3}(?:\D|$))/g;
/**
 * Words that turn a statement into its denial. Refusal verbs ("denied", "rejected") are left out:
 * "denied the report" and "the report" are not opposite claims about the same fact.
 */
const NEGATION = new RegExp(`\\b(?:${[...NEGATION_WORDS, 'without'].join('|')})\\b|n[’']t\\b`, 'i');

/**
 * Reads a claim or a passage. Relative dates ("on Wednesday", "Aug. 15" with no year) are resolved
 * against `dateContext`: the article's own date for a passage, the corpus's newest date for a claim.
 */
export function readFacts(text: string, dateContext: string | null): TextFacts {
  const tokens = tokenizeWords(text);
  const dates = findDateMentions(text, dateContext).filter(
    (mention) => mention.precision === 'day' && mention.until === undefined,
  );
  const inDate = (token: WordToken) => dates.some((d) => token.start >= d.start && token.end <= d.end);
  const numbers: NumberFact[] = [];
  for (const match of text.matchAll(NUMBER)) {
    const start = match.index;
    const end = start + match[0].length;
    if (dates.some((d) => start >= d.start && end <= d.end)) continue;
    numbers.push({ value: match[0].replace(THOUSANDS, ''), raw: match[0], start, end });
  }
  const seen = new Set<string>();
  const terms: Term[] = [];
  tokens.forEach((token, at) => {
    if (/\d/.test(token.norm) || isStopword(token.norm) || seen.has(token.stem) || inDate(token)) return;
    seen.add(token.stem);
    terms.push({ token, at, name: isNameToken(text, tokens, at) });
  });
  return { text, tokens, terms, numbers, dates, negated: NEGATION.test(text) };
}

/**
 * A capitalised word names something unless it only opens the sentence ("The", "Afterwards") or
 * follows a sentence break inside the text.
 */
export function isNameToken(text: string, tokens: readonly WordToken[], at: number): boolean {
  const token = tokens[at];
  if (!token || !/^\p{Lu}/u.test(token.raw)) return false;
  const before = text.slice(tokens[at - 1]?.end ?? 0, token.start);
  const opensSentence = at === 0 || /[.!?]\s*["“‘']?\s*$/.test(before);
  return !(opensSentence && (SENTENCE_OPENERS.has(token.norm) || isStopword(token.norm)));
}

/** A stem shorter than this never matches by prefix ("war" / "ward"). */
const MIN_PREFIX = 4;
/** A word that only starts like the claim's ("Norway" / "Norwegian") counts this much. */
export const PARTIAL_MATCH = 0.7;

/** How well a set of stems holds a term: 1 exactly, PARTIAL_MATCH by a shared prefix, else 0. */
export function matchStem(stem: string, stems: ReadonlySet<string>): number {
  if (stems.has(stem)) return 1;
  if (stem.length < MIN_PREFIX) return 0;
  for (const other of stems) {
    if (other.length >= MIN_PREFIX && (other.startsWith(stem) || stem.startsWith(other))) return PARTIAL_MATCH;
  }
  return 0;
}

export function stemsOf(facts: TextFacts): Set<string> {
  return new Set(facts.tokens.map((token) => token.stem));
}
