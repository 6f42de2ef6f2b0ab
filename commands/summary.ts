import type { Article } from '../src/articles/types.js';
import { basisFooter, CitationBook, listed, plural, shortDay } from '../src/citations.js';
import { articleOption, type CommandDefinition, dayOption, stringOption } from '../src/command.js';
import type { Corpus } from '../src/corpus/corpus.js';
import type { VerifiedLlmSummary } from '../src/llm/llm-summariser.js';
import type { Reply } from '../src/reply.js';
import { REPEATS_NOTE } from '../src/subscriptions/update-post.js';
import { SUMMARY_BUDGETS } from '../src/summaries/lengths.js';
import { type SummaryLength, scopeOf, summarise } from '../src/summaries/summarise.js';

interface Scope {
  article?: Article;
  since?: string;
  length: SummaryLength;
}

export const summary: CommandDefinition = {
  name: 'summary',
  paginable: true,
  description: 'Summarise the story so far, one article, or what is new since a day',
  options: [
    {
      name: 'length',
      description: 'How long the summary should be',
      type: 'string',
      choices: [
        { name: 'short', value: 'short' },
        { name: 'standard', value: 'standard' },
        { name: 'detailed', value: 'detailed' },
      ],
    },
    {
      name: 'article',
      description: 'Only this article: its id or words of its title',
      type: 'string',
      autocomplete: 'article',
    },
    { name: 'since', description: 'Only articles from this day on, as YYYY-MM-DD', type: 'string' },
  ],
  async run(options, { services, userId, guildId }) {
    const { corpus, llm } = services;
    const scope: Scope = {
      article: articleOption(options, 'article', corpus),
      since: dayOption(options, 'since'),
      length: (stringOption(options, 'length') ?? 'standard') as SummaryLength,
    };
    let note: string | undefined;
    const articles = scopeOf(corpus, { articleId: scope.article?.id, since: scope.since });
    if (llm && articles.length) {
      const outline = summarise(corpus, {
        length: scope.length,
        since: scope.since,
        articleId: scope.article?.id,
      }).points;
      const result = await llm.summariser.summarise({
        articles,
        outline,
        scope: scope.article ? `article:${scope.article.id}` : scope.since ? `since:${scope.since}` : 'all',
        sentences: SUMMARY_BUDGETS[scope.length].maxSentences,
        userId,
        guildId,
      });
      if (!result.fallback) return modelSummaryReply(result, scope, corpus);
      note = result.note;
    }
    return extractiveSummaryReply(scope, corpus, note);
  },
};

function titleOf({ article, since }: Scope): string {
  if (article) return `Summary of ${article.title}${article.source ? ` — ${article.source}` : ''}`;
  return since ? `Summary since ${since}` : 'Summary of the story so far';
}

/** "(reported by 3 outlets: AP, BBC and Reuters)" for a fact several articles carry, else "". */
export function reportedBy(corpus: Corpus, articleIds: readonly string[]): string {
  const articles = [...new Set(articleIds)].flatMap((id) => corpus.get(id) ?? []);
  if (articles.length < 2) return '';
  const outlets = [...new Set(articles.flatMap((article) => article.source ?? []))];
  if (outlets.length < 2) return ` (reported by ${plural(articles.length, 'article')})`;
  return ` (reported by ${plural(outlets.length, 'outlet')}: ${listed(outlets)})`;
}

/** Verbatim sentences picked from the articles; `note` says why the model's summary is not shown. */
function extractiveSummaryReply(scope: Scope, corpus: Corpus, note?: string): Reply {
  const { article, since, length } = scope;
  const result = summarise(corpus, { length, since, articleId: article?.id });
  const book = new CitationBook(corpus);
  const items = result.points.map((point) => ({
    text: `${point.latest && point.date ? `Latest, ${shortDay(point.date)}: ` : ''}${point.text}${
      article ? '' : reportedBy(corpus, [point.articleId, ...point.alsoIn])
    }`,
    cites: [book.cite(point.articleId, point), ...book.citeAll(point.alsoIn)].filter(
      (n, i, all) => all.indexOf(n) === i,
    ),
  }));
  const covered = article
    ? `“${article.title}”${article.source ? ` (${article.source}${article.date ? `, ${article.date}` : ''})` : ''}`
    : since
      ? `the ${plural(result.articles, 'article')} since ${since}, leaving out what earlier articles already said`
      : plural(result.articles, 'article');
  const repeating = (result.repeating ?? []).flatMap((id) => corpus.get(id) ?? []);
  const repeats = repeating.length
    ? `${repeating.map((other) => `“${other.title}”${other.source ? ` (${other.source})` : ''}`).join(', ')} ${
        repeating.length === 1 ? REPEATS_NOTE : REPEATS_NOTE.replace('repeats', 'repeat')
      }.`
    : undefined;
  const intro = items.length
    ? `From ${covered}; every sentence is quoted from the articles as written.`
    : `There is nothing to summarise in ${since ? `articles since ${since}` : covered}.`;
  return {
    tone: items.length ? 'answer' : 'not_found',
    title: titleOf(scope),
    intro: [note, intro, repeats].filter(Boolean).join(' '),
    items,
    citations: book.citations(),
    footer: basisFooter(result.basis),
  };
}

/** The model's summary: each sentence verified against, and citing, the article sentences it rests on. */
function modelSummaryReply(result: VerifiedLlmSummary, scope: Scope, corpus: Corpus): Reply {
  const book = new CitationBook(corpus);
  const items = result.sentences.map((sentence) => ({
    text: sentence.text,
    cites: [...new Set(sentence.passages.map((passage) => book.cite(passage.articleId, passage)))],
  }));
  const articles =
    result.articlesRead < result.articlesInScope
      ? `the ${plural(result.articlesRead, 'newest article')} of ${result.articlesInScope}`
      : scope.article
        ? `“${scope.article.title}”`
        : plural(result.articlesRead, 'article');
  const covered = result.openingsOnly ? `the opening sentences of ${articles}` : articles;
  return {
    tone: 'answer',
    title: titleOf(scope),
    intro: `From ${covered}; written by ${result.model}, every sentence checked against the article sentences it cites.`,
    items,
    citations: book.citations(),
    footer: `Summarised by ${result.model}${result.cached ? ' (cached)' : ''} · ${basisFooter(result.basis)}`,
  };
}
