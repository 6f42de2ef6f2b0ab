import type { Basis } from '../articles/types.js';
import type { Corpus } from '../corpus/corpus.js';
import { UserFacingError } from '../errors.js';
import type { PassageIndex, SearchHit } from '../search/passage-index.js';
import type { AnswerKind } from './answer-kind.js';
import { asksAhead, stillAhead } from './future-dates.js';
import { answerLatest } from './latest-answer.js';
import { newestOf } from './newest-fact.js';
import { checkPremise } from './premise.js';
import { askedAs, asksForLatest, asksWhatWasDone, isYesNo, looksEnglish } from './question-shape.js';
import { askingClause, type Question, readQuestion, type ScoredSentence, scoreSentences } from './score-sentences.js';
import { shortAnswer } from './short-answer.js';
import { asksSpeaker, saidBy, saidBySomeoneElse, statementSubject } from './speaker-check.js';
import { saysNotGiven } from './unsaid.js';

export interface Answer {
  /** `not_found` when the articles do not contain an answer: say so, and show `closest`. */
  status: 'answered' | 'not_found';
  /** Sentences that answer the question, best first, each a verbatim span of its article. */
  evidence: SearchHit[];
  /** The nearest passages, shown when nothing answers. */
  closest: SearchHit[];
  basis: Basis;
  /** What was asked, worded to follow "The articles don't say" (set when not found). */
  asked?: string;
  /** The name, place, date or number asked for: a verbatim span of the first evidence sentence. */
  short?: string;
  /**
   * What the question takes for granted that no sentence supports ("call off the vote"): the
   * reply says so first, then shows what the articles do say (`evidence`).
   */
  premise?: string;
  /** An older article's sentence that answered differently, replaced by the newer `evidence[0]`. */
  replaced?: SearchHit;
  /** How the question was answered when not as a look-up: the story's newest developments. */
  mode?: 'latest';
  /** Set when the question is not in English and its names found nothing (no model to read it). */
  language?: 'not_english';
}

export interface AnswerOptions {
  /** Most evidence sentences to return (1–3). */
  limit?: number;
  articleIds?: readonly string[];
}

export interface AnswerDeps {
  corpus: Corpus;
  index: PassageIndex;
}

export const MAX_EVIDENCE = 3;
export const MAX_QUESTION_LENGTH = 1000;
/** Sentences retrieved by BM25 before re-ranking; enough to reach past headline-only matches. */
const CANDIDATES = 40;
const CLOSEST = 3;
/**
 * The answer threshold, calibrated on the aggregate of `npm run eval` (answers found against
 * refusals on unrelated articles): some sentence must cover this weighted share of the question's
 * words, in an article holding this share of the question's names and numbers.
 */
const MIN_SENTENCE_COVERAGE = 0.3;
const MIN_KEY_COVERAGE = 0.5;
/**
 * An article holding this weighted share of the question's words and names (its headline included),
 * whose headline says some of what is asked (see `headlineAsks`), is about what is asked though no
 * one sentence repeats enough of it: the sentence that answers often words it differently ("the
 * crossing was halted" for "which route was suspended?"), and the article may write a name of the
 * question another way or leave out one that only sets the scope ("across Norway"). Then a sentence
 * holding a thing of the kind asked is enough. A long article on something else (a live blog) can
 * hold most of a question's words too, but its headline is about that something else.
 */
const MIN_ARTICLE_COVERAGE = 0.7;
/**
 * Evidence may cover much less than that: once some sentence shows the article is about the
 * question, the answer often sits in a sentence that words it differently ("Oslo was picked to host
 * the summit" for "Which city will welcome the delegates?").
 */
const MIN_EVIDENCE_COVERAGE = 0.1;
/** Questions asking for a name, place, date or number: the answer must hold one. */
const LOOK_UPS: ReadonlySet<AnswerKind> = new Set(['person', 'place', 'time', 'number', 'name']);
/** Further evidence must score at least this share of the best sentence. */
const SUPPORT_SHARE = 0.85;

/**
 * Answers from the articles alone: the sentences that say it, best first, or `not_found` with the
 * nearest passages when the question's key terms are not in the articles. Questions about the whole
 * story get its newest developments; a question taking for granted what no sentence supports is
 * corrected; when articles of different days answer, the newest wins and the older is kept.
 */
export function answerQuestion(question: string, deps: AnswerDeps, options: AnswerOptions = {}): Answer {
  const text = question.trim().slice(0, MAX_QUESTION_LENGTH);
  if (!/[\p{L}\p{N}]/u.test(text))
    throw new UserFacingError('Please ask a question, for example “When could the meeting happen?”');
  const limit = Math.max(1, Math.min(MAX_EVIDENCE, Math.floor(options.limit ?? MAX_EVIDENCE)));
  const read = readQuestion(text);
  if (!looksEnglish(text)) {
    const found = lookUp(text, read, deps, options, limit);
    return found.status === 'answered' ? found : { ...found, language: 'not_english' };
  }
  // "Where will the latest ceremony be held?" asks for a place: only an open question is about the story.
  if (read.kind === 'other' && asksForLatest(askingClause(text))) {
    const latest = answerLatest(text, deps, limit, options.articleIds);
    if (latest) return latest;
  }
  return lookUp(text, read, deps, options, limit);
}

function lookUp(text: string, read: Question, deps: AnswerDeps, options: AnswerOptions, limit: number): Answer {
  const basis = deps.corpus.basis();
  const hits = deps.index.search(text, { limit: CANDIDATES, articleIds: options.articleIds });
  const ranked = scoreSentences(read, hits, (id) => deps.index.wordsOf(id));
  const lookUp = LOOK_UPS.has(read.kind);
  const aboutArticle = (s: ScoredSentence) => s.articleCoverage >= MIN_ARTICLE_COVERAGE && s.headlineAsks;
  const onTopic = (s: ScoredSentence) => s.keyCoverage >= MIN_KEY_COVERAGE || aboutArticle(s);
  const usable = ranked.filter((s) => onTopic(s) && s.coverage >= MIN_EVIDENCE_COVERAGE);
  const notFound = (): Answer => ({
    status: 'not_found',
    evidence: [],
    closest: ranked.slice(0, CLOSEST).map((s) => s.hit),
    basis,
    asked: askedAs(text),
  });
  // The articles are about the question when a sentence repeats enough of it, or when an article
  // holds most of it and one of its sentences holds what is asked for (see `MIN_ARTICLE_COVERAGE`).
  if (!usable.some((s) => s.coverage >= MIN_SENTENCE_COVERAGE || (aboutArticle(s) && s.cue))) return notFound();
  // Names alone don't make an answer: "where is the match played?" shares "Leeds" with every
  // sentence of an article about Leeds, so some sentence must also say something the question asks.
  if (!usable.some((s) => s.predicate > 0)) return notFound();
  // Once the articles are shown to be about the question, a sentence naming a new thing of the
  // type asked ("which gallery …?": "it happened at the Kvale Gallery") answers it, however few of
  // the question's words it repeats, so it is evidence though it counts for none of the gates above.
  const namesAsked = (s: ScoredSentence) => onTopic(s) && (s.coverage >= MIN_EVIDENCE_COVERAGE || s.signals.typed > 0);
  usable.splice(0, usable.length, ...ranked.filter(namesAsked));
  const dateOf = (s: ScoredSentence) => deps.corpus.get(s.hit.articleId)?.date ?? null;
  if (read.kind === 'time' && asksAhead(text) && basis.asOf) {
    const names = new Set(
      read.terms.filter((t) => t.named && !t.background && !read.when.has(t.stem)).map((t) => t.stem),
    );
    const ahead = stillAhead(usable, dateOf, basis.asOf, names);
    if (!ahead.length) return notFound();
    usable.splice(0, usable.length, ...ahead);
  }
  const subject = statementSubject(text);
  if (subject && read.kind === 'statement') {
    const said = saidBy(deps.corpus, subject);
    const theirs = said ? usable.filter((s) => said(s.hit)) : [];
    if (!theirs.length) return notFound();
    usable.splice(0, usable.length, ...theirs);
  } else {
    // "On which programme did Berg say …?" asks about words Berg said, and "which official said …?"
    // about words someone it does not name said: a sentence giving no one's words (a headline
    // restating the claim) says neither where nor who. Only a preference: with none, rank as ever.
    const said = subject
      ? saidBy(deps.corpus, subject)
      : asksSpeaker(text)
        ? saidBySomeoneElse(deps.corpus, read.stems)
        : null;
    const theirs = said ? usable.filter((s) => said(s.hit)) : [];
    if (theirs.length) usable.splice(0, usable.length, ...theirs);
  }
  // "How much aid was pledged?" is not answered by a sentence whose only number is a date: a
  // question asking for an amount or a share needs a sentence giving one. (A count is left alone:
  // "how many people" is answered by "a crowd of 52,000".)
  const amount = read.measure && (read.measure.money || read.measure.share);
  if (amount && !usable.some((s) => s.signals.measure > 0)) return notFound();
  const best = usable[0]!;
  const premise = checkPremise(text, usable, lookUp);
  // "What was agreed at the talks?" when no sentence says anything was: what was asked is not
  // reported, which is all there is to say (there is no claim in the question to correct).
  if (premise && asksWhatWasDone(text)) return notFound();
  if (premise) {
    return {
      status: 'answered',
      evidence: premise.shown.slice(0, limit).map((s) => s.hit),
      closest: [],
      basis,
      premise: premise.presupposed,
    };
  }
  const { first, replaced } = newestOf(usable, dateOf, {
    yesNo: isYesNo(text),
    ...(lookUp ? { lookUp: read } : {}),
  });
  // Across several articles of one story every sentence holds its names, and the one that ranks
  // first for a name, place, date or number may hold one without a word of what was asked.
  if (lookUp && first.predicate === 0 && new Set(usable.map((s) => s.hit.articleId)).size > 1) return notFound();
  // "The aide did not say where they would meet": unless a later article gives the place, that is the answer.
  const unsaid = lookUp ? saysNotGiven(read.kind, usable) : null;
  if (unsaid && !((dateOf(first) ?? '') > (dateOf(unsaid) ?? ''))) {
    const others = ranked.filter((s) => s !== unsaid).slice(0, CLOSEST - 1);
    return { ...notFound(), closest: [unsaid, ...others].map((s) => s.hit) };
  }
  const short = shortAnswer(text, read.kind, first.words, read.stems, read.measure, read.place) ?? undefined;
  // An older sentence that gives the same answer has not been replaced, only repeated.
  const changed = replaced && !(short && replaced.hit.text.includes(short)) ? replaced : undefined;
  const rest = usable.filter((s) => s !== first && s !== changed && s.score >= SUPPORT_SHARE * best.score);
  const evidence = [first, ...rest].slice(0, limit);
  return {
    status: 'answered',
    evidence: evidence.map((s) => s.hit),
    closest: [],
    basis,
    ...(short ? { short } : {}),
    ...(changed ? { replaced: changed.hit } : {}),
  };
}
