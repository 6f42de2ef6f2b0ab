import { type DateMention, findDatedEvents } from '../articles/dates.js';
import type { Article, Sentence } from '../articles/types.js';
import { isStopword, tokenizeWords } from '../search/query-terms.js';
import { WordList, type WordSet } from '../text/word-list.js';
import type { TimelineEntry } from './build-timeline.js';

/** A development with the words the timeline filters and merges on. Shared by every build: never mutated. */
export interface Development {
  readonly entry: Readonly<TimelineEntry>;
  readonly article: Article;
  /** Stems of every word, for `about`. */
  readonly stems: WordSet;
  /** Stems of the content words, for spotting the same development told twice. */
  readonly content: WordSet;
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
 * corpus change only re-sorts and re-merges.
 */
export function developmentsOf(article: Article): readonly Development[] {
  let developments = byArticle.get(article);
  if (!developments) {
    developments = collectDevelopments(article).map((entry) => {
      const words = tokenizeWords(entry.text);
      const content = new WordList(words.filter((word) => !isStopword(word.norm)).map((word) => word.stem));
      // Kept for every dated sentence of the corpus, so as lists rather than sets.
      return { entry, article, stems: new WordList(words.map((word) => word.stem)), content };
    });
    byArticle.set(article, developments);
  }
  return developments;
}

/**
 * The dated developments one article reports, in sentence order. A sentence is dated by a day or
 * month it names; a vague time ("in the coming days", "next week", "within a week") dates nothing.
 * An article's lead reports what happened on its own day, unless it names the day an event is
 * scheduled for ("will meet on Aug. 15"): then it is that day's development, marked expected.
 */
export function collectDevelopments(article: Article): TimelineEntry[] {
  const dated = new Map(findDatedEvents(article).map((d) => [d.sentence, d.mentions.filter(isPrecise)]));
  const entries: TimelineEntry[] = [];
  for (const sentence of article.sentences) {
    const mention = primaryMention(dated.get(sentence.index) ?? []);
    const lead = isLead(article, sentence);
    // A lead looking ahead to a month or a vague time ("in August") reports the announcement.
    const useArticleDate =
      lead && article.date && (!mention || (mention.date > article.date && mention.precision !== 'day'));
    if (useArticleDate) entries.push(entryOf(article, sentence, article.date!, null));
    else if (mention) entries.push(entryOf(article, sentence, mention.date, mention));
  }
  return entries;
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
