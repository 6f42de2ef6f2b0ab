import { beforeAll, describe, expect, it } from 'vitest';
import { quote } from '../../commands/quote.js';
import { UserFacingError } from '../../src/errors.js';
import type { Services } from '../../src/services.js';
import { expectGrounded, fixtureServices, run, SEEDS_DIR, servicesFrom } from './helpers.js';

describe('/quote', () => {
  let seeds: Services;
  let fixtures: Services;
  beforeAll(async () => {
    seeds = await servicesFrom(SEEDS_DIR);
    fixtures = await fixtureServices();
  });

  it('shows each quote verbatim inside curly quotes with who said it, cited to its span', async () => {
    for (const services of [seeds, fixtures]) {
      const reply = await run(quote, services);
      expectGrounded(reply, services);
      expect(reply.items.length).toBeGreaterThan(0);
      for (const [i, item] of reply.items.entries()) {
        const words = /^“(.+)” — (.+)$/s.exec(item.text);
        expect(words, item.text).not.toBeNull();
        // One citation per article: its excerpt is the first quote cited, so later quotes are checked against the text.
        const citation = reply.citations.find((c) => c.n === item.cites[0])!;
        expect(services.corpus.get(citation.articleId)!.text, `item ${i}`).toContain(words![1]);
      }
    }
  });

  it('says so when nobody by that name is quoted', async () => {
    const reply = await run(quote, fixtures, { speaker: 'Nobody Atall' });
    expect(reply.tone).toBe('not_found');
    expect(reply.intro).toContain('Nobody Atall');
    expect(reply.items).toEqual([]);
  });

  it('refuses an article nothing matches', async () => {
    await expect(run(quote, fixtures, { article: 'volcano' })).rejects.toThrow(UserFacingError);
  });
});
