import { describe, expect, it } from 'vitest';
import { findPerson, listPeople } from '../../src/people/directory.js';
import { corpusOf, corpusWith, entityOf, makeArticle, quoteOf } from '../quotes/fixtures.js';

const first = makeArticle('first.txt', '2025-05-01', [
  'Mayor Inés Carvalho met union leader Tomasz Wright. “We talked for hours,” Carvalho said.',
]);
const second = makeArticle('second.txt', '2025-05-03', [
  'Carvalho, the city’s mayor, said the port would reopen. “It reopens Monday,” she said.',
  'The Port Authority disagreed.',
]);
const third = makeArticle('third.txt', '2025-05-02', [
  'Ines Carvalho, mayor of the city and chair of the harbour board, spoke to Dr. Ana J. Silva and Paulo Silva.',
  '“We are close,” Silva said.',
]);

const fixtures = [
  {
    article: first,
    entities: [
      entityOf('Inés Carvalho', 'person', { roles: ['Mayor'], aliases: ['Carvalho'], mentions: 2 }),
      entityOf('Tomasz Wright', 'person', { roles: ['union leader'], mentions: 1 }),
    ],
    quotes: [quoteOf(first, 'We talked for hours,', { name: 'Inés Carvalho', role: 'Mayor' })],
  },
  {
    article: second,
    entities: [
      entityOf('Carvalho', 'person', { roles: ['mayor'], mentions: 2 }),
      entityOf('Port Authority', 'organisation', { mentions: 1 }),
    ],
    quotes: [quoteOf(second, 'It reopens Monday,', { name: 'Carvalho' })],
  },
  {
    article: third,
    entities: [
      entityOf('Ines Carvalho', 'person', { roles: ['mayor', 'chair of the harbour board'], mentions: 1 }),
      entityOf('Ana J. Silva', 'person', { mentions: 1 }),
      entityOf('Paulo Silva', 'person', { mentions: 1 }),
      entityOf('Silva', 'person', { mentions: 1 }),
    ],
    quotes: [quoteOf(third, 'We are close,', { name: 'Silva' })],
  },
];

describe('listPeople', () => {
  it('merges one person across articles, accents and surnames included', () => {
    const [carvalho] = listPeople(corpusOf(fixtures));
    expect(carvalho).toMatchObject({
      id: 'ines-carvalho',
      name: 'Inés Carvalho',
      kind: 'person',
      roles: ['Mayor', 'chair of the harbour board'],
      mentions: 5,
      articleIds: [second.id, third.id, first.id],
      quotes: 2,
    });
    expect(carvalho?.aliases).toEqual(expect.arrayContaining(['Carvalho', 'Ines Carvalho']));
  });

  it('keeps a surname that two people share apart instead of guessing', () => {
    const names = listPeople(corpusOf(fixtures), { limit: 50 }).map((person) => person.name);
    expect(names).toEqual(expect.arrayContaining(['Ana J. Silva', 'Paulo Silva', 'Silva']));
    expect(listPeople(corpusOf(fixtures), { query: 'Silva' }).find((person) => person.name === 'Silva')?.quotes).toBe(
      1,
    );
  });

  it('sorts by mentions and filters by kind', () => {
    const corpus = corpusOf(fixtures);
    const mentions = listPeople(corpus).map((person) => person.mentions);
    expect(mentions).toEqual([...mentions].sort((a, b) => b - a));
    expect(listPeople(corpus, { kind: 'organisation' }).map((person) => person.name)).toEqual(['Port Authority']);
    expect(listPeople(corpus, { limit: 2 })).toHaveLength(2);
  });

  it('matches a query against names, aliases and role words', () => {
    const corpus = corpusOf(fixtures);
    const names = (query: string) => listPeople(corpus, { query }).map((person) => person.name);
    expect(names('carvalho')).toEqual(['Inés Carvalho']);
    expect(names('harbour board')).toEqual(['Inés Carvalho']);
    expect(names('union leaders')).toEqual(['Tomasz Wright']);
    expect(names('Ana Silva')).toEqual(['Ana J. Silva']);
    expect(names('nobody here')).toEqual([]);
  });

  it('includes people who are quoted but were not picked out as entities', () => {
    const briefing = makeArticle('briefing.txt', '2025-05-04', ['“No comment,” said Lena Ortiz, a spokeswoman.']);
    const corpus = corpusOf([
      { article: briefing, quotes: [quoteOf(briefing, 'No comment,', { name: 'Lena Ortiz', role: 'spokeswoman' })] },
    ]);
    expect(listPeople(corpus)).toEqual([
      expect.objectContaining({ name: 'Lena Ortiz', kind: 'person', roles: ['spokeswoman'], quotes: 1, mentions: 0 }),
    ]);
  });

  it('reflects articles added after the first look-up', () => {
    const later = makeArticle('later.txt', '2025-05-09', ['Tomasz Wright resigned.']);
    const { corpus, addLater } = corpusWith(fixtures, [
      { article: later, entities: [entityOf('Tomasz Wright', 'person', { mentions: 4 })] },
    ]);
    expect(findPerson(corpus, 'Wright')?.mentions).toBe(1);
    addLater();
    expect(findPerson(corpus, 'Wright')?.mentions).toBe(5);
  });
});

describe('findPerson', () => {
  it('finds a person by full name, surname or role words, and null when nobody matches', () => {
    const corpus = corpusOf(fixtures);
    expect(findPerson(corpus, 'ines carvalho')?.id).toBe('ines-carvalho');
    expect(findPerson(corpus, 'Carvalho')?.id).toBe('ines-carvalho');
    expect(findPerson(corpus, 'the mayor')?.id).toBe('ines-carvalho');
    expect(findPerson(corpus, 'Donald J. Duck')).toBeNull();
  });
});
