/**
 * Questions about the whole story ("what's the latest?", "what's new since Friday?") are answered
 * with its newest developments: on a topic, the newest day whose articles speak to it; on nothing in
 * particular, the summary of the newest day (or of the days since the one asked about), the same
 * engine as `/summary since:`.
 */
import type { SearchHit } from '../search/passage-index.js';
import { summarise } from '../summaries/summarise.js';
import { contentWords } from '../text/tokens.js';
import type { Answer, AnswerDeps } from './answer-question.js';
import { latestFocus, sinceDay } from './question-shape.js';
import { readQuestion, SCORE_WEIGHTS, scoreSentences } from './score-sentences.js';

/** Sentences retrieved for a topic before re-ranking, as for any question. */
const CANDIDATES = 40;
/** As for any answer: the sentence must cover this share of the topic's words. */
const MIN_TOPIC_COVERAGE = 0.3;
const MIN_KEY_COVERAGE = 0.5;

export function answerLatest(
  text: string,
  deps: AnswerDeps,
  limit: number,
  articleIds?: readonly string[],
): Answer | null {
  const { corpus } = deps;
  const basis = corpus.basis();
  const allowed = articleIds ? new Set(articleIds) : null;
  // Only the newest day is needed: the corpus's own (worked out once per change) or the newest of
  // the articles in scope, rather than a pass over every article, which each such question paid.
  let newest: string | undefined = articleIds ? undefined : (basis.asOf ?? undefined);
  for (const id of articleIds ?? []) {
    const date = corpus.get(id)?.date;
    if (date && (newest === undefined || date > newest)) newest = date;
  }
  if (!newest) return null;
  const since = sinceDay(text, newest);
  const topic = latestFocus(text);
  // A topic naming something ("the latest on the Oslo talks") picks the newest day that speaks to
  // it. One of common words only ("the latest in the diplomacy") may be the story itself, which its
  // newest articles rarely call by that word: it is answered from the words only when the newest
  // day in scope speaks to them ("the latest on the tolls"), otherwise by the newest day's summary.
  const words = contentWords(topic);
  if (words.length) {
    const naming = words.some((word) => /^[\p{Lu}\d]/u.test(word.raw));
    const inScope = since
      ? corpus
          .articles()
          .filter(({ id, date }) => !!date && date >= since && (!allowed || allowed.has(id)))
          .map(({ id }) => id)
      : articleIds;
    const found = newestDayOn(topic, deps, limit, inScope);
    if (found && (naming || found.day === newest)) return { ...found.answer, basis };
  }
  const summary = summarise(corpus, { since: since ?? newest, length: 'short' });
  const dateOf = (id: string) => corpus.get(id)?.date ?? '';
  const points = [...summary.points].sort((a, b) => dateOf(b.articleId).localeCompare(dateOf(a.articleId)));
  const evidence: SearchHit[] = points.slice(0, limit).map(({ articleId, sentence, start, end, text: said }) => ({
    articleId,
    sentence,
    start,
    end,
    text: said,
    score: 0,
  }));
  return evidence.length ? { status: 'answered', evidence, closest: [], basis, mode: 'latest' } : null;
}

/** The sentences of the newest day in `articles` that speak to `topic`, as an answer; null when none does. */
function newestDayOn(
  topic: string,
  { corpus, index }: AnswerDeps,
  limit: number,
  inScope: readonly string[] | undefined,
): { day: string; answer: Omit<Answer, 'basis'> } | null {
  // One search over the articles in scope, then the newest day among the sentences that speak to
  // the topic: a search per day would cost as many searches as the story has days.
  const read = readQuestion(topic);
  const hits = index.search(topic, { limit: CANDIDATES, articleIds: inScope });
  const ranked = scoreSentences(read, hits, (id) => index.wordsOf(id)).filter(
    (s) => s.keyCoverage >= MIN_KEY_COVERAGE && s.coverage >= MIN_TOPIC_COVERAGE,
  );
  const dateOf = (id: string) => corpus.get(id)?.date ?? '';
  const day = ranked
    .map((s) => dateOf(s.hit.articleId))
    .sort()
    .at(-1);
  const ofDay = ranked.filter((s) => dateOf(s.hit.articleId) === day);
  if (!day || !ofDay.length) return null;
  // Within the day the article's own priors (its lead) speak for the development again.
  const hitsOfDay = ofDay.map((s) => s.hit);
  const rescored = scoreSentences(read, hitsOfDay, (id) => index.wordsOf(id), SCORE_WEIGHTS, false);
  return {
    day,
    answer: { status: 'answered', evidence: rescored.slice(0, limit).map((s) => s.hit), closest: [], mode: 'latest' },
  };
}
