import { beforeAll, describe, expect, it } from 'vitest';
import { who } from '../../commands/who.js';
import type { Services } from '../../src/services.js';
import { expectGrounded, run, SEEDS_DIR, servicesFrom } from './helpers.js';

describe('/who', () => {
  let services: Services;
  beforeAll(async () => {
    services = await servicesFrom(SEEDS_DIR);
  });

  it('lists people and organisations with their mention, article and quote counts', async () => {
    const reply = await run(who, services);
    expectGrounded(reply, services);
    expect(reply.items.length).toBeGreaterThan(0);
    for (const item of reply.items) {
      expect(item.text).toMatch(/\((person|organisation)\).* — \d+ mentions? in \d+ articles?, \d+ quotes?$/);
    }
  });

  it('describes one person with their articles cited', async () => {
    const reply = await run(who, services, { name: 'Leavitt' });
    expectGrounded(reply, services);
    expect(reply.tone).toBe('answer');
    expect(reply.title).toBe('Karoline Leavitt');
    expect(reply.intro).toMatch(/Mentioned \d+ times? in \d+ articles?/);
    expect(reply.citations.length).toBeGreaterThan(0);
  });

  it('says so when the articles do not mention the name', async () => {
    const reply = await run(who, services, { name: 'Zebediah Quillfeather' });
    expect(reply.tone).toBe('not_found');
    expect(reply.intro).toContain("don't mention");
  });
});
