import { addDays, type DatePrecision } from '../articles/dates.js';
import type { Corpus } from '../corpus/corpus.js';
import { UserFacingError } from '../errors.js';
import type { WordSet } from '../text/word-list.js';
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
  /** Verbatim sentence, or the clause of it that tells this development when its clauses tell several days'. */
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
  const selected = filtered(corpus, options).map(copyOf);
  const limit = options.limit;
  const since = options.since?.trim();
  const until = options.until?.trim();
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
  const all = filtered(corpus, rest);
  if (all.length <= limit) return { entries: all.map(copyOf), total: all.length };
  if (rest.since?.trim() && !rest.until?.trim()) return { entries: all.slice(0, limit).map(copyOf), total: all.length };
  const weight = (entry: MergedEntry, i: number) =>
    (i === 0 || i === all.length - 1 ? Number.POSITIVE_INFINITY : 0) +
    entry.alsoIn.length +
    (entry.entry.when === null ? 0.5 : 0);
  // The `limit` heaviest in one pass (ties to the later entry): sorting every entry cost more than the rest of a call.
  const kept: { i: number; weight: number }[] = [];
  const lighter = (a: { i: number; weight: number }, b: { i: number; weight: number }) =>
    a.weight < b.weight || (a.weight === b.weight && a.i < b.i);
  for (let i = 0; i < all.length; i++) {
    const candidate = { i, weight: weight(all[i]!, i) };
    if (kept.length < limit) kept.push(candidate);
    else {
      let lightest = 0;
      for (let k = 1; k < kept.length; k++) if (lighter(kept[k]!, kept[lightest]!)) lightest = k;
      if (lighter(kept[lightest]!, candidate)) kept[lightest] = candidate;
    }
  }
  kept.sort((a, b) => a.i - b.i);
  return { entries: kept.map(({ i }) => copyOf(all[i]!)), total: all.length };
}

/** The merged entries in range and about the topic, in date order; shared with the cache, not copied. */
function filtered(corpus: Corpus, options: TimelineOptions): MergedEntry[] {
  const since = checkDay('since', options.since);
  const until = checkDay('until', options.until);
  const matches = options.about?.trim() ? aboutMatcher(options.about) : null;
  const selected: MergedEntry[] = [];
  for (const merged of mergedTimeline(corpus)) {
    const { entry, article, stems } = merged;
    if (since && entry.date < since) continue;
    if (until && entry.date > until) continue;
    if (matches && !matches({ stems, article })) continue;
    selected.push(merged);
  }
  return selected;
}

/** An entry callers may change without changing the cache. */
function copyOf({ entry, alsoIn }: MergedEntry): TimelineEntry {
  return { ...entry, alsoIn: [...alsoIn] };
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
    .flatMap((article) =>
      developmentsOf(article, corpus.analysis(article.id)?.dates).map(
        (development) => redated.get(development) ?? development,
      ),
    )
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
  const all = corpus.articles().flatMap((article) => developmentsOf(article, corpus.analysis(article.id)?.dates));
  const isCandidate = ({ entry, article }: Development) =>
    entry.when === null &&
    !entry.expected &&
    article.date !== null &&
    entry.date === article.date &&
    TOLD_IN_PAST.test(entry.text) &&
    !TOLD_IN_PRESENT.test(entry.text);
  const leads = all.filter(isCandidate);
  // Only the days before a candidate lead's are indexed.
  const daysBefore = new Set(leads.map((lead) => addDays(lead.article.date!, -1)));
  const dated = new DayIndex<Development>();
  for (const development of all) {
    const { entry } = development;
    if (entry.when !== null && !entry.expected && daysBefore.has(entry.date)) dated.add(entry.date, development);
  }
  const redated = new Map<Development, Development>();
  for (const lead of leads) {
    const { entry, article } = lead;
    const dayBefore = addDays(article.date!, -1);
    const match = dated.holding(dayBefore, lead.content, MIN_SAME_EVENT_SHARE, (report) => report.article !== article);
    if (match) redated.set(lead, { ...lead, entry: { ...entry, date: dayBefore } });
  }
  return redated;
}

/** Past this many items of a day holding a word, the word is too common to find a match by. */
const MAX_DAY_POSTING = 500;

/**
 * Developments of each day by their content words, to find one holding a share of some words
 * without comparing every pair (a day of a large corpus has thousands of developments).
 */
class DayIndex<T extends { readonly content: WordSet }> {
  private readonly days = new Map<string, Map<string, T[]>>();

  add(date: string, item: T): void {
    let day = this.days.get(date);
    if (!day) {
      day = new Map();
      this.days.set(date, day);
    }
    for (const word of item.content) {
      const list = day.get(word);
      if (list) list.push(item);
      else day.set(word, [item]);
    }
  }

  /** The first item of `date` (in the order added) holding `share` of `words` that `accept` takes. */
  holding(date: string, words: WordSet, share: number, accept: (item: T) => boolean): T | undefined {
    const day = this.days.get(date);
    if (!day || words.size === 0) return undefined;
    const seen = new Set<T>();
    let best: { item: T; order: number } | undefined;
    for (const word of words) {
      const list = day.get(word);
      if (!list || list.length > MAX_DAY_POSTING) continue;
      list.forEach((item, order) => {
        if (seen.has(item) || (best && best.order <= order)) return;
        seen.add(item);
        if (!accept(item)) return;
        let shared = 0;
        for (const other of words) if (item.content.has(other)) shared++;
        if (shared / words.size >= share) best = { item, order };
      });
    }
    return best?.item;
  }
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
  const reports = new DayIndex<{ content: WordSet; j: number }>();
  // Only the days something was scheduled for are indexed.
  const scheduledDays = new Set(entries.flatMap((entry) => (entry.entry.expected ? [entry.entry.date] : [])));
  entries.forEach((report, j) => {
    if (!report.entry.expected && scheduledDays.has(report.entry.date)) {
      reports.add(report.entry.date, { content: report.content, j });
    }
  });
  entries.forEach((scheduled, i) => {
    if (!scheduled.entry.expected) return;
    const report = reports.holding(scheduled.entry.date, scheduled.content, MIN_HAPPENED_SHARE, () => true);
    if (!report) return;
    dropped.add(i);
    folded.set(report.j, [...(folded.get(report.j) ?? []), scheduled.entry.articleId, ...scheduled.alsoIn]);
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
