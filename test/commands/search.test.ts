import { beforeAll, describe, expect, it } from 'vitest';
import { search } from '../../commands/search.js';
import { UserFacingError } from '../../src/errors.js';
import type { Services } from '../../src/services.js';
import { expectGrounded, isVerbatim, run, SEEDS_DIR, servicesFrom } from './helpers.js';

describe('/search', () => {
  let services: Services;
  beforeAll(async () => {
    services = await servicesFrom(SEEDS_DIR);
  });

  it('lists matching sentences word for word, each cited to its article', async () => {
    const reply = await run(search, services, { query: 'Witkoff Moscow' });
    expectGrounded(reply, services);
    expect(reply.items.length).toBeGreaterThan(0);
    for (const item of reply.items) {
      expect(isVerbatim(services, item.text)).toBe(true);
      expect(item.cites).toHaveLength(1);
    }
  });

  it('finds the same sentences for a query typed in fullwidth letters or with invisible characters', async () => {
    const plain = await run(search, services, { query: 'Witkoff Moscow' });
    const fullwidth = await run(search, services, { query: 'Ｗｉｔｋｏｆｆ Ｍｏｓｃｏｗ' });
    const invisible = await run(search, services, { query: 'Wit\u200Bkoff Mos\u202Ecow' });
    expect(fullwidth.items).toEqual(plain.items);
    expect(invisible.items).toEqual(plain.items);
  });

  it('says so when nothing matches', async () => {
    const reply = await run(search, services, { query: 'zeppelin' });
    expect(reply.tone).toBe('not_found');
    expect(reply.items).toEqual([]);
  });

  it('refuses to run without a query', async () => {
    await expect(run(search, services, {})).rejects.toThrow(UserFacingError);
  });
});
