import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { warmStoryViews } from '../../src/corpus/warm-views.js';
import { summarise } from '../../src/summaries/summarise.js';
import { fixtureServices } from '../commands/helpers.js';

function collectingLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

describe('warmStoryViews', () => {
  it('builds the story-wide views before anyone asks, and says how long it took', async () => {
    const services = await fixtureServices();
    const { logger, lines } = collectingLogger();
    warmStoryViews(services.corpus, logger);
    await new Promise((resolve) => setImmediate(resolve));
    const built = lines.find((line) => line.msg === 'story views built');
    expect(built?.articles).toBe(services.corpus.size);
    expect(typeof built?.ms).toBe('number');
    // Built for this corpus version: asking again returns the same summary.
    expect(summarise(services.corpus)).toEqual(summarise(services.corpus));
    services.index.close();
  });
});
