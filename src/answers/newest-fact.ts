/**
 * The newest fact wins: a developing story's early reports are overtaken ("a meeting in one city",
 * then another), so when sentences of different days answer about as well, the newest is the
 * answer and the best older one is kept as what it replaced, both shown with their dates. A newer
 * sentence that only repeats the answer, or part of it, has overtaken nothing.
 */

import { isNumberWord } from '../text/number-words.js';
import type { WordToken } from '../text/tokens.js';
import type { Question, ScoredSentence } from './score-sentences.js';
import type { SentenceWords } from './sentence-words.js';
import { nameRuns } from './short-answer.js';
import { isNewWord } from './word-forms.js';

/** An answer from a newer article may score this much less than the best and still win. */
const NEWER_SHARE = 0.8;
/**
 * A yes/no question ("Will the mayor meet the governor in the capital?", "Is she still insisting…?") asks how things
 * stand now, so a newer article's answer wins by a wider margin.
 */
const NEWER_SHARE_YES_NO = 0.6;

export interface NewestChoice {
  first: ScoredSentence;
  /** The best answer about as good from an older day, which the newer one replaces. */
  replaced?: ScoredSentence;
}

export interface NewestOptions {
  /** A yes/no question (see `NEWER_SHARE_YES_NO`). */
  yesNo?: boolean;
  /** Set when the question asks for a name, place, date or number: the question. */
  lookUp?: Question;
}

export function newestOf(
  ranked: readonly ScoredSentence[],
  dateOf: (sentence: ScoredSentence) => string | null,
  { yesNo = false, lookUp }: NewestOptions = {},
): NewestChoice {
  const share = yesNo ? NEWER_SHARE_YES_NO : NEWER_SHARE;
  const best = ranked[0]!;
  // A newer sentence replaces the answer only when it says something the question asks of its
  // names: "the coach will travel with the captain" names them all and says nothing about signing.
  const onPoint = (s: ScoredSentence) => best.predicate === 0 || s.predicate > 0;
  // A yes/no question is answered by a sentence saying all it asks of its names ("the plan was for
  // the two mayors to sail together" for "will they sail together, as agreed?"), however it names
  // them, where the best says only part of it.
  const whole = (s: ScoredSentence) => yesNo && s.predicate >= 1 && best.predicate < 1;
  // A newer report replaces an answer only when it is a report on what was asked: its article
  // names about as much of what the question names as the best's does. An article about something
  // else that mentions the matter in passing (a harbour party's report that "the ferry contract
  // went to a shipyard", naming neither the council nor the yard) has not overtaken the report that
  // gives the answer. A yes/no question is exempt: it asks how things stand now, and its names
  // often set a scene the newer articles need not repeat ("as first reported by …", "since January").
  const sameMatter = (s: ScoredSentence) => yesNo || s.keyCoverage >= share * best.keyCoverage;
  // "Which gallery will lend the sword?" is answered by the sentence naming a gallery ("the Kvale
  // Gallery will lend it"); a newer one about the same loan that names no gallery gives no other
  // gallery, so it has not overtaken that answer, only mentioned the matter again. So too a newer
  // sentence holding less clearly the kind of thing asked: one new name ("a firm in Tromsø") where
  // the best gives a full one ("Nordvik Shipyard of Bergen"), a place as a modifier where the best
  // gives a location.
  const asClear = (s: ScoredSentence) => s.signals.typed >= best.signals.typed && s.signals.cue >= best.signals.cue;
  // A look-up's answer is replaced only by a sentence answering the same question (see `answersAsWell`).
  const bestSays = lookUp ? saysOfAsked(best.words, lookUp) : 0;
  const asksAsWell = (s: ScoredSentence) => !lookUp || s === best || answersAsWell(s, best, bestSays, lookUp);
  const comparable = ranked.filter(
    (s) =>
      ((s.score >= share * best.score && s.cue === best.cue && onPoint(s) && asClear(s)) || whole(s)) &&
      sameMatter(s) &&
      asksAsWell(s),
  );
  let first = best;
  for (const s of comparable) {
    const date = dateOf(s);
    const firstDate = dateOf(first);
    const saysAll = date === firstDate && whole(s) && !whole(first);
    if (date && (!firstDate || date > firstDate || saysAll)) first = s;
  }
  // A look-up is answered by a name or a number, so a newer sentence overtakes the best only by
  // giving one the best does not: one naming the same club again, or less of it ("the Lyngen
  // rowers" where the best says "Lyngen Rowing Club of Tromsø"), or nothing at all, tells of the
  // matter again without changing the answer, and the fuller, better-ranked sentence stays first.
  if (lookUp && first !== best && !givesAnother(first.words, best.words, lookUp)) first = best;
  const firstDate = dateOf(first);
  const replaced = comparable.find((s) => {
    const date = dateOf(s);
    return !!date && !!firstDate && date < firstDate && s.hit.text !== first.hit.text;
  });
  return replaced ? { first, replaced } : { first };
}

/**
 * Whether `newer` gives a name or number that `older` does not, beyond the question's own: one that
 * is not a part of any name or number `older` gives.
 */
function givesAnother(newer: SentenceWords, older: SentenceWords, question: Question): boolean {
  const given = specifics(older, question);
  return specifics(newer, question).some((words) => !given.some((old) => words.every((w) => old.includes(w))));
}

/** The names and numbers a sentence gives that the question does not, each as the stems of its words. */
function specifics(words: SentenceWords, question: Question): string[][] {
  const { text } = words;
  const fresh = (token: WordToken) => isNewWord(token, question.stems);
  const names = nameRuns(words.tokens, text).map((run) => run.filter(fresh).map((token) => token.stem));
  // A number in words counts only when a number is asked for: elsewhere it is as often no number
  // at all ("one of the fans").
  const figure = (token: WordToken) => /\d/.test(token.raw) || (question.kind === 'number' && isNumberWord(token.raw));
  const figures = words.tokens.filter((token) => figure(token) && fresh(token)).map((token) => [token.stem]);
  // So too a date in common words ("next week"), when a date is asked for.
  const dates =
    question.kind === 'time' ? words.dates().map((date) => date.filter(fresh).map((token) => token.stem)) : [];
  return [...names, ...figures, ...dates].filter((stems) => stems.length > 0);
}

/**
 * A sentence may hold this much less of the question's predicate than the best and still answer the
 * same question: it may say part of it in other words.
 */
const PREDICATE_SHARE = 0.6;

/**
 * Whether `newer` answers what was asked as well as `best`, rather than telling something else of
 * the same people. A newer sentence may give a new name that is not the thing asked for at all: an
 * aside on a club's history naming the league it once played in, the name of an event held on the
 * day asked about. Such a sentence says less of what the question asks of its names (its
 * predicate: "won the title", "marked which anniversary") than the best, or says none of it in its
 * own words, holding the question's words only inside a name ("the Rowing Association") or in the
 * sentences around it. `bestSays` is `saysOfAsked` of the best, read once for all candidates.
 */
function answersAsWell(newer: ScoredSentence, best: ScoredSentence, bestSays: number, question: Question): boolean {
  if (newer.predicate < PREDICATE_SHARE * best.predicate) return false;
  return saysOfAsked(newer.words, question) > 0 || bestSays === 0;
}

/** The weight of the question's common words the sentence says in its own words: outside its names. */
function saysOfAsked(words: SentenceWords, question: Question): number {
  const inNames = new Set(nameRuns(words.tokens, words.text).flat());
  const own = new Set(words.tokens.filter((token) => !inNames.has(token)).map((token) => token.stem));
  return question.terms
    .filter((term) => !term.key && !term.named && !term.background && own.has(term.stem))
    .reduce((sum, term) => sum + term.weight, 0);
}
