import { describe, expect, it } from 'vitest';
import { findQuotes, MAX_ALSO_IN } from '../../src/quotes/find-quotes.js';
import { type Analysed, corpusOf, corpusWith, entityOf, makeArticle, quoteOf } from './fixtures.js';

const harbourDaily = makeArticle('harbour-daily.txt', '2025-03-02', [
  'The harbour strike entered its third day on Sunday.',
  '“We will not reopen the docks until the safety review is published,” Mayor Inés Carvalho said on Sunday.',
  'Union leader Tomasz Wright said the talks were “going nowhere fast” and called for a new mediator.',
  '“Nobody wants a long strike, but nobody wants another accident either,” Wright told reporters.',
]);
const coastPost = makeArticle('coast-post.txt', '2025-03-04', [
  'Talks to end the harbour strike resumed on Tuesday.',
  'Carvalho repeated that the city “will not reopen the docks until the safety review is published.”',
  'President Alma Reyes said in a statement: “The government is ready to meet both sides this week.”',
  '“Meeting them is the least we can do,” Reyes added.',
]);
const evening = makeArticle('evening-star.txt', '2025-03-03', [
  'President Boris Lang of the neighbouring republic offered help.',
  '“Our ports are open to diverted ships,” Lang said.',
  '“WE WILL NOT REOPEN THE DOCKS until the safety review is published!” the mayor, Carvalho, said.',
]);

const mayor = { name: 'Inés Carvalho', role: 'Mayor' };
const fixtures: Analysed[] = [
  {
    article: harbourDaily,
    quotes: [
      quoteOf(harbourDaily, 'We will not reopen the docks until the safety review is published,', mayor),
      quoteOf(harbourDaily, 'going nowhere fast', { name: 'Tomasz Wright', role: 'Union leader' }, { partial: true }),
      quoteOf(harbourDaily, 'Nobody wants a long strike, but nobody wants another accident either,', {
        name: 'Wright',
      }),
    ],
    entities: [
      entityOf('Inés Carvalho', 'person', { roles: ['Mayor'], aliases: ['Carvalho'], mentions: 2 }),
      entityOf('Tomasz Wright', 'person', { roles: ['Union leader'], aliases: ['Wright'], mentions: 2 }),
    ],
  },
  {
    article: coastPost,
    quotes: [
      quoteOf(
        coastPost,
        'will not reopen the docks until the safety review is published.',
        { name: 'Carvalho' },
        {
          partial: true,
        },
      ),
      quoteOf(coastPost, 'The government is ready to meet both sides this week.', {
        name: 'Alma Reyes',
        role: 'President',
      }),
      quoteOf(coastPost, 'Meeting them is the least we can do,', { name: 'Reyes' }),
    ],
    entities: [
      entityOf('Alma Reyes', 'person', { roles: ['President'], aliases: ['Reyes'], mentions: 2 }),
      entityOf('Carvalho', 'person', { mentions: 1 }),
    ],
  },
  {
    article: evening,
    quotes: [
      quoteOf(evening, 'Our ports are open to diverted ships,', { name: 'Boris Lang', role: 'President' }),
      quoteOf(evening, 'WE WILL NOT REOPEN THE DOCKS until the safety review is published!', { name: 'Carvalho' }),
    ],
    entities: [
      entityOf('Boris Lang', 'person', { roles: ['President'], aliases: ['Lang'], mentions: 2 }),
      entityOf('Carvalho', 'person', { roles: ['mayor'], mentions: 1 }),
    ],
  },
];

const texts = (results: ReturnType<typeof findQuotes>) => results.map((result) => result.quote.text);

describe('findQuotes', () => {
  it('returns nothing from an empty corpus', () => {
    expect(findQuotes(corpusOf([]), { speaker: 'Carvalho' })).toEqual([]);
  });

  it('finds a speaker by full name, surname or alias, ignoring case and accents', () => {
    const corpus = corpusOf(fixtures);
    for (const speaker of ['Inés Carvalho', 'ines carvalho', 'CARVALHO', 'Carvalho']) {
      const results = findQuotes(corpus, { speaker });
      expect(results).toHaveLength(1);
      expect(results[0]?.quote.text).toMatch(/reopen the docks/i);
    }
  });

  it('finds speakers by role words, and narrows to one person when a name is added', () => {
    const corpus = corpusOf(fixtures);
    const presidents = findQuotes(corpus, { speaker: 'president' });
    expect(new Set(presidents.map((result) => result.quote.speaker?.name))).toEqual(
      new Set(['Alma Reyes', 'Boris Lang']),
    );
    const reyes = findQuotes(corpus, { speaker: 'President Reyes' });
    expect(texts(reyes)).toEqual([
      'The government is ready to meet both sides this week.',
      'Meeting them is the least we can do,',
    ]);
  });

  it('ranks a name match above a speaker found only through role words', () => {
    const port = makeArticle('port.txt', '2025-03-06', [
      '“The tide tables are wrong,” harbour master Pete Lowe said.',
      '“I sail at noon regardless,” said skipper Ana Harbour.',
    ]);
    const corpus = corpusOf([
      {
        article: port,
        quotes: [
          quoteOf(port, 'The tide tables are wrong,', { name: 'Pete Lowe', role: 'harbour master' }),
          quoteOf(port, 'I sail at noon regardless,', { name: 'Ana Harbour', role: 'skipper' }),
        ],
      },
    ]);
    expect(findQuotes(corpus, { speaker: 'harbour' }).map((result) => result.quote.speaker?.name)).toEqual([
      'Ana Harbour',
      'Pete Lowe',
    ]);
    expect(findQuotes(corpus, { speaker: 'Nobody Known' })).toEqual([]);
  });

  it('finds a speaker named only by surname through the full name it stands for, and shows the full name', () => {
    const corpus = corpusOf(fixtures);
    expect(findQuotes(corpus, { speaker: 'Tomasz Wright' }).map((result) => result.quote.speaker?.name)).toEqual([
      'Tomasz Wright',
      'Tomasz Wright',
    ]);
  });

  it('finds quotes about words in the quote or its sentence, matching word forms', () => {
    const corpus = corpusOf(fixtures);
    expect(texts(findQuotes(corpus, { about: 'meetings' }))).toEqual([
      'The government is ready to meet both sides this week.',
      'Meeting them is the least we can do,',
    ]);
    expect(texts(findQuotes(corpus, { about: 'mediator' }))).toEqual(['going nowhere fast']);
  });

  it('puts quotes that hold the words themselves before quotes whose sentence does', () => {
    const corpus = corpusOf(fixtures);
    const results = texts(findQuotes(corpus, { about: 'Wright talks' }));
    expect(results).toEqual(['going nowhere fast']);
    const strike = texts(findQuotes(corpus, { about: 'strike' }));
    expect(strike[0]).toMatch(/long strike/);
  });

  it('requires most words of a longer topic, not just one of them', () => {
    const corpus = corpusOf(fixtures);
    expect(findQuotes(corpus, { about: 'ports diverted ships accident' })).toHaveLength(1);
    expect(findQuotes(corpus, { about: 'ports mediator accident' })).toEqual([]);
  });

  it('groups the same words reported by several outlets under the newest rendering', () => {
    const corpus = corpusOf(fixtures);
    const results = findQuotes(corpus, { speaker: 'Carvalho' });
    expect(results).toHaveLength(1);
    const [result] = results;
    expect(result?.article.origin).toBe('coast-post.txt');
    expect(result?.alsoIn.map((other) => other.article.origin)).toEqual(['evening-star.txt', 'harbour-daily.txt']);
    expect(result?.alsoInTotal).toBe(2);
  });

  it('leads with the quote from the requested article and still lists the other outlets', () => {
    const corpus = corpusOf(fixtures);
    const results = findQuotes(corpus, { articleId: harbourDaily.id });
    expect(results.map((result) => result.article.origin)).toEqual([
      'harbour-daily.txt',
      'harbour-daily.txt',
      'harbour-daily.txt',
    ]);
    const docks = results.find((result) => result.quote.text.includes('docks'));
    expect(docks?.alsoIn).toHaveLength(2);
  });

  it('keeps different speakers apart even when their words overlap', () => {
    const day = makeArticle('day.txt', '2025-03-05', [
      '“We are ready to talk at any time,” Reyes said.',
      '“We are ready to talk at any time,” Lang said.',
    ]);
    const corpus = corpusOf([
      ...fixtures,
      {
        article: day,
        quotes: [
          quoteOf(day, 'We are ready to talk at any time,', { name: 'Reyes' }),
          { ...quoteOf(day, 'We are ready to talk at any time,', { name: 'Lang' }), start: 48, end: 81 },
        ],
      },
    ]);
    const results = findQuotes(corpus, { about: 'ready talk any time' });
    expect(results.map((result) => result.quote.speaker?.name).sort()).toEqual(['Alma Reyes', 'Boris Lang']);
  });

  it('lists newest first with full quotes ahead of tiny fragments, within the limit', () => {
    const corpus = corpusOf(fixtures);
    const all = findQuotes(corpus, { limit: 50 });
    expect(all.at(-1)?.quote.text).toBe('going nowhere fast');
    expect(all.map((result) => result.article.date)).toEqual([
      '2025-03-04',
      '2025-03-04',
      '2025-03-04',
      '2025-03-03',
      '2025-03-02',
      '2025-03-02',
    ]);
    expect(findQuotes(corpus, { limit: 2 })).toHaveLength(2);
    expect(findQuotes(corpus, { limit: 0 })).toEqual([]);
  });

  it('caps the outlets listed for a quote carried by very many articles', () => {
    const many: Analysed[] = Array.from({ length: MAX_ALSO_IN + 5 }, (_unused, day) => {
      const article = makeArticle(`wire-${day}.txt`, `2025-04-${String(day + 1).padStart(2, '0')}`, [
        `Update ${day}: “The docks stay shut,” Carvalho said.`,
      ]);
      return { article, quotes: [quoteOf(article, 'The docks stay shut,', { name: 'Carvalho' })] };
    });
    const [result] = findQuotes(corpusOf(many), { about: 'docks' });
    expect(result?.alsoIn).toHaveLength(MAX_ALSO_IN);
    expect(result?.alsoInTotal).toBe(MAX_ALSO_IN + 4);
  });

  it('sees articles added after the first query', () => {
    const late = makeArticle('late.txt', '2025-03-09', ['“The docks reopen at dawn,” Carvalho said on Sunday.']);
    const { corpus, addLater } = corpusWith(fixtures, [
      { article: late, quotes: [quoteOf(late, 'The docks reopen at dawn,', { name: 'Carvalho' })] },
    ]);
    expect(findQuotes(corpus, { about: 'dawn' })).toEqual([]);
    addLater();
    expect(texts(findQuotes(corpus, { about: 'dawn' }))).toEqual(['The docks reopen at dawn,']);
  });

  it('answers as a corpus built afresh would after its articles are replaced again and again', () => {
    const rounds = Array.from({ length: 6 }, (_, round) =>
      Array.from({ length: 3 }, (_, i) => {
        const name = `Keeper${round}x${i}`;
        const words = ['lamp', 'wick', 'oil', 'glass', 'beam', 'tower'].map((word) => `${word}${round}x${i}`).join(' ');
        const article = makeArticle(`round-${round}-${i}.txt`, `2025-04-0${1 + i}`, [
          `“Beacon ${words} stay lit for the whole winter,” ${name} said.`,
          `“Beacon ${words} stay lit,” ${name} added.`,
        ]);
        return {
          article,
          quotes: [
            quoteOf(article, `Beacon ${words} stay lit for the whole winter,`, { name }),
            quoteOf(article, `Beacon ${words} stay lit,`, { name }),
          ],
          entities: [entityOf(name, 'person', { mentions: 2 })],
        };
      }),
    );
    const { corpus } = corpusWith(fixtures, rounds.flat());
    const queries = [{}, { about: 'beacon stay lit' }, { speaker: 'Carvalho' }, { about: 'docks' }];
    rounds.forEach((items, round) => {
      corpus.add(items.map((item) => item.article));
      if (round > 0) corpus.remove(rounds[round - 1]!.map((item) => item.article.id));
      const afresh = corpusOf([...fixtures, ...items]);
      for (const query of queries) expect(findQuotes(corpus, query)).toEqual(findQuotes(afresh, query));
    });
  });
});
