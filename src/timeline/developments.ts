import { type DatedSentence, type DateMention, findDatedEvents } from '../articles/dates.js';
import type { Article, Sentence } from '../articles/types.js';
import { sentencesOnce } from '../corpus/article-store.js';
import { CLAUSE_BREAK } from '../text/clauses.js';
import { isStopword } from '../text/stopwords.js';
import { tokenizeWords } from '../text/tokens.js';
import { WordList } from '../text/word-list.js';
import type { TimelineEntry } from './build-timeline.js';

/** A development with the words the timeline filters and merges on. Shared by every build: never mutated. */
export interface Development {
  readonly entry: Readonly<TimelineEntry>;
  readonly article: Article;
  /** Stems of the content words, for spotting the same development told twice. */
  readonly content: WordList;
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
    // Kept for every dated sentence of the corpus: as lists rather than sets, one array per article.
    const contents = WordList.packed(entries.map((entry) => contentStems(entry.text)));
    developments = entries.map((entry, i) => ({ entry, article, content: contents[i]! }));
    byArticle.set(article, developments);
  }
  return developments;
}

/** Stems of a text's content words, in order, repeats included. */
function contentStems(text: string): string[] {
  return tokenizeWords(text)
    .filter((word) => !isStopword(word.norm))
    .map((word) => word.stem);
}

/**
 * The dated developments one article reports, in sentence order. A sentence is dated by a day or
 * month it names; a vague time ("in the coming days", "next week", "within a week") dates nothing.
 * An article's lead reports what happened on its own day, unless it names the day an event is
 * scheduled for ("will meet on Aug. 15"): then it is that day's development, marked expected.
 */
export function collectDevelopments(
  article: Article,
  datedSentences: readonly DatedSentence[] = findDatedEvents(article),
): TimelineEntry[] {
  const dated = new Map(datedSentences.map((d) => [d.sentence, d.mentions.filter(isPrecise)]));
  const entries: TimelineEntry[] = [];
  for (const sentence of sentencesOnce(article)) {
    const mention = primaryMention(dated.get(sentence.index) ?? []);
    const lead = isLead(article, sentence);
    // A lead looking ahead to a month or a vague time ("in August") reports the announcement.
    const useArticleDate =
      lead && article.date && (!mention || (mention.date > article.date && mention.precision !== 'day'));
    if (useArticleDate) entries.push(entryOf(article, sentence, article.date!, null));
    else if (mention) {
      for (const clause of datedClauses(sentence, dated.get(sentence.index)!)) {
        entries.push(entryOf(article, clause, clause.mention.date, clause.mention));
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

function isLead(article: Article, sentence: Sentence): boolean {
  return sentence.paragraph === article.paragraphs[0]?.index && sentence.index < LEAD_SENTENCES;
}

function entryOf(article: Article, sentence: Sentence, date: string, mention: DateMention | null): TimelineEntry {
  return {
    date,
    articleId: article.id,
    sentence: sentence.index,
    start: sentence.start,
    end: sentence.end,
    text: sentence.text,
    when: mention?.text ?? null,
    precision: mention?.precision ?? 'day',
    ...(mention?.until ? { until: mention.until } : {}),
    expected: article.date !== null && date > article.date,
  };
}
