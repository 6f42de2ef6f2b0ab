import { beforeAll, describe, expect, it } from 'vitest';
import { timeline } from '../../commands/timeline.js';
import { UserFacingError } from '../../src/errors.js';
import type { Services } from '../../src/services.js';
import { expectGrounded, isVerbatim, run, SEEDS_DIR, servicesFrom } from './helpers.js';

describe('/timeline', () => {
  let services: Services;
  beforeAll(async () => {
    services = await servicesFrom(SEEDS_DIR);
  });

  it('lists dated developments in order, each ending in a verbatim sentence and cited', async () => {
    const reply = await run(timeline, services);
    expectGrounded(reply, services);
    const days = reply.items.map((item) => item.text.slice(0, 10));
    for (const day of days) expect(day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(days).toEqual([...days].sort());
    expect(reply.items.length).toBeGreaterThan(0);
    for (const item of reply.items) {
      expect(item.cites).toHaveLength(1);
      expect(isVerbatim(services, item.text.slice(item.text.indexOf(': ') + 2))).toBe(true);
    }
  });

  it('refuses days that are not YYYY-MM-DD, or a since after until', async () => {
    await expect(run(timeline, services, { until: 'next week' })).rejects.toThrow(/YYYY-MM-DD/);
    await expect(run(timeline, services, { since: '2025-08-09', until: '2025-08-01' })).rejects.toThrow(
      UserFacingError,
    );
  });

  it('names the range it covers in its title', async () => {
    const reply = await run(timeline, services, { since: '2025-08-01', until: '2025-08-31', about: 'Putin' });
    expect(reply.title).toBe('Timeline of Putin from 2025-08-01 to 2025-08-31');
  });
});
