import type * as chrono from 'chrono-node';
import { dateReader } from './date-reader.js';
import type { Article, TextSpan } from './types.js';

/** How finely a mention pins its day: `date` is the day, the Monday of the week, or the 1st of the month. */
export type DatePrecision = 'day' | 'week' | 'month';

/** A date expression in an article's text, resolved to a calendar day. */
export interface DateMention extends TextSpan {
  /** The phrase verbatim: `article.text.slice(start, end)` ("on Wednesday", "Aug. 15"). */
  text: string;
  /** YYYY-MM-DD: the day, or the first day of the week or month it names. */
  date: string;
  precision: DatePrecision;
  /** Last day of an open window ("within a week", "in the coming days"); absent for a point in time. */
  until?: string;
  /** True when the phrase leaves the year (or more) to be read from the article's date. */
  relative: boolean;
}

/** A sentence that mentions at least one date, with its mentions in text order. */
export interface DatedSentence {
  sentence: number;
  mentions: DateMention[];
}

/** Words either side of a date phrase that are read for its tense; news clauses are short. */
const TENSE_WINDOW_WORDS = 6;

/**
 * Phrases chrono reads as dates that are not a development's day: durations ("for 20 years"), spans
 * anchored on another event ("a week after", "two days later"), times of day, "now", and open windows
 * (handled by `findWindows` instead, with the article's date as their start).
 */
const NOT_A_DAY =
  /^(?:for|over|during|within|in the (?:days?|weeks?|months?))\b|\b(?:after|later|earlier|before|prior|from now)$|\b(?:hours?|minutes?|seconds?)\b|^(?:right )?now$|^(?:day one|one day)$/i;

const THIS_PART_OF_DAY = /^(?:this (?:morning|afternoon|evening)|tonight)$/i;

/** A bare month name is a date only after words like these: "in July", "since March", "mid-August". */
const MONTH_LEAD =
  /(?:^|[\s(])(?:in|since|by|until|till|through|during|from|of|early|mid|late|last|next|this|before|after|between|and|or|to|on)[\s-]+$/i;

/** Open windows counted from the article's date. chrono has no reading of "in the coming days". */
const WITHIN =
  /\bwithin (?:the next )?(?:(a|an|one|two|three|four|five|six|seven|eight|nine|ten|a few|few|several|\d+) )?(days?|weeks?|months?)\b/gi;
const COMING =
  /\b(?:in|over|during) the (?:(?:coming|next)(?: (?:few|several|two|three|\d+))? (days?|weeks?|months?)(?: (?:and|or) (?:days|weeks|months))?(?: (?:ahead|to come))?|(days|weeks|months)(?: (?:and|or) (?:days|weeks|months))? (?:ahead|to come))\b/gi;

// biome-ignore format: a word list reads better packed
const COUNTS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  few: 3, 'a few': 3, several: 3,
};

// biome-ignore format: a word list reads better packed
const FUTURE_WORDS = new Set([
  'will', 'shall', 'would', 'could', 'might', 'going', 'expected', 'expects', 'scheduled', 'plans',
  'planned', 'planning', 'due', 'upcoming', 'coming', 'ahead', 'hopes', 'hoping', 'intends', 'aims',
  'tomorrow', 'next', 'won\'t', 'wouldn\'t', 'later',
]);
// biome-ignore format: a word list reads better packed
const PAST_WORDS = new Set([
  'was', 'were', 'had', 'did', 'said', 'told', 'met', 'made', 'took', 'spoke', 'came', 'went', 'held',
  'gave', 'saw', 'began', 'wrote', 'sent', 'left', 'got', 'flew', 'became', 'brought', 'thought',
  'kept', 'led', 'won', 'lost', 'struck', 'paid', 'rose', 'fell', 'spent', 'sought', 'built', 'heard',
  'chose', 'broke', 'fought', 'caught', 'bought', 'sold', 'split', 'ago', 'earlier', 'yesterday',
]);
/** ", officials said." ends a sentence with when it was reported, not when the event happens. */
const ATTRIBUTION_TAIL = /,\s*(?:[\p{L}'’.-]+\s+){0,4}(?:said|says|told|added|announced|reported|according)\b.*$/su;
/** Verbs whose infinitive before a weekday signals a plan ("agreed to meet on Friday"). */
// biome-ignore format: a word list reads better packed
const PLAN_VERBS = new Set([
  'meet', 'visit', 'hold', 'travel', 'sign', 'attend', 'announce', 'talk', 'speak', 'discuss', 'vote',
  'host', 'join', 'return', 'begin', 'start', 'resume', 'fly', 'arrive', 'decide', 'continue', 'take',
]);

/**
 * Cheap test for the words every kept reading needs (a weekday, a month, a day word, a time unit or
 * a numeric date); chrono runs a score of patterns per call, so most sentences are skipped.
 */
const MAY_HOLD_DATE =
  /\b(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|today|tonight|yesterday|tomorrow|morning|afternoon|evening|night|days?|weeks?|weekend|months?|years?|ago)\b|\d[/-]\d/i;

/**
 * The sentences of an article that carry a date, each date resolved against the article's own date
 * (undated articles keep only dates stated in full). Read once per article by `analyseArticle` and
 * stored with its analysis, which is where the timeline takes them from (see `developmentsOf`).
 */
export function findDatedEvents(article: Article): DatedSentence[] {
  const dated: DatedSentence[] = [];
  for (const sentence of article.sentences) {
    const mentions = findDateMentions(sentence.text, article.date, sentence.start);
    if (mentions.length) dated.push({ sentence: sentence.index, mentions });
  }
  return dated;
}

/**
 * The date mentions of one sentence, in order, with offsets shifted by `offset` (the sentence's
 * start in its article). The sentence is the context read for tense.
 */
export function findDateMentions(sentence: string, articleDate: string | null, offset = 0): DateMention[] {
  if (!MAY_HOLD_DATE.test(sentence)) return [];
  const windows = articleDate ? findWindows(sentence, articleDate) : [];
  const reference = { instant: new Date(`${articleDate ?? '2000-01-01'}T12:00:00Z`), timezone: 'UTC' };
  const mentions = [...windows];
  for (const result of dateReader.parse(sentence, reference)) {
    const overlapsWindow = windows.some((w) => result.index < w.end && w.start < result.index + result.text.length);
    if (overlapsWindow) continue;
    const mention = readResult(result, sentence, articleDate);
    if (mention) mentions.push(mention);
  }
  return mentions
    .sort((a, b) => a.start - b.start)
    .map((mention) => ({ ...mention, start: mention.start + offset, end: mention.end + offset }));
}

function findWindows(text: string, articleDate: string): DateMention[] {
  const windows: DateMention[] = [];
  for (const match of text.matchAll(WITHIN)) {
    const unit = match[2]!;
    // "Within days" without a count means a few of them.
    const count = match[1] ? (COUNTS[match[1].toLowerCase()] ?? Number(match[1])) : /s$/i.test(unit) ? 3 : 1;
    const days = unitDays(unit) * count;
    windows.push(windowMention(match, articleDate, addDays(articleDate, days), unit));
  }
  for (const match of text.matchAll(COMING)) {
    const unit = match[1] ?? match[2]!;
    // "The coming days" start tomorrow; without a count, a unit's worth of them (days read as a week).
    const span = /day/i.test(unit) ? 7 : unitDays(unit) * 3;
    windows.push(windowMention(match, addDays(articleDate, 1), addDays(articleDate, span), unit));
  }
  return windows;
}

function windowMention(match: RegExpExecArray, date: string, until: string, unit: string): DateMention {
  const precision: DatePrecision = /month/i.test(unit) ? 'month' : 'week';
  const start = match.index;
  return { start, end: start + match[0].length, text: match[0], date, until, precision, relative: true };
}

function unitDays(unit: string): number {
  if (/month/i.test(unit)) return 30;
  return /week/i.test(unit) ? 7 : 1;
}

function readResult(result: chrono.ParsedResult, text: string, articleDate: string | null): DateMention | null {
  const phrase = result.text.replace(/[\s,.;:]+$/, '');
  const start = result.index;
  const end = start + phrase.length;
  if (!phrase || NOT_A_DAY.test(phrase)) return null;
  const parts = result.start;
  const tags = result.tags();
  const yearStated = parts.isCertain('year') && /\d{4}/.test(phrase);
  // "9/11", "24/7" and "10/10" are slashes, not dates, unless a year pins them down.
  if (tags.has('parser/SlashDateFormatParser') && !yearStated) return null;
  const base = { start, end, text: text.slice(start, end), relative: !yearStated };
  if (!articleDate) {
    if (!yearStated || !parts.isCertain('month')) return null;
    const date = isoOf(parts.get('year')!, parts.get('month')!, parts.get('day') ?? 1);
    return { ...base, date, precision: parts.isCertain('day') ? 'day' : 'month' };
  }
  const chronoDay = isoOf(parts.get('year')!, parts.get('month')!, parts.get('day')!);
  const lower = phrase.toLowerCase();
  if (/\bweekend\b/.test(lower))
    return { ...base, date: resolveWeekend(lower, articleDate, chronoDay), precision: 'week' };
  if (/\bweeks?\b/.test(lower)) return { ...base, date: resolveWeek(lower, articleDate, chronoDay), precision: 'week' };
  if (/\bmonths?\b/.test(lower) && !/\bend of\b/.test(lower)) {
    return { ...base, date: `${chronoDay.slice(0, 7)}-01`, precision: 'month' };
  }
  if (parts.isCertain('day')) {
    // "USA Today" is a newspaper: a casual day word is a date only in lower case or opening a sentence.
    if (/^(?:today|tonight|yesterday|tomorrow)$/i.test(phrase) && /^[A-Z]/.test(phrase) && start !== 0) {
      return null;
    }
    return { ...base, date: chronoDay, precision: 'day' };
  }
  const future = isFutureTense(text, start, end);
  if (parts.isCertain('weekday')) {
    const date = resolveWeekday(lower, parts.get('weekday')!, articleDate, chronoDay, future);
    return { ...base, date, precision: 'day' };
  }
  // "this morning", "this evening": a part of the article's own day ("late-night" alone is no day).
  if (THIS_PART_OF_DAY.test(phrase)) return { ...base, date: articleDate, precision: 'day' };
  if (parts.isCertain('month')) {
    if (yearStated) return { ...base, date: `${chronoDay.slice(0, 7)}-01`, precision: 'month' };
    if (!MONTH_LEAD.test(text.slice(Math.max(0, start - 12), start))) return null;
    return { ...base, date: resolveMonth(parts.get('month')!, articleDate, future), precision: 'month' };
  }
  return null;
}

/**
 * News reports in the past tense: a bare weekday is the latest one on or before the article's date,
 * unless the clause speaks of the future ("will meet on Friday"), when it is the next one.
 */
function resolveWeekday(
  phrase: string,
  weekday: number,
  articleDate: string,
  chronoDay: string,
  future: boolean,
): string {
  const today = weekdayOf(articleDate);
  const back = (today - weekday + 7) % 7;
  const ahead = (weekday - today + 7) % 7;
  if (/\b(?:last|past|previous)\b/.test(phrase)) return addDays(articleDate, -(back || 7));
  if (/\bnext\b/.test(phrase)) return chronoDay;
  if (/\b(?:this|coming)\b/.test(phrase) || future) return addDays(articleDate, ahead);
  return addDays(articleDate, -back);
}

function resolveWeek(phrase: string, articleDate: string, chronoDay: string): string {
  const monday = mondayOf(articleDate);
  if (/\bthis\b/.test(phrase)) return monday;
  if (/\b(?:last|past|previous)\b/.test(phrase)) return addDays(monday, -7);
  if (/\bnext\b/.test(phrase)) return addDays(monday, 7);
  return mondayOf(chronoDay);
}

/** A weekend is named by its Saturday; on a Sunday, "this weekend" is the one under way. */
function resolveWeekend(phrase: string, articleDate: string, chronoDay: string): string {
  const today = weekdayOf(articleDate);
  const thisSaturday = addDays(articleDate, today === 0 ? -1 : 6 - today);
  if (/\b(?:last|past|previous)\b/.test(phrase)) return addDays(thisSaturday, -7);
  if (/\bnext\b/.test(phrase)) return chronoDay > thisSaturday ? chronoDay : addDays(thisSaturday, 7);
  return thisSaturday;
}

/** A month without a year is the latest such month up to the article's, or the next one in the future tense. */
function resolveMonth(month: number, articleDate: string, future: boolean): string {
  const year = Number(articleDate.slice(0, 4));
  const current = Number(articleDate.slice(5, 7));
  if (future) return isoOf(month >= current ? year : year + 1, month, 1);
  return isoOf(month <= current ? year : year - 1, month, 1);
}

/** The nearest tense marker to the phrase within its sentence decides; none means past (news style). */
function isFutureTense(text: string, start: number, end: number): boolean {
  const before = words(text.slice(0, start)).slice(-TENSE_WINDOW_WORDS).reverse();
  const after = words(text.slice(end).replace(ATTRIBUTION_TAIL, '')).slice(0, TENSE_WINDOW_WORDS);
  for (let i = 0; i < TENSE_WINDOW_WORDS; i += 1) {
    // Read backwards, `before[i - 1]` is the word that follows `before[i]` in the text.
    const left = before[i];
    if (left !== undefined && isFutureMarker(left, before[i - 1], true)) return true;
    if (left !== undefined && isPastMarker(left)) return false;
    const right = after[i];
    if (right !== undefined && isFutureMarker(right, after[i + 1], false)) return true;
    if (right !== undefined && isPastMarker(right)) return false;
  }
  return false;
}

/**
 * `next` is the word that follows `word` in the text. An infinitive of plan ("agreed to meet on
 * Friday") counts only before the phrase: after it, it is a purpose ("flew in on Monday to meet").
 */
function isFutureMarker(word: string, next: string | undefined, infinitive: boolean): boolean {
  const lower = word.toLowerCase();
  if (FUTURE_WORDS.has(lower) || /['’]ll$/.test(lower)) return true;
  const following = next?.toLowerCase();
  if (lower === 'set' && following === 'to') return true;
  return infinitive && lower === 'to' && following !== undefined && PLAN_VERBS.has(following);
}

function isPastMarker(word: string): boolean {
  const lower = word.toLowerCase();
  if (PAST_WORDS.has(lower)) return true;
  // Regular past forms; capitalised words ("United") and "-eed" words ("need") are not verbs in the past.
  return /^[a-z]{3,}ed$/.test(word) && !lower.endsWith('eed');
}

function words(text: string): string[] {
  return text.match(/[\p{L}'’]+/gu) ?? [];
}

function isoOf(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

function weekdayOf(iso: string): number {
  return new Date(`${iso}T00:00:00Z`).getUTCDay();
}

function mondayOf(iso: string): string {
  return addDays(iso, -((weekdayOf(iso) + 6) % 7));
}
