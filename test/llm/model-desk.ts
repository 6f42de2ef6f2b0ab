import type { Article } from '../../src/articles/types.js';
import { createIndexedCorpus } from '../../src/corpus/indexed-corpus.js';
import type { Services } from '../../src/services.js';
import type { FakeOpenAi } from './fake-openai.js';
import { type ModelOptions, modelServices } from './model-services.js';

/** Services over `articles` with a model on the fake server, as src/index.ts builds them. */
export function servicesWithModel(
  articles: readonly Article[],
  fake: FakeOpenAi,
  options: ModelOptions = {},
): Services {
  const desk = createIndexedCorpus(articles);
  return {
    ...desk,
    load: { loaded: desk.corpus.size, skipped: [], ms: 1, dir: 'test' },
    startedAt: new Date('2025-08-10T12:00:00Z'),
    llm: modelServices(fake, desk, options),
  };
}
