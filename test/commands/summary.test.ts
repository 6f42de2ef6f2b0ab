import { beforeAll, describe, expect, it } from 'vitest';
import { summary } from '../../commands/summary.js';
import { UserFacingError } from '../../src/errors.js';
import type { Services } from '../../src/services.js';
import { expectGrounded, fixtureServices, isVerbatim, run, SEEDS_DIR, servicesFrom } from './helpers.js';

describe('/summary', () => {
  let seeds: Services;
  let fixtures: Services;
  beforeAll(async () => {
    seeds = await servicesFrom(SEEDS_DIR);
    fixtures = await fixtureServices();
  });

  it('summarises the story in sentences quoted from the articles, each cited', async () => {
    const reply = await run(summary, seeds, { length: 'short' });
    expectGrounded(reply, seeds);
    expect(reply.items.length).toBeGreaterThan(0);
    for (const item of reply.items) {
      expect(isVerbatim(seeds, item.text)).toBe(true);
      expect(item.cites.length).toBeGreaterThan(0);
    }
  });

  it('summarises only the article named by words of its title', async () => {
    const reply = await run(summary, fixtures, { article: 'ferry' });
    expect(reply.title).toBe('Summary of Ferry service adds evening crossings — Coastal Times');
    expectGrounded(reply, fixtures);
    const ferry = fixtures.corpus.articles().find((article) => article.title.startsWith('Ferry'))!;
    for (const citation of reply.citations) expect(citation.articleId).toBe(ferry.id);
  });

  it('refuses a since that is not a YYYY-MM-DD day', async () => {
    await expect(run(summary, seeds, { since: 'yesterdayish' })).rejects.toThrow(UserFacingError);
    await expect(run(summary, seeds, { since: 'yesterdayish' })).rejects.toThrow(/YYYY-MM-DD/);
  });

  it('refuses a length that is not one of its choices', async () => {
    await expect(run(summary, seeds, { length: 'epic' })).rejects.toThrow(/short, standard, detailed/);
  });

  it('refuses an article nothing matches', async () => {
    await expect(run(summary, fixtures, { article: 'volcano' })).rejects.toThrow(UserFacingError);
  });
});
