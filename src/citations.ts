import type { Quote } from './articles/quotes.js';
import type { Article, Basis, TextSpan } from './articles/types.js';
import type { Corpus } from './corpus/corpus.js';
import type { Citation } from './reply.js';

/**
 * Numbers the articles a reply rests on in order of first use ([1], [2] …), one number per
 * article, keeping the first verbatim span cited from each as its excerpt.
 */
export class CitationBook {
  private readonly byArticle = new Map<string, Citation>();

  constructor(private readonly corpus: Corpus) {}

  /** The citation number for an article, with the span of its text the reply rests on. */
  cite(article: Article | string, span?: TextSpan): number {
    const found = typeof article === 'string' ? this.corpus.get(article) : article;
    if (!found) throw new Error(`cannot cite unknown article ${String(article)}`);
    const existing = this.byArticle.get(found.id);
    if (existing) {
      if (span && existing.excerpt === undefined) Object.assign(existing, excerptOf(found, span));
      return existing.n;
    }
    const citation: Citation = {
      n: this.byArticle.size + 1,
      articleId: found.id,
      title: found.title,
      date: found.date,
      source: found.source,
      url: found.url,
      ...(span ? excerptOf(found, span) : {}),
    };
    this.byArticle.set(found.id, citation);
    return citation.n;
  }

  /** Citation numbers for several articles (e.g. other outlets reporting the same fact), without repeats. */
  citeAll(articles: ReadonlyArray<Article | string>): number[] {
    return [...new Set(articles.map((article) => this.cite(article)))];
  }

  citations(): Citation[] {
    return [...this.byArticle.values()];
  }
}

function excerptOf(article: Article, span: TextSpan): Pick<Citation, 'excerpt' | 'start' | 'end'> {
  return { excerpt: article.text.slice(span.start, span.end), start: span.start, end: span.end };
}

/** "Title — Source, 2025-08-06"; an article with no known source shows only its date. */
export function describeArticle(article: Pick<Article, 'title' | 'source' | 'date'>): string {
  return `${article.title} — ${[article.source, article.date ?? 'undated'].filter(Boolean).join(', ')}`;
}

/** "As of 2025-08-06 · 12 articles": what every answer rests on. */
export function basisFooter(basis: Basis): string {
  const count = `${basis.articles} ${basis.articles === 1 ? 'article' : 'articles'}`;
  return basis.asOf ? `As of ${basis.asOf} · ${count}` : `${count} (undated)`;
}

/** Verbatim words shown as a quotation. */
export function quoted(text: string): string {
  return `“${text}”`;
}

/** “The words” — Maja Lund, White House Press Secretary (told) */
export function quoteLine(quote: Quote): string {
  const who = quote.speaker ? [quote.speaker.name, quote.speaker.role].filter(Boolean).join(', ') : 'unattributed';
  return `${quoted(quote.text)} — ${quote.cue ? `${who} (${quote.cue})` : who}`;
}

export function plural(count: number, word: string, many = `${word}s`): string {
  return `${count} ${count === 1 ? word : many}`;
}

/** "AP, BBC and Reuters": names in a sentence. */
export function listed(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

const SHORT_DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** "19 Aug" for a YYYY-MM-DD day: beside a sentence whose meaning depends on when it was reported. */
export function shortDay(day: string): string {
  return SHORT_DAY.format(new Date(`${day}T12:00:00Z`));
}

/** "2025-08-06 14:05 UTC": unambiguous for a server spread across time zones. */
export function utcStamp(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
