import { addDays } from '../articles/dates.js';
import type { Article } from '../articles/types.js';
import type { Corpus } from '../corpus/corpus.js';
import type { WordList } from '../text/word-list.js';
import { type Development, development, developmentsOf } from './developments.js';
import { mergeDuplicates } from './merge-duplicates.js';

/**
 * A kept development with the articles that repeated it, oldest first: the development itself when
 * none did (most of a corpus's), so that only repeated ones cost an object more (see `alsoInOf`).
 */
export interface MergedEntry extends Development {
  readonly alsoIn?: readonly string[];
}

/** The articles that repeated a merged entry's development. */
export function alsoInOf(entry: MergedEntry): readonly string[] {
  return entry.alsoIn ?? NONE;
}

const NONE: readonly string[] = [];

/**
 * What one corpus's timeline was built from, kept so that a change re-merges only the days it
 * touches. Every step of the merge works within one day (duplicates, scheduled events overtaken)
 * or between a day and the one before (leads redated), so a day's entries depend only on the
 * developments of that day and the next.
 */
interface TimelineState {
  version: string;
  /** Ids of the articles added or removed since the last build; null before the first. */
  changed: Set<string> | null;
  /** The articles merged, by id, with their developments. */
  readonly articles: Map<string, { article: Article; developments: readonly Development[] }>;
  /** Developments by the day their article dates them (before a lead is redated). */
  readonly byDay: Map<string, Development[]>;
  /** Leads dated the day before (see `sameEventTheDayBefore`), by the development as first dated. */
  readonly redated: Map<Development, Development>;
  /** Each day's merged entries, in order. */
  readonly merged: Map<string, MergedEntry[]>;
  entries: MergedEntry[];
}

/** Keyed by the corpus so separate corpora (tests, benchmarks) never share state. */
const timelines = new WeakMap<Corpus, TimelineState>();

/**
 * The dated developments across all articles, by date then by the date of the reporting article,
 * each development once (the earliest article's sentence). Built once per corpus version; after a
 * change only the days its articles' developments fall on (and the day before) are merged again.
 */
export function mergedTimeline(corpus: Corpus): MergedEntry[] {
  let state = timelines.get(corpus);
  if (state?.version === corpus.version) return state.entries;
  if (!state) {
    const created: TimelineState = {
      version: '',
      changed: null,
      articles: new Map(),
      byDay: new Map(),
      redated: new Map(),
      merged: new Map(),
      entries: [],
    };
    corpus.onChange(({ added, removed }) => {
      for (const article of [...added, ...removed]) created.changed?.add(article.id);
    });
    timelines.set(corpus, created);
    state = created;
  }
  try {
    update(state, corpus);
  } catch (err) {
    // A change half applied would leave days merged from mixed versions: start over next time.
    forget(state);
    throw err;
  }
  return state.entries;
}

/** Back to nothing merged, so that the next call builds every day afresh. */
function forget(state: TimelineState): void {
  state.version = '';
  state.changed = null;
  state.articles.clear();
  state.byDay.clear();
  state.redated.clear();
  state.merged.clear();
  state.entries = [];
}

function update(state: TimelineState, corpus: Corpus): void {
  const changed = state.changed ?? corpus.articles().map((article) => article.id);
  state.changed = new Set();
  /** Days whose entries are merged again, and days whose leads are read again. */
  const days = new Set<string>();
  const leadDays = new Set<string>();
  const touch = (development: Development) => {
    const { date } = development;
    days.add(date);
    if (isRedatable(development)) leadDays.add(date);
    if (isDatedReport(development)) leadDays.add(addDays(date, 1));
  };

  const removed = new Set<Article>();
  for (const id of changed) {
    const kept = state.articles.get(id);
    if (!kept || corpus.get(id) === kept.article) continue;
    const { article, developments } = kept;
    removed.add(article);
    state.articles.delete(id);
    for (const development of developments) {
      touch(development);
      const redated = state.redated.get(development);
      if (redated) days.add(redated.date);
      state.redated.delete(development);
    }
  }
  for (const day of days) {
    const kept = state.byDay.get(day)?.filter((development) => !removed.has(development.article)) ?? [];
    if (kept.length) state.byDay.set(day, kept);
    else state.byDay.delete(day);
  }
  for (const id of changed) {
    const article = corpus.get(id);
    if (!article || state.articles.get(id)?.article === article) continue;
    const developments = developmentsOf(article, corpus.analysisOnce(article.id)?.dates);
    state.articles.set(article.id, { article, developments });
    for (const development of developments) {
      touch(development);
      const day = state.byDay.get(development.date);
      if (day) day.push(development);
      else state.byDay.set(development.date, [development]);
    }
  }

  for (const day of leadDays) {
    const leads = (state.byDay.get(day) ?? []).filter(isRedatable);
    const redatable = leads.length ? sameEventTheDayBefore(state.byDay, day, leads) : new Set<Development>();
    for (const lead of leads) {
      const wasRedated = state.redated.has(lead);
      if (wasRedated === redatable.has(lead)) continue;
      if (wasRedated) state.redated.delete(lead);
      else state.redated.set(lead, development(lead, addDays(day, -1), lead));
      days.add(day);
      days.add(addDays(day, -1));
    }
  }

  // `corpus.articles()` is oldest first with a stable tie-break, so its position orders reports.
  const position = new Map(corpus.articles().map((article, i) => [article.id, i]));
  for (const day of days) {
    const merged = mergeDay(dayDevelopments(state, day, position));
    if (merged.length) state.merged.set(day, merged);
    else state.merged.delete(day);
  }
  if (days.size) {
    const entries: MergedEntry[] = [];
    for (const day of [...state.merged.keys()].sort()) for (const entry of state.merged.get(day)!) entries.push(entry);
    state.entries = entries;
  }
  state.version = corpus.version;
}

/** The developments dated `day` once leads are redated, in the order reports are kept. */
function dayDevelopments(state: TimelineState, day: string, position: ReadonlyMap<string, number>): Development[] {
  const own = (state.byDay.get(day) ?? []).filter((development) => !state.redated.has(development));
  const redatedFromNextDay = (state.byDay.get(addDays(day, 1)) ?? []).flatMap((development) => {
    const redated = state.redated.get(development);
    return redated ? [redated] : [];
  });
  return [...own, ...redatedFromNextDay].sort(
    (a, b) =>
      // A report that it happened is kept over the earlier announcement that it would.
      Number(a.expected) - Number(b.expected) ||
      position.get(a.article.id)! - position.get(b.article.id)! ||
      a.sentence - b.sentence,
  );
}

function mergeDay(developments: Development[]): MergedEntry[] {
  return foldOvertaken(mergeReports(developments));
}

/** Keeps the first report of each development and notes the other articles that repeated it. */
function mergeReports(developments: Development[]): MergedEntry[] {
  const target = mergeDuplicates(developments.map(({ date, content }) => ({ date, words: content })));
  const repeats = new Map<number, string[]>();
  developments.forEach((development, i) => {
    const into = target[i]!;
    if (into === i) return;
    const articleIds = repeats.get(into) ?? [];
    const articleId = development.article.id;
    if (articleId !== developments[into]!.article.id && !articleIds.includes(articleId)) articleIds.push(articleId);
    repeats.set(into, articleIds);
  });
  return developments.flatMap((development, i) =>
    target[i] === i ? [mergedEntry(development, repeats.get(i) ?? [])] : [],
  );
}

/**
 * The development with the articles that repeated it, written out property by property: spreading
 * a development (`{ ...development, alsoIn }`) gave each of a corpus's entries a hidden class of its
 * own, about 200 bytes apiece.
 */
function mergedEntry(development: Development, alsoIn: readonly string[]): MergedEntry {
  if (!alsoIn.length) return development;
  const { article, date, sentence, start, end, when, precision, until, expected, content, eventWords, toldInPast } =
    development;
  return {
    article,
    date,
    sentence,
    start,
    end,
    when,
    precision,
    until,
    expected,
    content,
    eventWords,
    toldInPast,
    alsoIn,
  };
}

/** Share of a next-day lead's words the earlier day's dated report must hold for the lead to be about it. */
const MIN_SAME_EVENT_SHARE = 0.4;
/** A lead dated only by its article, telling in the past tense what happened: it may be redated. */
function isRedatable({ when, expected, date, article, toldInPast }: Development): boolean {
  return when === null && !expected && article.date !== null && date === article.date && toldInPast;
}

/** A development dated by its own words, reported as done: what a lead of the next day may be about. */
function isDatedReport({ when, expected }: Development): boolean {
  return when !== null && !expected;
}

/**
 * The leads of `day` telling in the past tense an event that another article dates to the day
 * before ("held a briefing after a meeting at the White House", the meeting dated "on Monday"
 * elsewhere): the report's date is not the event's, so they take the event's day.
 */
function sameEventTheDayBefore(
  byDay: ReadonlyMap<string, readonly Development[]>,
  day: string,
  leads: readonly Development[],
): Set<Development> {
  const dayBefore = addDays(day, -1);
  const dated = new DayIndex<Development>();
  for (const development of byDay.get(dayBefore) ?? []) {
    if (isDatedReport(development)) dated.add(dayBefore, development);
  }
  return new Set(
    leads.filter((lead) =>
      dated.holding(dayBefore, lead.content, MIN_SAME_EVENT_SHARE, (report) => report.article !== lead.article),
    ),
  );
}

/** Past this many items of a day holding a word, the word is too common to find a match by. */
const MAX_DAY_POSTING = 500;

/**
 * Developments of each day by their content words, to find one holding a share of some words
 * without comparing every pair (a day of a large corpus has thousands of developments).
 */
class DayIndex<T extends { readonly content: WordList }> {
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
  holding(date: string, words: WordList, share: number, accept: (item: T) => boolean): T | undefined {
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
        if (words.sharedWith(item.content) / words.size >= share) best = { item, order };
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
  const reports = new DayIndex<{ content: WordList; j: number }>();
  const scheduledDays = new Set(entries.flatMap((entry) => (entry.expected ? [entry.date] : [])));
  if (!scheduledDays.size) return entries;
  entries.forEach((report, j) => {
    if (!report.expected && scheduledDays.has(report.date)) reports.add(report.date, { content: report.eventWords, j });
  });
  entries.forEach((scheduled, i) => {
    if (!scheduled.expected) return;
    const report = reports.holding(scheduled.date, scheduled.eventWords, MIN_HAPPENED_SHARE, () => true);
    if (!report) return;
    dropped.add(i);
    folded.set(report.j, [...(folded.get(report.j) ?? []), scheduled.article.id, ...alsoInOf(scheduled)]);
  });
  if (!dropped.size) return entries;
  return entries.flatMap((entry, i) => {
    if (dropped.has(i)) return [];
    const alsoIn = alsoInOf(entry);
    const extra = (folded.get(i) ?? []).filter((id) => id !== entry.article.id && !alsoIn.includes(id));
    return [extra.length ? mergedEntry(entry, [...alsoIn, ...new Set(extra)]) : entry];
  });
}
