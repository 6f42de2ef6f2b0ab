import { beforeAll, describe, expect, it } from 'vitest';
import { articleOption, type CommandDefinition, dayOption, matchArticles, readOptions } from '../../src/command.js';
import { UserFacingError } from '../../src/errors.js';
import type { Services } from '../../src/services.js';
import { fixtureServices } from './helpers.js';

const command: CommandDefinition = {
  name: 'demo',
  description: 'A command for these tests',
  options: [
    { name: 'text', description: 'Some words', type: 'string', required: true, maxLength: 20 },
    { name: 'count', description: 'How many', type: 'integer', minValue: 1, maxValue: 10 },
    { name: 'loud', description: 'Shout', type: 'boolean' },
    {
      name: 'size',
      description: 'A size',
      type: 'string',
      choices: [
        { name: 'Small', value: 's' },
        { name: 'Large', value: 'l' },
      ],
    },
  ],
  run: () => ({ tone: 'info', title: 'demo', items: [], citations: [] }),
};

describe('reading options', () => {
  it('types integers, booleans and choices as the command declares them', () => {
    expect(readOptions(command, { text: 'hi', count: '3', loud: 'yes', size: 'large' })).toEqual({
      text: 'hi',
      count: 3,
      loud: true,
      size: 'l',
    });
  });

  it('lists every problem in one polite error', () => {
    const error = (() => {
      try {
        readOptions(command, { count: '99', loud: 'perhaps', size: 'huge', colour: 'red' });
      } catch (err) {
        return err;
      }
    })();
    expect(error).toBeInstanceOf(UserFacingError);
    const message = (error as Error).message;
    expect(message).toContain('no option "colour"');
    expect(message).toContain('needs text');
    expect(message).toContain('at most 10');
    expect(message).toContain('yes or no');
    expect(message).toContain('one of Small, Large');
  });

  it('refuses a string longer than the option allows', () => {
    expect(() => readOptions(command, { text: 'x'.repeat(21) })).toThrow(/at most 20 characters/);
  });

  it('refuses a day that is not written as YYYY-MM-DD, saying the right form', () => {
    expect(() => dayOption({ since: 'yesterdayish' }, 'since')).toThrow(UserFacingError);
    expect(() => dayOption({ since: 'yesterdayish' }, 'since')).toThrow(/YYYY-MM-DD/);
    expect(() => dayOption({ since: '2025-02-30' }, 'since')).toThrow(UserFacingError);
    expect(dayOption({ since: '2025-08-01' }, 'since')).toBe('2025-08-01');
    expect(dayOption({}, 'since')).toBeUndefined();
  });
});

describe('the article option', () => {
  let services: Services;
  beforeAll(async () => {
    services = await fixtureServices();
  });

  it('accepts an id, a prefix of it, or words of the title', () => {
    const tolls = services.corpus.articles().find((article) => article.title.includes('tolls'))!;
    expect(articleOption({ article: tolls.id }, 'article', services.corpus)).toBe(tolls);
    expect(articleOption({ article: tolls.id.slice(0, 6) }, 'article', services.corpus)).toBe(tolls);
    expect(articleOption({ article: 'Bridge TOLLS' }, 'article', services.corpus)).toBe(tolls);
  });

  it('asks which article is meant when the words fit several', () => {
    expect(matchArticles(services.corpus, 'harbour bridge')).toHaveLength(2);
    expect(() => articleOption({ article: 'harbour bridge' }, 'article', services.corpus)).toThrow(/which one/);
  });

  it('refuses an article nothing matches, pointing at /sources', () => {
    expect(() => articleOption({ article: 'volcano' }, 'article', services.corpus)).toThrow(UserFacingError);
    expect(() => articleOption({ article: 'volcano' }, 'article', services.corpus)).toThrow(/\/sources/);
  });
});
