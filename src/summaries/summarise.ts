import type { Article, Basis } from '../articles/types.js';
import type { Corpus } from '../corpus/corpus.js';
import { UserFacingError } from '../errors.js';
import { type CorpusRankings, rankingsOf } from './corpus-rankings.js';
import { developmentDay } from './development-day.js';
import { DEFAULT_SUMMARY_LENGTH, SUMMARY_BUDGETS } from './lengths.js';
import { pickCorpusSentences, pointsOf } from './pick-corpus-sentences.js';
import type { Budget } from './select-sentences.js';
import { pickStorySentences } from './story-points.js';

export type SummaryLength = 'short' | 'standard' | 'detailed';

export interface SummaryPoint {
  articleId: string;
  sentence: number;
  start: number;
  end: number;
  /** Verbatim sentence from the article. */
  text: string;
  /** Other articles that report the same fact (shown as extra citations, not repeated). */
  alsoIn: string[];
  /** The day of the development it reports (a date the sentence names, else its article's), when known. */
  date?: string | null;
  /** The story's latest development, shown first. */
  latest?: boolean;
}

export interface SummaryOptions {
  length?: SummaryLength;
  /** Summarise one article only. */
  articleId?: string;
  /** Only articles dated on or after this day (YYYY-MM-DD). */
  since?: string;
  /** Caps the summary's words below the length's own cap (evaluation matches reference lengths). */
  maxWords?: number;
}

export interface Summary {
  points: SummaryPoint[];
  /** How many articles were in scope. */
  articles: number;
  /** With `since`: articles in scope that only repeat what earlier articles said. */
  repeating?: string[];
  basis: Basis;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Summaries depend only on the corpus's articles and the options, so they are kept per corpus
 * (a WeakMap: the cache lives and dies with its corpus, and callers keep the plain-function API)
 * and dropped when the corpus version changes. Per-article rankings survive version changes.
 */
const rankingsByCorpus = new WeakMap<Corpus, CorpusRankings>();

/** The articles a summary covers: one article (a removed one is a polite error), or those dated on or after `since`. */
export function scopeOf(corpus: Corpus, options: Pick<SummaryOptions, 'articleId' | 'since'>): readonly Article[] {
  if (options.articleId !== undefined) {
    const article = corpus.get(options.articleId);
    if (!article) {
      throw new UserFacingError(
        `I couldn't find an article with the id “${options.articleId}”. It may have been removed; try a summary of all articles instead.`,
      );
    }
    return [article];
  }
  const since = options.since;
  if (since === undefined) return corpus.articles();
  return corpus.articles().filter((article) => article.date !== null && article.date >= since);
}

function validate(options: SummaryOptions): void {
  if (options.since !== undefined && !ISO_DAY.test(options.since)) {
    throw new UserFacingError(`“${options.since}” is not a date I can read; please give it as YYYY-MM-DD.`);
  }
  if (options.length !== undefined && !(options.length in SUMMARY_BUDGETS)) {
    throw new UserFacingError('The summary length must be one of: short, standard, detailed.');
  }
}

/**
 * Several articles: the developments they agree on most, each once, newest first by the day each
 * development happened (then the newer article): the whole story opens with its latest
 * development, and a shorter cut of the list loses the oldest background, not the news.
 * `since`: what the articles from that day add to what the earlier ones said.
 */
function storyPoints(
  rankings: CorpusRankings,
  corpus: Corpus,
  scope: readonly Article[],
  budget: Budget,
  since: string | undefined,
): { points: SummaryPoint[]; repeating: string[] } {
  const earlier =
    since === undefined ? [] : corpus.articles().filter((article) => article.date !== null && article.date < since);
  const { picks, repeating } = pickStorySentences(rankings, scope, earlier, budget, since === undefined);
  const points = pointsOf(
    rankings,
    picks.map((pick) => pick.candidate),
    scope,
    false,
  ).map((point, i) => {
    const { article } = picks[i]!.candidate;
    return {
      ...point,
      date: developmentDay(article, article.sentences[point.sentence]!.text),
      latest: picks[i]!.latest,
    };
  });
  const order = new Map(corpus.articles().map((article, i) => [article.id, i]));
  points.sort(
    (a, b) =>
      Number(b.latest) - Number(a.latest) ||
      (b.date ?? '').localeCompare(a.date ?? '') ||
      order.get(b.articleId)! - order.get(a.articleId)! ||
      a.sentence - b.sentence,
  );
  return { points, repeating: repeating.map((article) => article.id) };
}

/**
 * An extractive summary of the corpus, of one article, or of what is new since a day: verbatim
 * sentences, each citing its article, a fact reported by several articles given once.
 */
export function summarise(corpus: Corpus, options: SummaryOptions = {}): Summary {
  validate(options);
  let rankings = rankingsByCorpus.get(corpus);
  if (!rankings) {
    rankings = rankingsOf(corpus);
    rankingsByCorpus.set(corpus, rankings);
  }
  rankings.refresh();
  // The length as it is read below, so a summary asked for without one (the views warmed at start)
  // and one asked for with the default (every /summary) are the same entry.
  const length = options.length ?? DEFAULT_SUMMARY_LENGTH;
  const key = JSON.stringify([length, options.articleId, options.since, options.maxWords]);
  const cached = rankings.summaries.get(key);
  if (cached) return cached;

  const scope = scopeOf(corpus, options);
  const lengthBudget = SUMMARY_BUDGETS[length];
  const budget = {
    maxSentences: lengthBudget.maxSentences,
    maxWords: Math.min(lengthBudget.maxWords, options.maxWords ?? Number.POSITIVE_INFINITY),
  };
  let story: { points: SummaryPoint[]; repeating: string[] };
  try {
    story =
      options.articleId === undefined && scope.length > 1
        ? storyPoints(rankings, corpus, scope, budget, options.since)
        : { points: pickCorpusSentences(rankings, scope, budget, options.articleId !== undefined), repeating: [] };
  } finally {
    rankings.forgetCandidates();
  }
  const summary: Summary = {
    points: story.points,
    articles: scope.length,
    basis: corpus.basis(),
    ...(story.repeating.length ? { repeating: story.repeating } : {}),
  };
  rankings.summaries.set(key, summary);
  return summary;
}
