import { basisFooter, CitationBook, quoteLine } from '../src/citations.js';
import { articleOption, type CommandDefinition, stringOption } from '../src/command.js';
import { findQuotes } from '../src/quotes/find-quotes.js';

export const MAX_QUOTES = 10;

export const quote: CommandDefinition = {
  name: 'quote',
  paginable: true,
  description: 'Find what people said, word for word, with who said it and where',
  options: [
    { name: 'speaker', description: 'Who said it: a name, surname or role', type: 'string', autocomplete: 'speaker' },
    { name: 'about', description: 'Words the quote should be about', type: 'string', maxLength: 200 },
    {
      name: 'article',
      description: 'Only this article: its id or words of its title',
      type: 'string',
      autocomplete: 'article',
    },
  ],
  run(options, { services: { corpus } }) {
    const speaker = stringOption(options, 'speaker');
    const about = stringOption(options, 'about');
    const article = articleOption(options, 'article', corpus);
    const results = findQuotes(corpus, { speaker, about, articleId: article?.id, limit: MAX_QUOTES });
    const book = new CitationBook(corpus);
    const items = results.map((result) => ({
      text: quoteLine(result.quote),
      cites: [
        book.cite(result.article, result.quote),
        ...result.alsoIn.map((other) => book.cite(other.article, other.quote)),
      ].filter((n, i, all) => all.indexOf(n) === i),
    }));
    const wanted = [speaker && `by ${speaker}`, about && `about ${about}`].filter(Boolean).join(' ');
    return {
      tone: items.length ? 'answer' : 'not_found',
      title: wanted ? `Quotes ${wanted}` : 'Quotes',
      intro: items.length ? undefined : `The articles have no quotes ${wanted || 'yet'}.`,
      items,
      citations: book.citations(),
      footer: basisFooter(corpus.basis()),
    };
  },
};
