import { basisFooter, CitationBook, describeArticle, plural } from '../src/citations.js';
import type { CommandDefinition } from '../src/command.js';

export const sources: CommandDefinition = {
  name: 'sources',
  paginable: true,
  description: 'List every article Newsdesk answers from',
  options: [],
  run(_options, { services: { corpus } }) {
    const book = new CitationBook(corpus);
    const articles = corpus.articles();
    return {
      tone: 'info',
      title: 'Sources',
      intro: articles.length
        ? `${plural(articles.length, 'article')}, oldest first.`
        : 'No articles are loaded yet; add files to the seeds folder.',
      items: articles.map((article) => ({
        text: `${describeArticle(article)} (${article.origin}, id ${article.id.slice(0, 8)})`,
        cites: [book.cite(article)],
      })),
      citations: book.citations(),
      footer: basisFooter(corpus.basis()),
    };
  },
};
