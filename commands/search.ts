import { basisFooter, CitationBook } from '../src/citations.js';
import { type CommandDefinition, requireString } from '../src/command.js';

export const MAX_SEARCH_RESULTS = 10;

export const search: CommandDefinition = {
  name: 'search',
  paginable: true,
  description: 'Find the sentences in the articles that match some words',
  options: [{ name: 'query', description: 'Words to look for', type: 'string', required: true, maxLength: 200 }],
  run(options, { services: { corpus, index } }) {
    const query = requireString(options, 'query');
    const hits = index.search(query, { limit: MAX_SEARCH_RESULTS });
    const book = new CitationBook(corpus);
    return {
      tone: hits.length ? 'answer' : 'not_found',
      title: `Search: ${query}`,
      intro: hits.length ? undefined : `No sentence in the articles matches “${query}”.`,
      items: hits.map((hit) => ({ text: hit.text, cites: [book.cite(hit.articleId, hit)] })),
      citations: book.citations(),
      footer: basisFooter(corpus.basis()),
    };
  },
};
