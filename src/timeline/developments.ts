import { type DatedSentence, type DateMention, type DatePrecision, findDatedEvents } from '../articles/dates.js';
import type { Article, Sentence } from '../articles/types.js';
import { sentencesOnce, textOnce } from '../corpus/article-store.js';
import { CLAUSE_BREAK } from '../text/clauses.js';
import { baseOfIrregular } from '../text/irregular-verbs.js';
import { sharedWord } from '../text/shared-words.js';
import { isStopword } from '../text/stopwords.js';
import { stemOf, tokenizeWords } from '../text/tokens.js';
import { WordList } from '../text/word-list.js';
import type { TimelineEntry } from './build-timeline.js';

/** Where a development is told and when it happened: a timeline entry without its text (`developmentText`). */
export type DevelopmentEntry = Omit<TimelineEntry, 'text' | 'alsoIn'>;

/**
 * A development: where it is told and when it happened, with what the timeline filters and merges
 * on, worked out from its text when the article is read. The text itself is not kept (it was two
 * fifths of the timeline's memory) but read again for the few entries shown. Kept for every dated
 * sentence of the corpus, as one object of fixed shape (`development`): a development and its
 * entry as two objects cost a third more. Shared by every build: never mutated.
 */
export interface Development {
  readonly article: Article;
  /** The day the development happened (or is expected), YYYY-MM-DD. */
  readonly date: string;
  readonly sentence: number;
  /** The development's offsets in the article's text. */
  readonly start: number;
  readonly end: number;
  /** The words that dated it, or null when it is the article's date (see `TimelineEntry`). */
  readonly when: string | null;
  readonly precision: DatePrecision;
  /** Last day of an open window, or null. */
  readonly until: string | null;
  /** Dated after the article that reports it. */
  readonly expected: boolean;
  /** Stems of the content words, for spotting the same development told twice. */
  readonly content: WordList;
  /**
   * The content stems with irregular verbs read as their base ("met" as "meet"), so a report of
   * what happened is matched with the plan it fulfils; `content` itself when that changes none.
   */
  readonly eventWords: WordList;
  /** Told in the past tense ("was", "met", "…ed"), not the present or future ("says", "will"). */
  readonly toldInPast: boolean;
}

/**
 * A development told where `placed` says, on `date`, with every field written out in one order so
 * that all share one hidden class (and no object is spread to make one).
 */
export function development(
  placed: Placed,
  date: string,
  { content, eventWords, toldInPast }: Pick<Development, 'content' | 'eventWords' | 'toldInPast'>,
): Development {
  const { article, sentence, start, end, when, precision, until, expected } = placed;
  return { article, date, sentence, start, end, when, precision, until, expected, content, eventWords, toldInPast };
}

/** The development's timeline entry, without its text: made for the entries shown. */
export function entryOf(development: Development): DevelopmentEntry {
  const { article, date, sentence, start, end, when, precision, until, expected } = development;
  return {
    date,
    articleId: article.id,
    sentence,
    start,
    end,
    when,
    precision,
    ...(until !== null ? { until } : {}),
    expected,
  };
}

/** Past-tense verbs of a sentence telling what already happened (not "says", "will"). */
const TOLD_IN_PAST = /\b(?:was|were|had|held|met|came|went|took|made|gave|began|said|[a-z]{3,}ed)\b/i;
const TOLD_IN_PRESENT = /\b(?:says|is|are|will|would)\b/i;

/**
 * The development's text: its sentence, or the clause of it that tells this development, cut from
 * the article's `text` (read here when not given: a read from the store for a stored article).
 */
export function developmentText(
  { start, end, article }: Pick<Development, 'start' | 'end' | 'article'>,
  text: string = textOnce(article),
): string {
  return text.slice(start, end);
}

/**
 * How many sentences of an article's first paragraph count as its lead: the standfirst or opening
 * sentence says what the article reports, so it is a development of the article's own day.
 */
export const LEAD_SENTENCES = 2;

const PRECISION_RANK = { day: 0, week: 1, month: 2 } as const;

const byArticle = new WeakMap<Article, readonly Development[]>();

/**
 * The dated developments one article reports, in sentence order, read once per article object so a
 * corpus change only re-sorts and re-merges. `dated` is the article's dated sentences as its
 * analysis holds them (`findDatedEvents`), read again when not given.
 */
export function developmentsOf(article: Article, dated?: readonly DatedSentence[]): readonly Development[] {
  let developments = byArticle.get(article);
  if (!developments) {
    const entries = collectDevelopments(article, dated);
    const words = entries.map((entry) => wordsOf(entry.text));
    // Kept for every dated sentence of the corpus: as lists rather than sets, one array per article.
    const contents = WordList.packed(words.map(({ content }) => content));
    // Most developments hold no irregular verb: theirs are their content words.
    const events = WordList.packed(words.flatMap(({ events }) => (events ? [events] : [])));
    let nextEvents = 0;
    developments = entries.map(({ placed, text }, i) =>
      development(placed, placed.date, {
        content: contents[i]!,
        eventWords: words[i]!.events ? events[nextEvents++]! : contents[i]!,
        toldInPast: TOLD_IN_PAST.test(text) && !TOLD_IN_PRESENT.test(text),
      }),
    );
    byArticle.set(article, developments);
  }
  return developments;
}

/**
 * Stems of a text's content words, in order, repeats included; and the same with irregular verbs
 * read as their base, or null when that changes none.
 */
function wordsOf(text: string): { content: string[]; events: string[] | null } {
  const content: string[] = [];
  const events: string[] = [];
  let changed = false;
  for (const word of tokenizeWords(text)) {
    if (isStopword(word.norm)) continue;
    content.push(word.stem);
    const base = baseOfIrregular(word.norm);
    if (base === word.norm) events.push(word.stem);
    else {
      changed = true;
      if (!isStopword(base)) events.push(stemOf(base));
    }
  }
  return { content, events: changed ? events : null };
}

/**
 * The dated developments one article reports, in sentence order, each with its text. A sentence is
 * dated by a day or month it names; a vague time ("in the coming days", "next week", "within a
 * week") dates nothing.
 * An article's lead reports what happened on its own day, unless it names the day an event is
 * scheduled for ("will meet on Aug. 15"): then it is that day's development, marked expected.
 */
function collectDevelopments(
  article: Article,
  datedSentences: readonly DatedSentence[] = findDatedEvents(article),
): Array<{ placed: Placed; text: string }> {
  const dated = new Map(datedSentences.map((d) => [d.sentence, d.mentions.filter(isPrecise)]));
  const entries: Array<{ placed: Placed; text: string }> = [];
  for (const sentence of sentencesOnce(article)) {
    const mention = primaryMention(dated.get(sentence.index) ?? []);
    const lead = isLead(sentence);
    // A lead looking ahead to a month or a vague time ("in August") reports the announcement.
    const useArticleDate =
      lead && article.date && (!mention || (mention.date > article.date && mention.precision !== 'day'));
    if (useArticleDate) entries.push({ placed: placed(article, sentence, article.date!, null), text: sentence.text });
    else if (mention) {
      for (const clause of datedClauses(sentence, dated.get(sentence.index)!)) {
        entries.push({ placed: placed(article, clause, clause.mention.date, clause.mention), text: clause.text });
      }
    }
  }
  return entries;
}

/** The words opening a span of time whose "and" joins its two ends. */
const RANGE_OPENING = /\bbetween\b[^,;]*(?:,[^,;]*)?$/i;
/** A clause shorter than this many words is a phrase of its neighbour's, not a development. */
const MIN_CLAUSE_WORDS = 5;

interface DatedClause extends Sentence {
  mention: DateMention;
}

/**
 * A sentence told in clauses about different days ("leaders will meet on Sunday, as the president
 * on Saturday split from them") reports one development per day: each clause with its day. A
 * sentence whose days share one clause is one development, dated by its primary mention.
 */
function datedClauses(sentence: Sentence, mentions: readonly DateMention[]): DatedClause[] {
  const whole = (): DatedClause[] => [{ ...sentence, mention: primaryMention(mentions)! }];
  const days = mentions.filter((mention) => mention.precision === 'day');
  if (new Set(days.map((mention) => mention.date)).size < 2) return whole();
  // Clause starts (article offsets): the sentence's start and each break that lies between two days.
  const starts = [sentence.start];
  for (let k = 0; k + 1 < days.length; k++) {
    const from = days[k]!.end - sentence.start;
    const to = days[k + 1]!.start - sentence.start;
    let cut = -1;
    for (const match of sentence.text.slice(from, to).matchAll(CLAUSE_BREAK)) {
      // "between Sept. 11, 1973, and Dec. 31, 1983" is one span of time, not two clauses.
      if (/\band\b/i.test(match[0]) && RANGE_OPENING.test(sentence.text.slice(0, from))) continue;
      cut = from + match.index + match[0].length;
    }
    if (cut >= 0) starts.push(sentence.start + cut);
  }
  if (starts.length < 2) return whole();
  const clauses: DatedClause[] = [];
  for (let c = 0; c < starts.length; c++) {
    const start = starts[c]!;
    const end = c + 1 < starts.length ? trimmedEnd(sentence, starts[c + 1]!) : sentence.end;
    const text = sentence.text.slice(start - sentence.start, end - sentence.start);
    const inside = mentions.filter((mention) => mention.start >= start && mention.end <= end);
    const mention = primaryMention(inside);
    if (!mention || text.split(/\s+/).length < MIN_CLAUSE_WORDS) return whole();
    clauses.push({ ...sentence, start, end, text, mention });
  }
  // Two clauses of one day are one development.
  if (new Set(clauses.map((clause) => clause.mention.date)).size < clauses.length) return whole();
  return clauses;
}

/** A clause's end before the next clause's start, without the break's comma and conjunction. */
function trimmedEnd(sentence: Sentence, next: number): number {
  const before = sentence.text.slice(0, next - sentence.start);
  const match = /(?:[,;]\s+(?:as|while|and|but|whereas|after|before|when)\b|;)\s*$/iu.exec(before);
  return sentence.start + (match ? match.index : before.length);
}

/** A day, or a month named alone ("in January"); weeks and open windows are too vague to place. */
function isPrecise(mention: DateMention): boolean {
  return mention.until === undefined && mention.precision !== 'week';
}

/** The mention that dates a sentence: the first of the finest precision ("said Friday he would … on Aug. 15"). */
function primaryMention(mentions: readonly DateMention[]): DateMention | null {
  let best: DateMention | null = null;
  for (const mention of mentions) {
    if (!best || PRECISION_RANK[mention.precision] < PRECISION_RANK[best.precision]) best = mention;
  }
  return best;
}

/**
 * Whether the sentence opens the article's first paragraph (paragraphs are numbered in order from
 * 0). Read from the sentence alone: the article's paragraphs, asked of every article in a pass,
 * read each stored text into the kept ones and pushed out the texts being answered from.
 */
function isLead(sentence: Sentence): boolean {
  return sentence.paragraph === 0 && sentence.index < LEAD_SENTENCES;
}

/** Where and when a development is told: a development without what is worked out from its text. */
export type Placed = Omit<Development, 'content' | 'eventWords' | 'toldInPast'>;

function placed(article: Article, sentence: Sentence, date: string, mention: DateMention | null): Placed {
  return {
    article,
    // Shared: every development keeps its day and most a phrase ("on Monday"), of a few hundred
    // distinct ones in a story, each read from its article's analysis as a string of its own.
    date: sharedWord(date),
    sentence: sentence.index,
    start: sentence.start,
    end: sentence.end,
    when: mention ? sharedWord(mention.text) : null,
    precision: mention?.precision ?? 'day',
    until: mention?.until || null,
    expected: article.date !== null && date > article.date,
  };
}
