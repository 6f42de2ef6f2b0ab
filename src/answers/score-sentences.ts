import type { Article } from '../articles/types.js';
import type { SearchHit } from '../search/passage-index.js';
import { contentWords, isStopword, tokenizeWords, type WordToken } from '../search/query-terms.js';
import { type AnswerKind, answerCue, classifyQuestion } from './answer-kind.js';

/** A content word of the question, weighted by how much it says about what is asked. */
export interface QuestionTerm {
  stem: string;
  norm: string;
  weight: number;
  /** A name or a number: an article that lacks it is about something else. */
  key: boolean;
}

export interface Question {
  text: string;
  kind: AnswerKind;
  terms: QuestionTerm[];
  stems: ReadonlySet<string>;
}

export interface ScoredSentence {
  hit: SearchHit;
  score: number;
  /** Weighted share of the question's terms found in the sentence. */
  coverage: number;
  /** Weighted share of the question's key terms found in the sentence's article. */
  keyCoverage: number;
  /** Weighted share of the question's terms found anywhere in the article. */
  articleCoverage: number;
  cue: boolean;
  signals: SentenceSignals;
}

const KEY_WEIGHT = 2;
const GENERIC_WEIGHT = 0.5;
/** A stem that only starts like a question word ("ukrain" / "ukrainian") counts this much. */
const PARTIAL_MATCH = 0.7;
const MIN_PREFIX = 4;
/** Neighbouring sentences lend this share of their matches: questions often span two sentences. */
const NEIGHBOUR_SHARE = 0.4;
/** Content words a sentence needs beyond the question's own to be worth reading as an answer. */
const NOVELTY_TARGET = 4;

/** Sentences this far into an article count half as lead: news puts the key facts first. */
const LEAD_HALF_LIFE = 3;

/** Each signal lies in 0–1; the weights say how much each counts towards a sentence's score. */
export interface SentenceSignals {
  coverage: number;
  /** Coverage with the question's words weighted by how rare they are in the article. */
  focus: number;
  context: number;
  bm25: number;
  cue: number;
  novelty: number;
  lead: number;
}

/**
 * Chosen on the aggregate of the QA eval (`npm run eval`): where the answer sits matters as much as
 * how much of the question a sentence repeats, because the sentence that restates a question best
 * often lacks its answer, and news leads carry the key facts.
 */
export const SCORE_WEIGHTS: Readonly<SentenceSignals> = {
  coverage: 0.3,
  focus: 0.2,
  context: 0.15,
  bm25: 0,
  cue: 0.3,
  novelty: 0.1,
  lead: 0.6,
};

/**
 * Words so common in news and quiz questions that finding them says little about whether a
 * sentence is on topic.
 */
// biome-ignore format: a word list reads better packed
const GENERIC_WORDS = new Set([
  'week', 'weeks', 'year', 'years', 'month', 'months', 'day', 'days', 'today', 'time', 'new', 'first',
  'last', 'recent', 'people', 'percent', 'state', 'states', 'country', 'countries', 'world', 'part',
  'make', 'made', 'become', 'became', 'announce', 'announced', 'set', 'take', 'took', 'give', 'gave',
  'former', 'current', 'major', 'several', 'number', 'high', 'record', 'top', 'win', 'won', 'lead',
  'use', 'used', 'show', 'shows', 'found', 'find', 'go', 'went', 'going', 'come', 'know', 'see', 'back',
  'happen', 'happens', 'happened',
]);

export function readQuestion(text: string): Question {
  const terms = contentWords(text).map((token, i) => termOf(token, i));
  return { text, kind: classifyQuestion(text), terms, stems: new Set(terms.map((term) => term.stem)) };
}

function termOf(token: WordToken, position: number): QuestionTerm {
  const key = /\d/.test(token.raw) || /^\p{Lu}/u.test(token.raw) ? position > 0 || /\d/.test(token.raw) : false;
  const weight = key ? KEY_WEIGHT : GENERIC_WORDS.has(token.norm) ? GENERIC_WEIGHT : 1;
  return { stem: token.stem, norm: token.norm, weight, key };
}

/** How well a set of stems matches one term: fully, by a shared prefix, or not at all. */
function matchOf(term: QuestionTerm, stems: ReadonlySet<string>): number {
  if (stems.has(term.stem)) return 1;
  if (term.stem.length < MIN_PREFIX || /\d/.test(term.stem)) return 0;
  for (const stem of stems) {
    if (stem.length >= MIN_PREFIX && (stem.startsWith(term.stem) || term.stem.startsWith(stem))) return PARTIAL_MATCH;
  }
  return 0;
}

function coverageOf(terms: readonly QuestionTerm[], match: (term: QuestionTerm) => number): number {
  let total = 0;
  let found = 0;
  for (const term of terms) {
    total += term.weight;
    found += term.weight * match(term);
  }
  return total ? found / total : 0;
}

/** Each sentence's words and how many sentences use each stem, computed once per article. */
interface ArticleWords {
  sentences: WordToken[][];
  stems: Set<string>;
  /** Sentences containing each stem. */
  spread: Map<string, number>;
}

function readArticleWords(article: Article): ArticleWords {
  const sentences = article.sentences.map((sentence) => tokenizeWords(sentence.text));
  const stems = new Set(tokenizeWords(article.title).map((token) => token.stem));
  const spread = new Map<string, number>();
  for (const tokens of sentences) {
    for (const stem of new Set(tokens.map((token) => token.stem))) {
      stems.add(stem);
      spread.set(stem, (spread.get(stem) ?? 0) + 1);
    }
  }
  return { sentences, stems, spread };
}

/**
 * The question's terms reweighted by how rare each is in the article: a word on every line (the
 * story's subject) says little about which sentence answers, a word on one line says much.
 */
function focusTerms(terms: readonly QuestionTerm[], words: ArticleWords): QuestionTerm[] {
  const total = words.sentences.length;
  return terms.map((term) => ({
    ...term,
    weight: term.weight * Math.log(1 + total / (1 + (words.spread.get(term.stem) ?? 0))),
  }));
}

/**
 * Re-ranks retrieved sentences for answering: how much of the question they cover (names and
 * numbers above common words), support from the sentences around them, BM25, whether they hold
 * the kind of thing asked for, and whether they add anything beyond the question's own words.
 */
export function scoreSentences(
  question: Question,
  hits: readonly SearchHit[],
  articleOf: (id: string) => Article | undefined,
  weights: Readonly<SentenceSignals> = SCORE_WEIGHTS,
): ScoredSentence[] {
  const articles = new Map<string, { words: ArticleWords; focus: QuestionTerm[] } | null>();
  const wordsOf = (id: string) => {
    if (!articles.has(id)) {
      const article = articleOf(id);
      const words = article ? readArticleWords(article) : null;
      articles.set(id, words && { words, focus: focusTerms(question.terms, words) });
    }
    return articles.get(id);
  };
  const keyTerms = question.terms.filter((term) => term.key);
  const bestBm25 = Math.max(...hits.map((hit) => hit.score), Number.EPSILON);
  const scored: ScoredSentence[] = [];
  for (const hit of hits) {
    const known = wordsOf(hit.articleId);
    if (!known) continue;
    const { words, focus: focusWeights } = known;
    const tokens = words.sentences[hit.sentence] ?? [];
    const stems = new Set(tokens.map((token) => token.stem));
    const neighbours = new Set(
      [hit.sentence - 1, hit.sentence + 1].flatMap((i) => (words.sentences[i] ?? []).map((token) => token.stem)),
    );
    const coverage = coverageOf(question.terms, (term) => matchOf(term, stems));
    const focus = coverageOf(focusWeights, (term) => matchOf(term, stems));
    const context = coverageOf(question.terms, (term) =>
      Math.max(matchOf(term, stems), NEIGHBOUR_SHARE * matchOf(term, neighbours)),
    );
    const articleCoverage = coverageOf(question.terms, (term) => matchOf(term, words.stems));
    const keyCoverage = keyTerms.length ? coverageOf(keyTerms, (term) => matchOf(term, words.stems)) : 1;
    const cue = answerCue(question.kind, hit.text, tokens, question.stems);
    const fresh = new Set(
      tokens.filter((token) => !isStopword(token.norm) && !question.stems.has(token.stem)).map((token) => token.stem),
    );
    const signals: SentenceSignals = {
      coverage,
      focus,
      context,
      bm25: hit.score / bestBm25,
      cue,
      novelty: Math.min(1, fresh.size / NOVELTY_TARGET),
      lead: LEAD_HALF_LIFE / (LEAD_HALF_LIFE + hit.sentence),
    };
    scored.push({ hit, score: weigh(signals, weights), coverage, keyCoverage, articleCoverage, cue: cue > 0, signals });
  }
  return scored.sort((a, b) => b.score - a.score);
}

export function weigh(signals: SentenceSignals, weights: Readonly<SentenceSignals>): number {
  let score = 0;
  for (const name of Object.keys(weights) as (keyof SentenceSignals)[]) score += weights[name] * signals[name];
  return score;
}
