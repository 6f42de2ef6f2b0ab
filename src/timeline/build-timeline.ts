import { addDays, type DatePrecision } from '../articles/dates.js';
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

/** A timeline cut to a length, and how many entries there were before the cut. */
export interface SelectedTimeline {
  entries: TimelineEntry[];
  total: number;
}

/**
 * The timeline as a reader gets it: at most `limit` entries, in date order. With `since` alone the
 * reader reads on from that day, so the first ones; otherwise a cut keeps the developments most
 * articles reported (the story's first and latest always among them), so neither the start of the
 * story nor its end is what goes missing.
 */
export function selectTimeline(corpus: Corpus, options: TimelineOptions & { limit: number }): SelectedTimeline {
  const { limit, ...rest } = options;
  const all = buildTimeline(corpus, rest);
  if (all.length <= limit) return { entries: all, total: all.length };
  if (rest.since && !rest.until) return { entries: all.slice(0, limit), total: all.length };
  const weight = (entry: TimelineEntry, i: number) =>
    (i === 0 || i === all.length - 1 ? Number.POSITIVE_INFINITY : 0) +
    (entry.alsoIn?.length ?? 0) +
    (entry.when === null ? 0.5 : 0);
  const kept = all
    .map((entry, i) => ({ i, weight: weight(entry, i) }))
    .sort((a, b) => b.weight - a.weight || b.i - a.i)
    .slice(0, limit)
    .map(({ i }) => i)
    .sort((a, b) => a - b);
  return { entries: kept.map((i) => all[i]!), total: all.length };
}

function mergedTimeline(corpus: Corpus): MergedEntry[] {
  const cached = timelines.get(corpus);
  if (cached && cached.version === corpus.version) return cached.entries;
  const entries = foldOvertaken(mergeReports(sortedDevelopments(corpus, redatedLeads(corpus))));
  timelines.set(corpus, { version: corpus.version, entries });
  return entries;
}

function sortedDevelopments(corpus: Corpus, redated: Map<Development, Development>): Development[] {
  // `corpus.articles()` is oldest first with a stable tie-break, so its position orders reports.
  const articles = corpus.articles();
  const position = new Map(articles.map((article, i) => [article.id, i]));
  return articles
    .flatMap((article) => developmentsOf(article).map((development) => redated.get(development) ?? development))
    .sort(
      (a, b) =>
        compare(a.entry.date, b.entry.date) ||
        // A report that it happened is kept over the earlier announcement that it would.
        Number(a.entry.expected ?? false) - Number(b.entry.expected ?? false) ||
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

/** Share of a next-day lead's words the earlier day's dated report must hold for the lead to be about it. */
const MIN_SAME_EVENT_SHARE = 0.4;
/** Past-tense verbs of a lead telling what already happened (not "says", "will"). */
const TOLD_IN_PAST = /\b(?:was|were|had|held|met|came|went|took|made|gave|began|said|[a-z]{3,}ed)\b/i;
const TOLD_IN_PRESENT = /\b(?:says|is|are|will|would)\b/i;

/**
 * A lead dated only by its article, telling in the past tense an event that another article dates
 * to the day before ("held a briefing after a meeting at the White House", the meeting dated "on
 * Monday" elsewhere): the report's date is not the event's, so it takes the event's day.
 */
function redatedLeads(corpus: Corpus): Map<Development, Development> {
  const byDate = new Map<string, Development[]>();
  const all = corpus.articles().flatMap((article) => developmentsOf(article));
  for (const development of all) {
    if (development.entry.when === null || development.entry.expected) continue;
    const list = byDate.get(development.entry.date) ?? [];
    list.push(development);
    byDate.set(development.entry.date, list);
  }
  const redated = new Map<Development, Development>();
  for (const lead of all) {
    const { entry, article } = lead;
    if (entry.when !== null || entry.expected || !article.date || entry.date !== article.date) continue;
    if (!TOLD_IN_PAST.test(entry.text) || TOLD_IN_PRESENT.test(entry.text)) continue;
    const dayBefore = addDays(article.date, -1);
    const words = [...lead.content];
    const match = (byDate.get(dayBefore) ?? []).find(
      (report) =>
        report.article !== article &&
        words.length > 0 &&
        words.filter((word) => report.content.has(word)).length / words.length >= MIN_SAME_EVENT_SHARE,
    );
    if (match) redated.set(lead, { ...lead, entry: { ...entry, date: dayBefore } });
  }
  return redated;
}

/** Share of a scheduled development's words a report of that day must hold to say it happened. */
const MIN_HAPPENED_SHARE = 0.5;

/**
 * A scheduled development (dated after the article announcing it) stays marked as scheduled until
 * an article reports it happened: a development of the same day, not itself scheduled, holding most
 * of its words. Then the announcement is folded into that report, as one more article carrying it.
 */
function foldOvertaken(entries: MergedEntry[]): MergedEntry[] {
  const folded = new Map<number, string[]>();
  const dropped = new Set<number>();
  entries.forEach((scheduled, i) => {
    if (!scheduled.entry.expected) return;
    const words = [...scheduled.content];
    for (let j = 0; j < entries.length; j++) {
      const report = entries[j]!;
      if (j === i || report.entry.expected || report.entry.date !== scheduled.entry.date) continue;
      const shared = words.filter((word) => report.content.has(word)).length;
      if (words.length === 0 || shared / words.length < MIN_HAPPENED_SHARE) continue;
      dropped.add(i);
      folded.set(j, [...(folded.get(j) ?? []), scheduled.entry.articleId, ...scheduled.alsoIn]);
      return;
    }
  });
  if (!dropped.size) return entries;
  return entries.flatMap((entry, i) => {
    if (dropped.has(i)) return [];
    const extra = (folded.get(i) ?? []).filter((id) => id !== entry.entry.articleId && !entry.alsoIn.includes(id));
    return [extra.length ? { ...entry, alsoIn: [...entry.alsoIn, ...new Set(extra)] } : entry];
  });
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
