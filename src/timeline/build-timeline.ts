import type { DatePrecision } from '../articles/dates.js';
import type { Corpus } from '../corpus/corpus.js';
import { UserFacingError } from '../errors.js';
import { aboutMatcher } from './about-filter.js';
import { type Development, developmentsOf } from './developments.js';
import { mergeDuplicates } from './merge-duplicates.js';

export interface TimelineEntry {
  /** The day the development happened (or is expected), YYYY-MM-DD. */
  date: string;
  articleId: string;
  sentence: number;
  start: number;
  end: number;
  /** Verbatim sentence. */
  text: string;
  /** The words that dated it ("on Wednesday", "earlier today"), or null when it is the article's date. */
  when: string | null;
  /** 'week' and 'month' entries are dated by the Monday or the 1st ("next week", "in July"). */
  precision?: DatePrecision;
  /** Last day of an open window ("within a week"): the development is expected by then. */
  until?: string;
  /** Dated after the article that reports it: planned or expected rather than done. */
  expected?: boolean;
  /** Later articles that reported the same development (near-duplicate sentences), oldest first. */
  alsoIn?: string[];
}

export interface TimelineOptions {
  since?: string;
  until?: string;
  /** Only developments that mention these words or this person. */
  about?: string;
  /**
   * At most this many entries, always in date order: the latest ones (a developing story is read from
   * its end), except with `since` alone, which asks to read on from that day, so the first ones.
   */
  limit?: number;
}

/** A kept development with the articles that repeated it. */
interface MergedEntry extends Development {
  readonly alsoIn: readonly string[];
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * One merged timeline per corpus, rebuilt only when the corpus version changes (per-article date
 * reading is cached separately, so a rebuild after one new article only re-sorts and re-merges).
 * Keyed by the corpus so separate corpora (tests, benchmarks) never share state.
 */
const timelines = new WeakMap<Corpus, { version: string; entries: MergedEntry[] }>();

/**
 * The dated developments across all articles, by date then by the date of the reporting article:
 * one entry per sentence, each development once (the earliest article's sentence).
 */
export function buildTimeline(corpus: Corpus, options: TimelineOptions = {}): TimelineEntry[] {
  const since = checkDay('since', options.since);
  const until = checkDay('until', options.until);
  const matches = options.about?.trim() ? aboutMatcher(options.about) : null;
  const selected: TimelineEntry[] = [];
  for (const { entry, article, stems, alsoIn } of mergedTimeline(corpus)) {
    if (since && entry.date < since) continue;
    if (until && entry.date > until) continue;
    if (matches && !matches({ stems, article })) continue;
    selected.push({ ...entry, alsoIn: [...alsoIn] });
  }
  const limit = options.limit;
  if (limit === undefined) return selected;
  if (!Number.isInteger(limit) || limit < 0) throw new UserFacingError('The limit must be a whole number of entries.');
  if (since && !until) return selected.slice(0, limit);
  return limit === 0 ? [] : selected.slice(-limit);
}

function mergedTimeline(corpus: Corpus): MergedEntry[] {
  const cached = timelines.get(corpus);
  if (cached && cached.version === corpus.version) return cached.entries;
  const entries = mergeReports(sortedDevelopments(corpus));
  timelines.set(corpus, { version: corpus.version, entries });
  return entries;
}

function sortedDevelopments(corpus: Corpus): Development[] {
  // `corpus.articles()` is oldest first with a stable tie-break, so its position orders reports.
  const articles = corpus.articles();
  const position = new Map(articles.map((article, i) => [article.id, i]));
  return articles
    .flatMap((article) => developmentsOf(article))
    .sort(
      (a, b) =>
        compare(a.entry.date, b.entry.date) ||
        position.get(a.article.id)! - position.get(b.article.id)! ||
        a.entry.sentence - b.entry.sentence,
    );
}

/** Keeps the first report of each development and notes the other articles that repeated it. */
function mergeReports(developments: Development[]): MergedEntry[] {
  const target = mergeDuplicates(developments.map(({ entry, content }) => ({ date: entry.date, words: content })));
  const repeats = new Map<number, string[]>();
  developments.forEach((development, i) => {
    const into = target[i]!;
    if (into === i) return;
    const articleIds = repeats.get(into) ?? [];
    const { articleId } = development.entry;
    if (articleId !== developments[into]!.entry.articleId && !articleIds.includes(articleId))
      articleIds.push(articleId);
    repeats.set(into, articleIds);
  });
  return developments.flatMap((development, i) =>
    target[i] === i ? [{ ...development, alsoIn: repeats.get(i) ?? [] }] : [],
  );
}

function checkDay(name: string, value: string | undefined): string | null {
  if (value === undefined || value === '') return null;
  const day = value.trim();
  if (!ISO_DAY.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) {
    throw new UserFacingError(`“${name}” must be a day written as YYYY-MM-DD, for example 2025-08-15.`);
  }
  return day;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
