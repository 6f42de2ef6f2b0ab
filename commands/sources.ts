import { basisFooter, describeArticle, plural } from '../src/citations.js';
import type { CommandDefinition } from '../src/command.js';

export const sources: CommandDefinition = {
  name: 'sources',
  paginable: true,
  description: 'List every article Newsdesk answers from',
  options: [],
  run(_options, { services: { corpus } }) {
    const articles = corpus.articles();
    return {
      tone: 'info',
      title: 'Sources',
      intro: articles.length
        ? `${plural(articles.length, 'article')}, oldest first.`
        : 'No articles are loaded yet; add files to the seeds folder.',
      // Each article is listed once, as its own line: citing it as well would list it twice.
      items: articles.map((article) => ({
        text: [describeArticle(article), `(${article.origin}, id ${article.id.slice(0, 8)})`, article.url]
          .filter(Boolean)
          .join(' '),
        cites: [],
      })),
      citations: [],
      footer: basisFooter(corpus.basis()),
    };
  },
};
