import { beforeAll, describe, expect, it } from 'vitest';
import { formatDuration, status } from '../../commands/status.js';
import type { Services } from '../../src/services.js';
import { run, SEEDS_DIR, servicesFrom } from './helpers.js';

describe('/status', () => {
  let services: Services;
  beforeAll(async () => {
    services = await servicesFrom(SEEDS_DIR);
    services.load.skipped.push({ file: 'broken.txt', reason: 'is empty' });
  });

  it('reports what is loaded, what was skipped and why, and how it runs', async () => {
    const text = (await run(status, services)).items.map((item) => item.text).join('\n');
    expect(text).toContain(`Articles loaded: ${services.corpus.size}`);
    expect(text).toContain('Skipped broken.txt: is empty');
    expect(text).toContain(`Corpus version: ${services.corpus.version}`);
    expect(text).toContain(`As of: ${services.corpus.basis().asOf}`);
    expect(text).toContain('Uptime: 30 min 0 s');
    expect(text).toMatch(/Memory: \d+ MiB/);
    expect(text).toContain('Answer mode: extractive (no LLM configured)');
  });

  it('writes durations for people', () => {
    expect(formatDuration(42_000)).toBe('42 s');
    expect(formatDuration(3 * 3600_000 + 5 * 60_000)).toBe('3 h 5 min');
  });
});
