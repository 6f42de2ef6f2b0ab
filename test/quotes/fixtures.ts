import type { ArticleAnalysis } from '../../src/articles/analysis.js';
import { buildArticle } from '../../src/articles/article.js';
import type { EntityInArticle, EntityKind } from '../../src/articles/people.js';
import type { Quote } from '../../src/articles/quotes.js';
import type { Article } from '../../src/articles/types.js';
import { Corpus } from '../../src/corpus/corpus.js';

/** Hand-built analyses stand in for the real extractors, so these tests pin only the services. */
export interface Analysed {
  article: Article;
  quotes?: Quote[];
  entities?: EntityInArticle[];
}

export function makeArticle(origin: string, date: string | null, paragraphs: string[]): Article {
  return buildArticle(paragraphs.join('\n\n'), { date, source: origin }, origin);
}

/** A quote of `words`, found verbatim in the article (the first occurrence). */
export function quoteOf(
  article: Article,
  words: string,
  speaker: { name: string; role?: string } | null,
  options: { partial?: boolean } = {},
): Quote {
  const start = article.text.indexOf(words);
  if (start < 0) throw new Error(`fixture: "${words}" is not in ${article.origin}`);
  const end = start + words.length;
  const sentence = article.sentences.find((candidate) => candidate.start <= start && start < candidate.end);
  return {
    id: `${article.id}:${start}-${end}`,
    articleId: article.id,
    start,
    end,
    text: words,
    partial: options.partial ?? false,
    speaker: speaker ? { name: speaker.name, role: speaker.role ?? null, mention: null } : null,
    cue: 'said',
    sentence: sentence?.index ?? 0,
  };
}

export function entityOf(
  name: string,
  kind: EntityKind,
  details: { roles?: string[]; aliases?: string[]; mentions?: number } = {},
): EntityInArticle {
  return {
    name,
    kind,
    roles: details.roles ?? [],
    aliases: details.aliases ?? [],
    mentions: details.mentions ?? 1,
    spans: [],
  };
}

/** A corpus whose analyser returns the fixtures, and fails loudly for an article it was not given. */
export function corpusOf(items: Analysed[]): Corpus {
  return corpusWith(items, []).corpus;
}

/** A fixture corpus holding `items`, with `addLater()` to bring in `later` as a second batch. */
export function corpusWith(items: Analysed[], later: Analysed[]): { corpus: Corpus; addLater: () => void } {
  const analyses = new Map<string, ArticleAnalysis>(
    [...items, ...later].map((item) => [item.article.id, { quotes: item.quotes ?? [], entities: item.entities ?? [] }]),
  );
  const corpus = new Corpus((article) => {
    const analysis = analyses.get(article.id);
    if (!analysis) throw new Error(`fixture: no analysis for ${article.origin}`);
    return analysis;
  });
  corpus.add(items.map((item) => item.article));
  return { corpus, addLater: () => corpus.add(later.map((item) => item.article)) };
}
