import { beforeAll, describe, expect, it } from 'vitest';
import { sources } from '../../commands/sources.js';
import type { Services } from '../../src/services.js';
import { fixtureServices, run, SEEDS_DIR, servicesFrom } from './helpers.js';

describe('/sources', () => {
  let seeds: Services;
  let fixtures: Services;
  beforeAll(async () => {
    seeds = await servicesFrom(SEEDS_DIR);
    fixtures = await fixtureServices();
  });

  it('lists every article once, with its title, date, source and origin', async () => {
    const reply = await run(sources, seeds);
    expect(reply.items).toHaveLength(seeds.corpus.size);
    expect(reply.citations).toEqual([]);
    expect(reply.footer).toMatch(/^As of \d{4}-\d{2}-\d{2} · \d+ articles?$/);
    const [article] = seeds.corpus.articles();
    expect(reply.items[0]!.text).toContain(article!.title);
    expect(reply.items[0]!.text).toContain(article!.origin);
    expect(reply.items[0]!.text).toContain(article!.date ?? 'undated');
  });

  it('lists articles oldest first', async () => {
    const reply = await run(sources, fixtures);
    expect(reply.items.map((item) => item.text.split(' — ')[0])).toEqual([
      'Harbour bridge reopens after repairs',
      'Harbour bridge tolls to rise in spring',
      'Ferry service adds evening crossings',
    ]);
    expect(reply.items[1]!.text).toContain('Bay Herald, 2025-03-10');
    expect(reply.footer).toBe('As of 2025-03-15 · 3 articles');
  });
});
