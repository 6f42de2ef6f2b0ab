import type { DatePrecision } from '../articles/dates.js';
import type { Article } from '../articles/types.js';
import { textOnce } from '../corpus/article-store.js';
import type { Corpus } from '../corpus/corpus.js';
import { UserFacingError } from '../errors.js';
import { aboutMatcher } from './about-filter.js';
import { developmentText, entryOf } from './developments.js';
import { alsoInOf, type MergedEntry, mergedTimeline } from './merged-timeline.js';

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

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The dated developments across all articles, by date then by the date of the reporting article:
 * one entry per sentence, each development once (the earliest article's sentence).
 */
export function buildTimeline(corpus: Corpus, options: TimelineOptions = {}): TimelineEntry[] {
  const selected = filtered(corpus, options);
  const limit = options.limit;
  const since = options.since?.trim();
  const until = options.until?.trim();
  if (limit === undefined) return copiesOf(selected);
  if (!Number.isInteger(limit) || limit < 0) throw new UserFacingError('The limit must be a whole number of entries.');
  // Cut before copying: a copy of every entry costs more than the rest of a cached call.
  if (since && !until) return copiesOf(selected.slice(0, limit));
  return limit === 0 ? [] : copiesOf(selected.slice(-limit));
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
  if (all.length <= limit) return { entries: copiesOf(all), total: all.length };
  if (rest.since?.trim() && !rest.until?.trim()) return { entries: copiesOf(all.slice(0, limit)), total: all.length };
  const weight = (entry: MergedEntry, i: number) =>
    (i === 0 || i === all.length - 1 ? Number.POSITIVE_INFINITY : 0) +
    alsoInOf(entry).length +
    (entry.when === null ? 0.5 : 0);
  // The `limit` heaviest in one pass (ties to the later entry): sorting every entry cost more than the
  // rest of a call. The lightest kept is looked for again only when it is replaced.
  const kept: { i: number; weight: number }[] = [];
  const lighter = (a: { i: number; weight: number }, b: { i: number; weight: number }) =>
    a.weight < b.weight || (a.weight === b.weight && a.i < b.i);
  const findLightest = () => {
    let lightest = 0;
    for (let k = 1; k < kept.length; k++) if (lighter(kept[k]!, kept[lightest]!)) lightest = k;
    return lightest;
  };
  let lightest = 0;
  for (let i = 0; i < all.length; i++) {
    const candidate = { i, weight: weight(all[i]!, i) };
    if (kept.length < limit) {
      kept.push(candidate);
      if (kept.length === limit) lightest = findLightest();
    } else if (lighter(kept[lightest]!, candidate)) {
      kept[lightest] = candidate;
      lightest = findLightest();
    }
  }
  kept.sort((a, b) => a.i - b.i);
  return { entries: copiesOf(kept.map(({ i }) => all[i]!)), total: all.length };
}

/** The merged entries in range and about the topic, in date order; shared with the cache, not copied. */
function filtered(corpus: Corpus, options: TimelineOptions): MergedEntry[] {
  const since = checkDay('since', options.since);
  const until = checkDay('until', options.until);
  const matches = options.about?.trim() ? aboutMatcher(options.about, corpus) : null;
  const entries = mergedTimeline(corpus);
  const inRange = ({ date }: MergedEntry) => !(since && date < since) && !(until && date > until);
  if (!matches) return entries.filter(inRange);
  // Which entries hold each stem the topic asks about, from the timeline's stem index.
  const index = stemIndexOf(entries);
  const holders = new Map(matches.stems.map((stem) => [stem, new Set(index.get(stem))] as const));
  // A matching entry holds the topic's first stem or its last (see `aboutMatcher`).
  const candidates = new Set([...holders.get(matches.stems[0]!)!, ...holders.get(matches.stems.at(-1)!)!]);
  const selected: MergedEntry[] = [];
  for (const i of [...candidates].sort((a, b) => a - b)) {
    const merged = entries[i]!;
    const holds = (stem: string) => holders.get(stem)?.has(i) ?? false;
    if (inRange(merged) && matches({ holds, article: merged.article })) selected.push(merged);
  }
  return selected;
}

/** Entry positions by stem, per merged timeline (a new array per corpus version): built on the first `about:`. */
const stemIndexes = new WeakMap<readonly MergedEntry[], Map<string, number[]>>();

/**
 * Which entries (by position) hold a content word of each stem; built once per timeline version,
 * from the stems each development keeps (`aboutMatcher` asks for content words only).
 */
function stemIndexOf(entries: readonly MergedEntry[]): Map<string, number[]> {
  let index = stemIndexes.get(entries);
  if (!index) {
    index = new Map();
    for (let i = 0; i < entries.length; i++) {
      for (const stem of entries[i]!.content) {
        const positions = index.get(stem);
        if (positions) positions.push(i);
        else index.set(stem, [i]);
      }
    }
    stemIndexes.set(entries, index);
  }
  return index;
}

/**
 * Entries callers may change without changing the cache, with their text read again: once per
 * article, as the lines of one article's sentences often sit side by side.
 */
function copiesOf(entries: readonly MergedEntry[]): TimelineEntry[] {
  const texts = new Map<Article, string>();
  return entries.map((merged) => {
    let text = texts.get(merged.article);
    if (text === undefined) {
      text = textOnce(merged.article);
      texts.set(merged.article, text);
    }
    return { ...entryOf(merged), text: developmentText(merged, text), alsoIn: [...alsoInOf(merged)] };
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
