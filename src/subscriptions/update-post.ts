import type { Quote } from '../articles/quotes.js';
import type { Article } from '../articles/types.js';
import { CitationBook, quoteLine } from '../citations.js';
import type { Corpus } from '../corpus/corpus.js';
import type { ArticleChange } from '../ingest/article-change.js';
import { findQuotes } from '../quotes/find-quotes.js';
import type { Reply, ReplyItem } from '../reply.js';
import { type SummaryLength, summarise } from '../summaries/summarise.js';
import { collapseSpacing } from '../text/spacing.js';
import { AlreadyToldCheck } from './already-told.js';

/** The issue asks for a two-to-three-sentence summary; `short` caps at three, this keeps it so. */
export const MAX_SUMMARY_SENTENCES = 3;
/** The lower bound: a summary with fewer new sentences is padded with told ones, new first. */
export const MIN_SUMMARY_SENTENCES = 2;
/** An update shows at most this many of its new sentences; the summary follows. */
export const MAX_NEW_SENTENCES = 3;
/** Enough candidates to find a full, attributed quote when the best-ranked ones are fragments. */
const QUOTE_CANDIDATES = 20;
/** Where a new article's sentences new to a channel are looked for once the short summary's are told. */
const MORE_SENTENCES: SummaryLength = 'detailed';
export const UPDATED_PREFIX = 'Updated:';
/** Added to the intro when no summary sentence is new to the channel (the summary is still shown). */
export const REPEATS_NOTE = 'mostly repeats earlier reports';

/** An article change that carries an article (a removal is withdrawn from answers, never posted). */
export type PostableChange = Extract<ArticleChange, { kind: 'added' | 'updated' }>;

/**
 * The post a subscribed channel receives for a new or changed article: headline, date and source;
 * a short extractive summary; the most newsworthy verbatim quote; and, for an update, the sentences
 * that were not in the version the channel was told about (`previous`), and the other outlets
 * carrying the same wire story. Every item cites the article.
 *
 * For a new article, `told` is what the channel was already sent about the story: the summary
 * leads with sentences those articles do not already carry (see `AlreadyToldCheck`), still two to
 * three verbatim sentences, and the quote is one they do not carry when the article has one. An
 * update ignores `told`: it is compared with `previous`.
 * The article must already be in `corpus` (the ingest applies the change first).
 */
export function buildUpdatePost(
  change: PostableChange,
  corpus: Corpus,
  previous?: Article,
  alsoReportedBy: readonly string[] = [],
  told: readonly Article[] = [],
): Reply {
  return prepareUpdatePost(change, corpus, previous, alsoReportedBy).build(told);
}

/** One article's post, ranked once, then built for any number of told-sets. */
export interface PreparedUpdatePost {
  build(told?: readonly Article[]): Reply;
}

/**
 * Does the work every channel's post shares once (the summary, the quotes, an update's new
 * sentences); `build` only picks among them, and each told article is compared with them once
 * however many channel groups it is in.
 */
export function prepareUpdatePost(
  change: PostableChange,
  corpus: Corpus,
  previous?: Article,
  alsoReportedBy: readonly string[] = [],
): PreparedUpdatePost {
  const { article } = change;
  const fresh =
    change.kind === 'updated' && previous ? newSentences(article, previous).slice(0, MAX_NEW_SENTENCES) : [];
  const shown = new Set(fresh.map((sentence) => sentence.index));
  // An article without a headline is titled by its standfirst; the summary need not repeat it.
  const title = normalise(article.title);
  const showable = (point: SummarySentence) => !shown.has(point.index) && normalise(point.text) !== title;
  const summary = summaryOf(corpus, article).filter(showable);
  const quotes = rankedQuotes(corpus, article);
  const bestQuote = newsworthyQuote(quotes);

  // Built the first time a told-set is given: a post for channels told nothing never pays for it.
  let comparison: { candidates: SummarySentence[]; check: AlreadyToldCheck } | undefined;
  const compared = () => {
    if (!comparison) {
      const inSummary = new Set(summary.map((point) => point.index));
      const more = moreSentencesOf(corpus, article).filter((point) => showable(point) && !inSummary.has(point.index));
      const candidates = [...summary, ...more];
      const check = new AlreadyToldCheck(
        candidates.map((point) => point.text),
        quotes.map((quote) => quote.text),
      );
      comparison = { candidates, check };
    }
    return comparison;
  };

  return {
    build(told: readonly Article[] = []): Reply {
      let points = summary;
      let quote = bestQuote;
      let repeats = false;
      if (change.kind === 'added' && told.length > 0) {
        const { candidates, check } = compared();
        const known = check.toldByAny(told);
        // The normal summary's order first, then the longer summary's: the best new sentences, as
        // many as the normal summary has (so a channel told none of it gets the normal summary).
        const wanted = Math.max(MIN_SUMMARY_SENTENCES, summary.length);
        const untold = candidates.filter((_, i) => !known.sentences.has(i)).slice(0, wanted);
        if (untold.length === 0) repeats = summary.length > 0;
        else if (untold.length >= MIN_SUMMARY_SENTENCES) points = inStoryOrder(untold);
        else {
          const retold = summary.filter((point) => !untold.includes(point));
          points = [...untold, ...retold].slice(0, MIN_SUMMARY_SENTENCES);
        }
        quote = newsworthyQuote(quotes.filter((_, i) => !known.quotes.has(i))) ?? bestQuote;
      }

      const book = new CitationBook(corpus);
      const items: ReplyItem[] = [];
      fresh.forEach((sentence, i) => {
        const cite = book.cite(article, sentence);
        items.push({ text: i === 0 ? `${UPDATED_PREFIX} ${sentence.text}` : sentence.text, cites: [cite] });
      });
      for (const point of points) items.push({ text: point.text, cites: [book.cite(article, point)] });
      if (quote) items.push({ text: quoteLine(quote), cites: [book.cite(article, quote)] });

      const prefix = change.kind === 'updated' ? `${UPDATED_PREFIX} ` : '';
      return {
        tone: 'info',
        title: `${prefix}${article.title}`,
        intro: [
          article.source,
          article.date ?? 'undated',
          alsoReportedBy.length ? `also reported by ${alsoReportedBy.join(', ')}` : null,
          repeats ? REPEATS_NOTE : null,
        ]
          .filter(Boolean)
          .join(' · '),
        items,
        citations: book.citations(),
        ...(article.url ? { footer: article.url } : {}),
      };
    },
  };
}

interface SummarySentence {
  index: number;
  start: number;
  end: number;
  text: string;
}

/** The article's extractive short summary; its lead sentences when it is not (yet) in the corpus. */
function summaryOf(corpus: Corpus, article: Article): SummarySentence[] {
  if (!corpus.get(article.id)) return article.sentences.slice(0, MAX_SUMMARY_SENTENCES);
  return pointsOf(corpus, article, 'short').slice(0, MAX_SUMMARY_SENTENCES);
}

/** A longer summary of the article (its sentences after the lead when it is not in the corpus). */
function moreSentencesOf(corpus: Corpus, article: Article): SummarySentence[] {
  if (!corpus.get(article.id)) return article.sentences.slice(MAX_SUMMARY_SENTENCES);
  return pointsOf(corpus, article, MORE_SENTENCES);
}

function pointsOf(corpus: Corpus, article: Article, length: SummaryLength): SummarySentence[] {
  return summarise(corpus, { articleId: article.id, length })
    .points.filter((point) => point.articleId === article.id)
    .map((point) => ({ index: point.sentence, start: point.start, end: point.end, text: point.text }));
}

function inStoryOrder(points: readonly SummarySentence[]): SummarySentence[] {
  return [...points].sort((a, b) => a.index - b.index);
}

/** Sentences of `article` whose words (ignoring spacing and case) are not in `previous`. */
export function newSentences(article: Article, previous: Article): Article['sentences'] {
  const before = new Set(previous.sentences.map((sentence) => normalise(sentence.text)));
  return article.sentences.filter((sentence) => !before.has(normalise(sentence.text)));
}

/** A sentence in the form compared across versions: spacing and case made uniform. */
function normalise(text: string): string {
  return collapseSpacing(text).toLowerCase();
}

/**
 * findQuotes ranks full quotes before fragments, but not named speakers before unattributed ones:
 * a post leads with someone on the record, so prefer a full quote with a speaker, then any quote
 * with a speaker, then the best-ranked quote.
 */
function newsworthyQuote(quotes: readonly Quote[]): Quote | null {
  return (
    quotes.find((quote) => !quote.partial && quote.speaker) ??
    quotes.find((quote) => quote.speaker) ??
    quotes[0] ??
    null
  );
}

/** The article's quotes, best-ranked first; none when it is not (yet) in the corpus. */
function rankedQuotes(corpus: Corpus, article: Article): Quote[] {
  if (!corpus.get(article.id)) return [];
  return findQuotes(corpus, { articleId: article.id, limit: QUOTE_CANDIDATES })
    .map((result) => result.quote)
    .filter((quote) => quote.articleId === article.id);
}
