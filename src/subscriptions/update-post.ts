import type { Quote } from '../articles/quotes.js';
import type { Article } from '../articles/types.js';
import { CitationBook, quoteLine } from '../citations.js';
import type { Corpus } from '../corpus/corpus.js';
import type { ArticleChange } from '../ingest/article-change.js';
import { findQuotes } from '../quotes/find-quotes.js';
import type { Reply, ReplyItem } from '../reply.js';
import { summarise } from '../summaries/summarise.js';

/** The issue asks for a two-to-three-sentence summary; `short` caps at three, this keeps it so. */
export const MAX_SUMMARY_SENTENCES = 3;
/** An update shows at most this many of its new sentences; the summary follows. */
export const MAX_NEW_SENTENCES = 3;
/** Enough candidates to find a full, attributed quote when the best-ranked ones are fragments. */
const QUOTE_CANDIDATES = 20;
export const UPDATED_PREFIX = 'Updated:';

/** An article change that carries an article (a removal is withdrawn from answers, never posted). */
export type PostableChange = Extract<ArticleChange, { kind: 'added' | 'updated' }>;

/**
 * The post a subscribed channel receives for a new or changed article: headline, date and source;
 * a short extractive summary; the most newsworthy verbatim quote; and, for an update, the sentences
 * that were not in the version the channel was told about (`previous`), and the other outlets
 * carrying the same wire story. Every item cites the article.
 * The article must already be in `corpus` (the ingest applies the change first).
 */
export function buildUpdatePost(
  change: PostableChange,
  corpus: Corpus,
  previous?: Article,
  alsoReportedBy: readonly string[] = [],
): Reply {
  const { article } = change;
  const book = new CitationBook(corpus);
  const items: ReplyItem[] = [];
  const shown = new Set<number>();

  if (change.kind === 'updated') {
    const fresh = previous ? newSentences(article, previous).slice(0, MAX_NEW_SENTENCES) : [];
    fresh.forEach((sentence, i) => {
      shown.add(sentence.index);
      const cite = book.cite(article, sentence);
      items.push({ text: i === 0 ? `${UPDATED_PREFIX} ${sentence.text}` : sentence.text, cites: [cite] });
    });
  }

  // An article without a headline is titled by its standfirst; the summary need not repeat it.
  const title = normalise(article.title);
  for (const point of summaryOf(corpus, article)) {
    if (shown.has(point.index) || normalise(point.text) === title) continue;
    items.push({ text: point.text, cites: [book.cite(article, point)] });
  }

  const quote = newsworthyQuote(corpus, article);
  if (quote) items.push({ text: quoteLine(quote), cites: [book.cite(article, quote)] });

  const prefix = change.kind === 'updated' ? `${UPDATED_PREFIX} ` : '';
  return {
    tone: 'info',
    title: `${prefix}${article.title}`,
    intro: [
      article.source,
      article.date ?? 'undated',
      alsoReportedBy.length ? `also reported by ${alsoReportedBy.join(', ')}` : null,
    ]
      .filter(Boolean)
      .join(' · '),
    items,
    citations: book.citations(),
    ...(article.url ? { footer: article.url } : {}),
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
  const summary = summarise(corpus, { articleId: article.id, length: 'short' });
  return summary.points
    .filter((point) => point.articleId === article.id)
    .slice(0, MAX_SUMMARY_SENTENCES)
    .map((point) => ({ index: point.sentence, start: point.start, end: point.end, text: point.text }));
}

/** Sentences of `article` whose words (ignoring spacing and case) are not in `previous`. */
export function newSentences(article: Article, previous: Article): Article['sentences'] {
  const before = new Set(previous.sentences.map((sentence) => normalise(sentence.text)));
  return article.sentences.filter((sentence) => !before.has(normalise(sentence.text)));
}

function normalise(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * findQuotes ranks full quotes before fragments, but not named speakers before unattributed ones:
 * a post leads with someone on the record, so prefer a full quote with a speaker, then any quote
 * with a speaker, then the best-ranked quote.
 */
function newsworthyQuote(corpus: Corpus, article: Article): Quote | null {
  if (!corpus.get(article.id)) return null;
  const quotes = findQuotes(corpus, { articleId: article.id, limit: QUOTE_CANDIDATES })
    .map((result) => result.quote)
    .filter((quote) => quote.articleId === article.id);
  return (
    quotes.find((quote) => !quote.partial && quote.speaker) ??
    quotes.find((quote) => quote.speaker) ??
    quotes[0] ??
    null
  );
}
