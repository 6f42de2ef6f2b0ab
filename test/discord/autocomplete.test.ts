import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { relevance, suggest } from '../../src/discord/autocomplete.js';
import type { Services } from '../../src/services.js';
import { fixtureServices, SEEDS_DIR, servicesFrom } from '../commands/helpers.js';

describe('autocomplete', () => {
  let seeds: Services;
  let fixtures: Services;

  beforeAll(async () => {
    seeds = await servicesFrom(SEEDS_DIR);
    fixtures = await fixtureServices();
  });

  it('suggests the person whose name starts with what is typed first', () => {
    const choices = suggest(seeds.corpus, 'person', 'leav');
    expect(choices[0]).toMatchObject({ value: 'Karoline Leavitt' });
    expect(choices[0]!.name).toMatch(/^Karoline Leavitt/);
  });

  it('suggests the most mentioned people when nothing is typed yet', () => {
    const choices = suggest(seeds.corpus, 'person', '');
    expect(choices.length).toBeGreaterThan(1);
    expect(choices.length).toBeLessThanOrEqual(25);
  });

  it('suggests only people who are quoted for a speaker', () => {
    const speakers = suggest(seeds.corpus, 'speaker', '');
    expect(speakers.length).toBeGreaterThan(0);
    expect(speakers.length).toBeLessThanOrEqual(suggest(seeds.corpus, 'topic', '').length);
  });

  it('suggests articles by title words, the article id as the value', () => {
    const choices = suggest(fixtures.corpus, 'article', 'harbour bridge reop');
    expect(choices[0]!.name).toMatch(/^Harbour bridge reopens/);
    expect(fixtures.corpus.get(choices[0]!.value)).toBeDefined();
  });

  it('finds an article by the first characters of its id', () => {
    const [article] = fixtures.corpus.articles();
    expect(suggest(fixtures.corpus, 'article', article!.id.slice(0, 6))[0]!.value).toBe(article!.id);
  });

  it('suggests an article whose title hides control or bidirectional characters without them', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'newsdesk-autocomplete-'));
    try {
      await writeFile(
        join(dir, 'hostile.json'),
        JSON.stringify({ title: 'Ferry \u001b]0;owned\u0007news \u202Ereversed', body: 'The ferry sailed on time.' }),
      );
      const { corpus } = await servicesFrom(dir);
      const [first] = suggest(corpus, 'article', 'ferry');
      expect(first?.name).toMatch(/^Ferry news reversed/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('suggests nothing when no word matches', () => {
    expect(suggest(seeds.corpus, 'person', 'zzzzqqq')).toEqual([]);
  });

  it('keeps within Discord limits: 25 choices, names and values of at most 100 characters', () => {
    for (const kind of ['article', 'person', 'speaker', 'topic'] as const) {
      for (const typed of ['', 'a', 'president', 'x'.repeat(300)]) {
        const choices = suggest(seeds.corpus, kind, typed);
        expect(choices.length).toBeLessThanOrEqual(25);
        for (const choice of choices) {
          expect(choice.name.length).toBeGreaterThan(0);
          expect(choice.name.length).toBeLessThanOrEqual(100);
          expect(choice.value.length).toBeLessThanOrEqual(100);
        }
      }
    }
  });

  it('ranks a whole word above the start of a word, and rules out a missing word', () => {
    expect(relevance('trump', 'Donald Trump')).toBeGreaterThan(relevance('tru', 'Donald Trump'));
    expect(relevance('putin trump', 'Donald Trump')).toBe(0);
  });
});
