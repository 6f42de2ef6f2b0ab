/**
 * A person's age as English news writes it: "a 17-year-old", "aged 17", "at age 17", "the age of
 * 17", "turned 17", "At 17, she …", "Berg, 17, said", "her 17th birthday", "in his 70s", "as young
 * as 17", "17 or older". A question asking how old someone is is answered by a number written in
 * one of these ways; any other number in a news sentence (a date, a score, a count) is not an age.
 * (A question asking what an age was changed to is answered first by the number after "to"; see
 * `numberAfterTo`.)
 */

import { continuesNumber, isNumberWord } from '../text/number-words.js';
import { isStopword } from '../text/stopwords.js';
import type { WordToken } from '../text/tokens.js';
import type { SentenceWords } from './sentence-words.js';

/** Digits that could be an age (not "2024"); number words ("sixteen") count too. */
const AGE_DIGITS = /^\d{1,3}$/;
/** "60th birthday": an ordinal in digits. */
const ORDINAL_DIGITS = /^(\d{1,3})(st|nd|rd|th)$/;
/** "in his 70s": a decade of life. */
const DECADE = /^\d0s$/;
const AGE_UNITS = /^(years?|months?)$/;
const POSSESSIVES = new Set(['his', 'her', 'their', 'my', 'your', 'our']);
/** Words before a number that make it an age: "aged 17", "age 17", "turned 17", "turns 17". */
const BEFORE = new Set(['aged', 'age', 'turned', 'turns', 'turning', 'turn']);
/** "as young as 17", "older than 17". */
const COMPARED = /^(young|old|younger|older)$/;
/** "17 or older", "17 and over". */
const AND_UP = /^(older|younger|over|up|above)$/;
/** A comma closing the phrase after a number; one followed by a digit separates thousands ("4,512"). */
const CLOSING_COMMA = /^\s*,(?!\d)/;

/** The number giving someone's age in the sentence, when the question does not hold it; null when none. */
export function ageIn(sentence: SentenceWords, questionStems: ReadonlySet<string>): WordToken | null {
  const { tokens, text } = sentence;
  const between = (i: number) => text.slice(tokens[i - 1]!.end, tokens[i]!.start);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (questionStems.has(token.stem)) continue;
    const next = tokens[i + 1];
    const previous = tokens[i - 1];
    if (ORDINAL_DIGITS.test(token.raw)) {
      if (next?.norm === 'birthday') return token;
      continue;
    }
    if (DECADE.test(token.raw)) {
      if (previous && POSSESSIVES.has(previous.norm)) return token;
      continue;
    }
    if (!AGE_DIGITS.test(token.raw) && !isNumberWord(token.raw)) continue;
    // "4,512", "2.5", "4,000-year-old": the tokenizer splits one number at its separators; a part is no age.
    if (next && continuesNumber(between(i + 1), next.raw)) continue;
    if (previous && /\d$/.test(previous.raw) && continuesNumber(between(i), token.raw)) continue;
    // "17-year-old", "17 years old", "5-month-old".
    if (next && AGE_UNITS.test(next.norm) && tokens[i + 2]?.norm === 'old') return token;
    if (previous && BEFORE.has(previous.norm)) return token;
    // "the age of 17"
    if (previous?.norm === 'of' && tokens[i - 2]?.norm === 'age') return token;
    // "At 17, she …": a bare number after "at" closing its phrase.
    if (previous?.norm === 'at' && CLOSING_COMMA.test(text.slice(token.end))) return token;
    if (previous?.norm === 'as' && tokens[i - 3]?.norm === 'as' && COMPARED.test(tokens[i - 2]!.norm)) return token;
    if (previous?.norm === 'than' && COMPARED.test(tokens[i - 2]?.norm ?? '')) return token;
    if (next && /^(or|and)$/.test(next.norm) && AND_UP.test(tokens[i + 2]?.norm ?? '')) return token;
    // "Berg, 17, said", "the driver, 45, was": a number set off by commas right after who it is.
    if (
      previous &&
      /^\p{L}+$/u.test(previous.raw) &&
      !isStopword(previous.norm) &&
      /^\s*,\s*$/.test(between(i)) &&
      CLOSING_COMMA.test(text.slice(token.end)) &&
      AGE_DIGITS.test(token.raw)
    ) {
      return token;
    }
  }
  return null;
}

/**
 * The age as the sentence gives it: "17" from "17-year-old", "60" from "60th birthday"; "70s" from
 * "in his 70s" stays a decade, since the sentence does not say which year of it.
 */
export function ageWritten(token: WordToken): string {
  return ORDINAL_DIGITS.exec(token.raw)?.[1] ?? token.raw;
}
