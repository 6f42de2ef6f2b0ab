import { beforeAll, describe, expect, it } from 'vitest';
import { ask } from '../../commands/ask.js';
import { UserFacingError } from '../../src/errors.js';
import type { Services } from '../../src/services.js';
import { expectGrounded, isVerbatim, run, SEEDS_DIR, servicesFrom } from './helpers.js';

describe('/ask', () => {
  let services: Services;
  beforeAll(async () => {
    services = await servicesFrom(SEEDS_DIR);
  });

  it('answers with verbatim sentences, each cited, and states its basis', async () => {
    const reply = await run(ask, services, { question: 'When could the meeting happen?' });
    expect(reply.tone).toBe('answer');
    expect(reply.items.length).toBeGreaterThan(0);
    expect(reply.title).toBe('When could the meeting happen?');
    expectGrounded(reply, services);
    for (const item of reply.items) {
      // The first may open with the short answer ("next week — "), a span of the sentence it leads.
      const [, short, sentence] = /^(?:(.+?) — )?(.*)$/s.exec(item.text)!;
      expect(isVerbatim(services, sentence!)).toBe(true);
      if (short) expect(sentence).toContain(short);
      expect(item.cites).toHaveLength(1);
    }
  });

  it('says plainly when the articles do not answer, and shows the closest passages cited', async () => {
    const reply = await run(ask, services, { question: 'What is the boiling point of mercury?' });
    expect(reply.tone).toBe('not_found');
    expect(reply.intro).toMatch(/^The articles don't say/);
    expectGrounded(reply, services);
    for (const item of reply.items) expect(item.cites.length).toBeGreaterThan(0);
  });

  it('refuses to run without a question', async () => {
    await expect(run(ask, services, {})).rejects.toThrow(UserFacingError);
  });
});
