/**
 * The short answer a reply opens with ("Anna Berg — The manager, Anna Berg, praised …"): the person,
 * place, date or number of the asked kind that the cited sentence holds and the question does not,
 * cut verbatim from that sentence so it can never say more than the sentence does. A "which …"
 * question gets none: what it asks for may be a name of any kind, and a wrong one read first
 * misleads more than none.
 */
import type * as chrono from 'chrono-node';
import { dateReader } from '../articles/date-reader.js';
import { classifyName, isDemonym, isPlace } from '../articles/entity-kinds.js';
import { HONORIFICS, isRoleWord } from '../articles/roles.js';
import { continuesNumber, isNumberToken } from '../text/number-words.js';
import { isStopword } from '../text/stopwords.js';
import { isCapitalised, type WordToken } from '../text/tokens.js';
import { ageIn, ageWritten } from './ages.js';
import { type AnswerKind, countedAt, type Measure, numberAfterTo, scoreAt } from './answer-kind.js';
import { type PlaceAsked, placeAnswers } from './place-answers.js';
import type { SentenceWords } from './sentence-words.js';
import { isNewWord } from './word-forms.js';

/** chrono needs a reference day only to resolve relative dates; the span found does not depend on it. */
const REFERENCE_DATE = new Date(Date.UTC(2000, 0, 1));
/** Longest name run taken ("Royal Air Force Base Northholt" is four words). */
const MAX_NAME_WORDS = 5;

const WHO_IS_NAME = /^\s*[Ww]ho (is|was|are|were) \p{Lu}/u;

export function shortAnswer(
  question: string,
  kind: AnswerKind,
  sentence: SentenceWords,
  questionStems: ReadonlySet<string>,
  measure: Measure | null,
  asked: PlaceAsked,
): string | null {
  const fresh = (token: WordToken) => isNewWord(token, questionStems);
  const span = (words: readonly WordToken[]) => sentence.text.slice(words[0]!.start, words.at(-1)!.end);
  switch (kind) {
    case 'person': {
      // "Who is Anna Berg?" asks what the person is, which no name answers.
      if (WHO_IS_NAME.test(question)) return null;
      const runs = nameRuns(sentence.tokens, sentence.text)
        .map(withoutTitle)
        .filter((words) => words.length > 0 && words.every(fresh) && looksLikePerson(words));
      const run = nearestToAsked(runs, sentence.tokens, questionStems);
      return run ? span(run) : null;
    }
    case 'place': {
      const place = placeAnswers(sentence, asked, questionStems)[0];
      return place ? span(place.words) : null;
    }
    case 'time': {
      // A calendar date ("Aug. 15") says more than a weekday ("Friday") in the same sentence.
      const all = dateReader.parse(sentence.text, REFERENCE_DATE);
      const certain = (result: chrono.ParsedResult) =>
        Number(result.start.isCertain('day') && result.start.isCertain('month'));
      for (const found of [...all].sort((a, b) => certain(b) - certain(a))) {
        const words = sentence.tokens.filter(
          (token) => token.start >= found.index && token.end <= found.index + found.text.length,
        );
        if (words.some(fresh)) return sentence.text.slice(found.index, found.index + found.text.length).trim();
      }
      return null;
    }
    case 'number': {
      // "Cut the fare to what?" is answered by the number after "to", not the one it was cut from.
      const to = measure?.changedTo ? numberAfterTo(sentence, questionStems) : -1;
      if (to >= 0) {
        const number = numberAt(sentence, to);
        return sentence.text.slice(number.start, number.end);
      }
      const score = measure?.score ? scoreAt(sentence, questionStems) : -1;
      if (score >= 0) return sentence.text.slice(sentence.tokens[score]!.start, sentence.tokens[score + 1]!.end);
      // "How old is she?" is answered "17", not "17-year-old keeper" nor the first number written.
      if (measure?.age) {
        const age = ageIn(sentence, questionStems);
        return age ? ageWritten(age) : null;
      }
      return numberSpan(sentence, questionStems, measure);
    }
    default:
      return null;
  }
}

/**
 * Of the names a sentence holds, the one nearest to what the question asks of its names (its
 * common words): "Who did the coach sign?" is answered by the name beside "signing" in "the chairman
 * said the coach completed the signing of Dahl", not by the speaker named first. The first name
 * when the sentence holds none of the question's common words.
 */
function nearestToAsked(
  runs: readonly WordToken[][],
  tokens: readonly WordToken[],
  questionStems: ReadonlySet<string>,
): WordToken[] | undefined {
  const asked = tokens.filter(
    (token) => questionStems.has(token.stem) && !isStopword(token.norm) && !isCapitalised(token),
  );
  if (!asked.length) return runs[0];
  const distance = (run: readonly WordToken[]) =>
    Math.min(
      ...asked.map((token) =>
        token.end <= run[0]!.start ? run[0]!.start - token.end : Math.max(0, token.start - run.at(-1)!.end),
      ),
    );
  let best = runs[0];
  for (const run of runs) if (distance(run) < distance(best!)) best = run;
  return best;
}

/** "Finance Minister Anna Berg" answers "who" as "Anna Berg": titles are not the name. */
function withoutTitle(words: readonly WordToken[]): WordToken[] {
  let start = 0;
  const title = (word: WordToken) =>
    isRoleWord(word.norm) || isDemonym(word.norm) || HONORIFICS.has(`${word.norm}.`) || HONORIFICS.has(word.norm);
  while (start < words.length && title(words[start]!)) start++;
  return words.slice(start);
}

/** A person's name, not a place, an organisation or a nationality ("Norway", "UNICEF", "Norwegian"). */
function looksLikePerson(words: readonly WordToken[]): boolean {
  const kind = classifyName(
    words.map((word) => word.raw),
    words.map((word) => word.norm),
  );
  if (words.length === 1) return kind === 'other' && !isDemonym(words[0]!.norm) && !isPlace(words[0]!.norm);
  return kind === 'person';
}

/** Runs of capitalised words (not a sentence's lone first word), joined across "of" and hyphens. */
export function nameRuns(tokens: readonly WordToken[], text: string): WordToken[][] {
  const runs: WordToken[][] = [];
  let run: WordToken[] = [];
  const close = () => {
    while (run.length && isStopword(run.at(-1)!.norm)) run.pop();
    if (run.length) runs.push(run);
    run = [];
  };
  tokens.forEach((token, i) => {
    const joined = run.length > 0 && /^[\s-]$|^ of $/.test(text.slice(tokens[i - 1]!.end, token.start));
    const starts = isCapitalised(token) && !isStopword(token.norm) && (i > 0 || isCapitalised(tokens[1]));
    if (starts && (run.length === 0 || joined) && run.length < MAX_NAME_WORDS) run.push(token);
    else if (run.length && token.norm === 'of' && isCapitalised(tokens[i + 1])) run.push(token);
    else {
      close();
      if (starts) run.push(token);
    }
  });
  close();
  return runs;
}

/**
 * A number the question lacks, with the word it counts or the currency and share signs around it.
 * Of several, the one followed by what the question asks about: "with what share of the vote?" is
 * answered by "52.4% of the vote", not by "with 90% of ballots counted".
 */
function numberSpan(
  sentence: SentenceWords,
  questionStems: ReadonlySet<string>,
  measure: Measure | null,
): string | null {
  const { tokens, text } = sentence;
  // A day of the month is a date, not the quantity asked for.
  const dates = dateReader.parse(text, REFERENCE_DATE).map((found) => [found.index, found.index + found.text.length]);
  const inDate = (token: WordToken) => dates.some(([start, end]) => token.start >= start! && token.end <= end!);
  let first: string | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (questionStems.has(token.stem) || !isNumberToken(token.raw) || inDate(token)) continue;
    const number = numberAt(sentence, i);
    let { end } = number;
    i = number.last;
    if (measure?.counted.size && !measure.money && !measure.share) {
      // "6 Varde K3 ferries": the count runs on to what it counts.
      const counted = countedAt(measure, sentence, number.after - 1);
      if (counted < 0) continue;
      end = Math.max(end, tokens[counted]!.end);
      i = Math.max(i, counted);
    }
    const span = text.slice(number.start, end);
    let word = i + 1;
    while (tokens[word] && isStopword(tokens[word]!.norm)) word++;
    if (tokens[word] && questionStems.has(tokens[word]!.stem)) return span;
    first ??= span;
  }
  return first;
}

/**
 * The number written from token `at` on: with its currency sign, its thousands and decimals ("1,000",
 * "87.3" are one number written as several words), and its share sign or its unit: where it starts
 * and ends in the text, where the word after the number stands, and the span's last word.
 */
function numberAt(sentence: SentenceWords, at: number): { start: number; end: number; after: number; last: number } {
  const { tokens, text } = sentence;
  let i = at;
  let start = tokens[i]!.start;
  let end = tokens[i]!.end;
  if (/[$€£¥]\s?$/.test(text.slice(0, start))) start = text.slice(0, start).search(/[$€£¥]\s?$/);
  while (tokens[i + 1] && continuesNumber(text.slice(end, tokens[i + 1]!.start), tokens[i + 1]!.raw)) {
    i++;
    end = tokens[i]!.end;
  }
  const next = tokens[i + 1];
  const after = i + 1;
  if (/^\s?%/.test(text.slice(end))) end = text.indexOf('%', end) + 1;
  else if (next && /^[\s-]$/.test(text.slice(end, next.start)) && !isStopword(next.norm) && !/^\d/.test(next.raw)) {
    end = next.end;
    i++;
  }
  return { start, end, after, last: i };
}
