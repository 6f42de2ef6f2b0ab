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
      // As the newest article words it (the second, of 3 May), then the older ones'.
      roles: ['mayor', 'chair of the harbour board'],
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

describe('roles', () => {
  it('are given as the newest article gives them, singular, once however they are spelled', () => {
    const older = makeArticle('older.txt', '2025-07-01', ['Presidents Anna Berg and Tom Reyes met.']);
    const newer = makeArticle('newer.txt', '2025-07-02', ['U.S. President Anna Berg spoke.']);
    const newest = makeArticle('newest.txt', '2025-07-03', ['United States President Anna Berg left.']);
    const corpus = corpusOf([
      { article: older, entities: [entityOf('Anna Berg', 'person', { roles: ['Presidents'] })] },
      { article: newest, entities: [entityOf('Anna Berg', 'person', { roles: ['United States President'] })] },
      { article: newer, entities: [entityOf('Anna Berg', 'person', { roles: ['U.S. President', 'US President'] })] },
    ]);
    expect(findPerson(corpus, 'Anna Berg')?.roles).toEqual(['United States President', 'President']);
  });
});

describe('one entry per person across spellings', () => {
  const kyivPost = makeArticle('a.txt', '2025-06-01', ['President Andriy Sokolovskyy met Pavlo Sokolovsky, a farmer.']);
  const wire = makeArticle('b.txt', '2025-06-02', ['Andriy Sokolovsky spoke. Sokolovsky thanked Iryna Sokolovska.']);
  const daily = makeArticle('c.txt', '2025-06-03', [
    'Andriy Sokolovskiy arrived. Sokolovskiy, and later Sokolovky, said so, per Coastal Wire Service (CWS).',
  ]);
  const corpus = corpusOf([
    {
      article: kyivPost,
      entities: [
        entityOf('Andriy Sokolovskyy', 'person', { roles: ['President'], mentions: 1 }),
        entityOf('Pavlo Sokolovsky', 'person', { roles: ['farmer'], mentions: 1 }),
      ],
    },
    {
      article: wire,
      entities: [
        entityOf('Andriy Sokolovsky', 'person', { aliases: ['Sokolovsky'], mentions: 2 }),
        entityOf('Iryna Sokolovska', 'person', { mentions: 1 }),
      ],
    },
    {
      article: daily,
      entities: [
        entityOf('Andriy Sokolovskiy', 'person', { aliases: ['Sokolovskiy'], mentions: 2 }),
        entityOf('Sokolovky', 'other', { mentions: 1 }),
        entityOf('Coastal Wire Service', 'organisation', { mentions: 1 }),
        entityOf('CWS', 'organisation', { mentions: 1 }),
      ],
    },
  ]);
  const people = listPeople(corpus, { limit: 50 });
  const entryOf = (name: string) => people.filter((person) => [person.name, ...person.aliases].includes(name));

  it('merges transliterations of a surname and a typo the article makes into one person', () => {
    const [andriy, ...others] = entryOf('Andriy Sokolovskyy');
    expect(others).toEqual([]);
    for (const spelling of ['Andriy Sokolovsky', 'Andriy Sokolovskiy', 'Sokolovskiy', 'Sokolovky']) {
      expect(entryOf(spelling)).toEqual([andriy]);
    }
    expect(andriy?.kind).toBe('person');
  });

  it('keeps two people who share a surname, or nearly, as two', () => {
    expect(entryOf('Pavlo Sokolovsky')[0]?.aliases ?? []).not.toContain('Andriy Sokolovsky');
    expect(entryOf('Pavlo Sokolovsky')).not.toEqual(entryOf('Andriy Sokolovskyy'));
    expect(entryOf('Iryna Sokolovska')).not.toEqual(entryOf('Andriy Sokolovskyy'));
  });

  it('merges an abbreviation with the one name it stands for', () => {
    expect(entryOf('CWS')).toEqual(entryOf('Coastal Wire Service'));
    expect(entryOf('CWS')).toHaveLength(1);
  });

  it('finds the person by any spelling, even one no article uses', () => {
    expect(findPerson(corpus, 'Sokolovskiy')?.name).toBe(entryOf('Andriy Sokolovskyy')[0]?.name);
    expect(findPerson(corpus, 'Andrii Sokolovskyi')?.name).toBe(entryOf('Andriy Sokolovskyy')[0]?.name);
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
