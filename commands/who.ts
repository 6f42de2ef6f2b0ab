import { basisFooter, CitationBook, plural, quoteLine } from '../src/citations.js';
import { type CommandDefinition, stringOption } from '../src/command.js';
import type { Corpus } from '../src/corpus/corpus.js';
import { findPerson, listPeople, type Person } from '../src/people/directory.js';
import { findQuotes } from '../src/quotes/find-quotes.js';
import type { Reply } from '../src/reply.js';

export const MAX_PEOPLE = 25;
export const MAX_PERSON_QUOTES = 5;
/** A listed person cites at most this many of their articles, so long lists stay readable. */
export const MAX_ARTICLES_PER_PERSON = 3;

export const who: CommandDefinition = {
  name: 'who',
  paginable: true,
  description: 'Who is in the story: people and organisations, their roles and what they said',
  options: [
    {
      name: 'name',
      description: 'A person or organisation; leave empty to list everyone',
      type: 'string',
      autocomplete: 'person',
    },
  ],
  run(options, { services: { corpus } }) {
    const name = stringOption(options, 'name');
    return name ? describePerson(corpus, name) : listEveryone(corpus);
  },
};

function describe(person: Person): string {
  const roles = person.roles.length ? `: ${person.roles.join('; ')}` : '';
  return `${person.name} (${person.kind})${roles}`;
}

function listEveryone(corpus: Corpus): Reply {
  // Places are left out here, so ask for everyone and keep the first MAX_PEOPLE that remain.
  const people = listPeople(corpus, { limit: Number.POSITIVE_INFINITY })
    .filter((person) => person.kind === 'person' || person.kind === 'organisation')
    .slice(0, MAX_PEOPLE);
  const book = new CitationBook(corpus);
  return {
    tone: people.length ? 'info' : 'not_found',
    title: 'Who is in the story',
    intro: people.length ? 'Most mentioned first.' : 'The articles name no people or organisations yet.',
    items: people.map((person) => ({
      text: `${describe(person)} — ${plural(person.mentions, 'mention')} in ${plural(person.articleIds.length, 'article')}, ${plural(person.quotes, 'quote')}`,
      cites: book.citeAll(person.articleIds.slice(0, MAX_ARTICLES_PER_PERSON)),
    })),
    citations: book.citations(),
    footer: basisFooter(corpus.basis()),
  };
}

function describePerson(corpus: Corpus, name: string): Reply {
  const person = findPerson(corpus, name);
  if (!person) {
    return {
      tone: 'not_found',
      title: `Who is ${name}?`,
      intro: `The articles don't mention anyone called “${name}”. /who with no name lists everyone they do mention.`,
      items: [],
      citations: [],
      footer: basisFooter(corpus.basis()),
    };
  }
  const book = new CitationBook(corpus);
  const articleCites = book.citeAll(person.articleIds);
  const quotes = findQuotes(corpus, { speaker: person.name, limit: MAX_PERSON_QUOTES });
  return {
    tone: 'answer',
    title: person.name,
    intro: `${describe(person)}. Mentioned ${plural(person.mentions, 'time')} in ${plural(person.articleIds.length, 'article')}; ${plural(person.quotes, 'quote')}.`,
    items: [
      ...(person.aliases.length ? [{ text: `Also called: ${person.aliases.join(', ')}`, cites: [] }] : []),
      { text: `Appears in ${plural(person.articleIds.length, 'article')}`, cites: articleCites },
      ...quotes.map((result) => ({ text: quoteLine(result.quote), cites: [book.cite(result.article, result.quote)] })),
    ],
    citations: book.citations(),
    footer: basisFooter(corpus.basis()),
  };
}
