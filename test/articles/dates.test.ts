import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildArticle } from '../../src/articles/article.js';
import { type DateMention, findDatedEvents } from '../../src/articles/dates.js';
import { loadArticles } from '../../src/articles/load-articles.js';
import type { Article } from '../../src/articles/types.js';

const SEEDS = fileURLToPath(new URL('../../seeds', import.meta.url));

/** 2025-08-06 is a Wednesday. */
const WEDNESDAY = '2025-08-06';

function article(text: string, date: string | null = WEDNESDAY): Article {
  return buildArticle(text, { date }, 'fixture.txt');
}

function mentions(text: string, date: string | null = WEDNESDAY): DateMention[] {
  return findDatedEvents(article(text, date)).flatMap((dated) => dated.mentions);
}

/** The one mention in `text`, as [phrase, day, precision]. */
function only(text: string, date: string | null = WEDNESDAY): [string, string, string] {
  const found = mentions(text, date);
  expect(found).toHaveLength(1);
  const [mention] = found;
  return [mention!.text, mention!.date, mention!.precision];
}

describe('date mentions in the real seed article (dated Wednesday 2025-08-06)', () => {
  async function seed(): Promise<{ article: Article; found: DateMention[] }> {
    const { articles } = await loadArticles(SEEDS);
    const seedArticle = articles.find((a) => a.date === WEDNESDAY)!;
    return { article: seedArticle, found: findDatedEvents(seedArticle).flatMap((dated) => dated.mentions) };
  }

  function around(text: string, found: DateMention[], context: string): DateMention | undefined {
    const at = text.indexOf(context);
    return found.find((mention) => mention.start >= at && mention.end <= at + context.length);
  }

  it('reads "In remarks on Wednesday" as the article’s own day', async () => {
    const { article: seedArticle, found } = await seed();
    expect(around(seedArticle.text, found, 'In remarks on Wednesday')).toMatchObject({
      text: 'on Wednesday',
      date: WEDNESDAY,
    });
  });

  it('reads "earlier today" as the article’s day', async () => {
    const { article: seedArticle, found } = await seed();
    expect(around(seedArticle.text, found, 'earlier today')).toMatchObject({ date: WEDNESDAY, precision: 'day' });
  });

  it('reads "as soon as next week" as the week of Monday 2025-08-11', async () => {
    const { article: seedArticle, found } = await seed();
    expect(around(seedArticle.text, found, 'as soon as next week')).toMatchObject({
      text: 'next week',
      date: '2025-08-11',
      precision: 'week',
    });
  });

  it('reads "within a week" as a window counted from the article’s date', async () => {
    const { article: seedArticle, found } = await seed();
    expect(around(seedArticle.text, found, 'within a week')).toMatchObject({
      date: WEDNESDAY,
      until: '2025-08-13',
      relative: true,
    });
  });

  it('does not take "day one" for a date', async () => {
    const { article: seedArticle, found } = await seed();
    expect(seedArticle.text).toContain('day one');
    expect(around(seedArticle.text, found, '“day one” of his presidency')).toBeUndefined();
  });

  it('keeps every phrase verbatim at its offsets', async () => {
    const { article: seedArticle, found } = await seed();
    expect(found.length).toBeGreaterThan(0);
    for (const mention of found) expect(seedArticle.text.slice(mention.start, mention.end)).toBe(mention.text);
  });
});

describe('weekdays', () => {
  it('takes a weekday in past-tense reporting as the latest one on or before the article date', () => {
    expect(only('The ministers met on Monday in Geneva.')).toEqual(['on Monday', '2025-08-04', 'day']);
    expect(only('On Thursday, the envoy arrived in the capital.')).toEqual(['On Thursday', '2025-07-31', 'day']);
  });

  it('takes a weekday in the future tense as the next one', () => {
    expect(only('The two leaders will meet on Friday.')).toEqual(['on Friday', '2025-08-08', 'day']);
    expect(only('Officials are expected to vote on Monday.')).toEqual(['on Monday', '2025-08-11', 'day']);
    expect(only('Both sides agreed to meet on Tuesday.')).toEqual(['on Tuesday', '2025-08-12', 'day']);
  });

  it('reads the tense of the clause, not of a closing attribution', () => {
    expect(only('A mediator will meet both sides on Thursday, officials said.')[1]).toBe('2025-08-07');
    expect(only('The envoy flew in on Monday to meet the president.')[1]).toBe('2025-08-04');
  });

  it('dates a reporting verb by its own weekday even when the report looks ahead', () => {
    const [friday, ...rest] = mentions('The president said Friday he would travel abroad.');
    expect(rest).toHaveLength(0);
    expect(friday).toMatchObject({ text: 'Friday', date: '2025-08-01' });
  });

  it('honours "last" and "next" before a weekday', () => {
    expect(only('The accord was signed last Wednesday.')[1]).toBe('2025-07-30');
    expect(only('The accord will be signed next Friday.')[1]).toBe('2025-08-15');
  });
});

describe('days named relative to the article', () => {
  it('reads today, earlier today, this morning and tonight as the article date', () => {
    expect(only('The envoy landed earlier today.')[1]).toBe(WEDNESDAY);
    expect(only('Talks resumed today in the capital.')[1]).toBe(WEDNESDAY);
    expect(only('This morning the minister resigned.')[1]).toBe(WEDNESDAY);
    expect(only('The president will speak tonight.')[1]).toBe(WEDNESDAY);
  });

  it('reads yesterday as the day before', () => {
    expect(only('The minister resigned yesterday.')).toEqual(['yesterday', '2025-08-05', 'day']);
  });

  it('reads weeks as their Monday', () => {
    expect(only('Talks could start next week.')).toEqual(['next week', '2025-08-11', 'week']);
    expect(only('The deal collapsed last week.')).toEqual(['last week', '2025-07-28', 'week']);
  });

  it('reads "in the coming days" as a window that opens tomorrow', () => {
    const [coming] = mentions('A summit will be held in the coming days.');
    expect(coming).toMatchObject({ text: 'in the coming days', date: '2025-08-07', precision: 'week', relative: true });
    expect(coming!.until! > coming!.date).toBe(true);
  });

  it('reads "within two weeks" as a window from the article date', () => {
    expect(mentions('He is ready to meet within two weeks.')).toMatchObject([{ date: WEDNESDAY, until: '2025-08-20' }]);
  });
});

describe('months and calendar days', () => {
  it('reads last month as the first of the previous month', () => {
    expect(only('Prices rose sharply last month.')).toEqual(['last month', '2025-07-01', 'month']);
  });

  it('reads a month without a year as the latest such month, or the next one in the future tense', () => {
    expect(only('The talks collapsed in July.')[1]).toBe('2025-07-01');
    expect(only('The talks collapsed in September.')[1]).toBe('2024-09-01');
    expect(only('The leaders will meet again in September.')[1]).toBe('2025-09-01');
  });

  it('reads abbreviated and full calendar days in the article’s year', () => {
    expect(only('The summit is set for Aug. 15 in the north.')).toEqual(['Aug. 15', '2025-08-15', 'day']);
    expect(only('The summit is set for August 15 in the north.')).toEqual(['August 15', '2025-08-15', 'day']);
    expect(only('Video talks will be held on 13 August.')[1]).toBe('2025-08-13');
  });

  it('crosses the year boundary for dates just before a January article', () => {
    expect(only('The ceasefire began on Dec. 30.', '2026-01-03')[1]).toBe('2025-12-30');
    expect(only('The ceasefire began in December.', '2026-01-03')[1]).toBe('2025-12-01');
  });

  it('keeps a stated year and marks it as not relative', () => {
    expect(mentions('Russia invaded in February 2022.')).toMatchObject([
      { text: 'February 2022', date: '2022-02-01', precision: 'month', relative: false },
    ]);
  });
});

describe('what is not a date', () => {
  it.each([
    'The meeting starts at 10 a.m. sharp.',
    'Trump, 79, spoke to reporters.',
    'The motion passed on a 3-2 vote.',
    'She has worked there for 20 years.',
    'He promised to end the war on day one.',
    'One day, he said, the fighting will stop.',
    'Officials recalled the 9/11 attacks.',
    'Theresa May spoke to reporters.',
    'USA Today reported the story first.',
    'It came a week after the announcement.',
    'He now says the talks are over.',
    'The late-night call ended badly.',
  ])('finds no date in “%s”', (text) => {
    expect(mentions(text)).toEqual([]);
  });
});

describe('undated articles', () => {
  it('keep only dates stated in full', () => {
    const found = mentions(
      'They met on Friday. The deal was signed on August 15, 2025. Russia invaded in February 2022.',
      null,
    );
    expect(found.map((mention) => [mention.text, mention.date, mention.precision])).toEqual([
      ['August 15, 2025', '2025-08-15', 'day'],
      ['February 2022', '2022-02-01', 'month'],
    ]);
  });
});

it('groups mentions by the sentence they sit in', () => {
  const text = 'Nothing dated here.\n\nThe envoy arrived on Monday. He will leave on Friday, officials said.';
  const dated = findDatedEvents(article(text));
  expect(dated.map((d) => d.sentence)).toEqual([1, 2]);
  expect(dated[1]!.mentions[0]).toMatchObject({ text: 'on Friday', date: '2025-08-08' });
});
