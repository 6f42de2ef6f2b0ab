import { describe, expect, it, vi } from 'vitest';
import { nameWordsOf } from '../../src/conversations/answer-people.js';
import { warmStoryViews } from '../../src/corpus/warm-views.js';
import { summarise } from '../../src/summaries/summarise.js';
import { fixtureServices } from '../commands/helpers.js';
import { capturingLogger } from '../support/capturing-logger.js';

describe('warmStoryViews', () => {
  it('builds the story-wide views before anyone asks, and says how long it took', async () => {
    const services = await fixtureServices();
    const { logger, lines } = capturingLogger('info');
    warmStoryViews(services.corpus, logger);
    await new Promise((resolve) => setImmediate(resolve));
    const built = lines.find((line) => line.msg === 'story views built');
    expect(built?.articles).toBe(services.corpus.size);
    expect(typeof built?.ms).toBe('number');
    // Built for this corpus version: asking again returns the same summary.
    expect(summarise(services.corpus)).toEqual(summarise(services.corpus));
    // And a follow-up question's names are known without reading any article's analysis again.
    const reads = vi.spyOn(services.corpus, 'analysisOnce');
    expect(nameWordsOf(services.corpus).size).toBeGreaterThan(0);
    expect(reads).not.toHaveBeenCalled();
    services.index.close();
  });
});
