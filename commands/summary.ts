import { basisFooter, CitationBook, plural } from '../src/citations.js';
import { articleOption, type CommandDefinition, dayOption, stringOption } from '../src/command.js';
import { type SummaryLength, summarise } from '../src/summaries/summarise.js';

export const summary: CommandDefinition = {
  name: 'summary',
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
  run(options, { services: { corpus } }) {
    const article = articleOption(options, 'article', corpus);
    const since = dayOption(options, 'since');
    const length = (stringOption(options, 'length') ?? 'standard') as SummaryLength;
    const result = summarise(corpus, { length, since, articleId: article?.id });
    const book = new CitationBook(corpus);
    const items = result.points.map((point) => ({
      text: point.text,
      cites: [book.cite(point.articleId, point), ...book.citeAll(point.alsoIn)].filter(
        (n, i, all) => all.indexOf(n) === i,
      ),
    }));
    const scope = article ? `“${article.title}”` : plural(result.articles, 'article');
    return {
      tone: items.length ? 'answer' : 'not_found',
      title: article ? `Summary of ${article.title}` : since ? `Summary since ${since}` : 'Summary of the story so far',
      intro: items.length
        ? `From ${scope}; every sentence is quoted from the articles as written.`
        : `There is nothing to summarise in ${since ? `articles since ${since}` : scope}.`,
      items,
      citations: book.citations(),
      footer: basisFooter(result.basis),
    };
  },
};
