import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect } from 'vitest';
import { loadArticles } from '../../src/articles/load-articles.js';
import { type CommandContext, type CommandDefinition, readOptions } from '../../src/command.js';
import { createIndexedCorpus } from '../../src/corpus/indexed-corpus.js';
import type { Reply } from '../../src/reply.js';
import type { Services } from '../../src/services.js';

export const SEEDS_DIR = resolve(import.meta.dirname, '../../seeds');

/** Wires services the way src/index.ts does, from a folder of articles. */
export async function servicesFrom(dir: string): Promise<Services> {
  const { articles, skipped } = await loadArticles(dir);
  const { corpus, index } = createIndexedCorpus(articles);
  return {
    corpus,
    index,
    load: { loaded: corpus.size, skipped, ms: 1, dir },
    startedAt: new Date('2025-08-10T12:00:00Z'),
  };
}

/** Services over the three fixture articles; the folder they were written to is gone when this returns. */
export async function fixtureServices(): Promise<Services> {
  const dir = await writeFixtureArticles();
  try {
    return await servicesFrom(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Three short articles written for these tests, two of them sharing title words, in a new temporary
 * folder that the caller removes.
 */
export async function writeFixtureArticles(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'newsdesk-commands-'));
  const article = (title: string, date: string, source: string, body: string) =>
    `---\ntitle: ${title}\ndate: ${date}\nsource: ${source}\n---\n\n${body}\n`;
  await writeFile(
    join(dir, 'bridge-reopens.md'),
    article(
      'Harbour bridge reopens after repairs',
      '2025-03-01',
      'Coastal Times',
      'The harbour bridge reopened to traffic on Saturday after six weeks of repairs to its deck.\n\n' +
        '“We are glad the crossing is open again,” said Mayor Jane Ortiz at a ceremony on the south bank.\n\n' +
        'Engineers said the repaired deck should last another forty years.',
    ),
  );
  await writeFile(
    join(dir, 'bridge-tolls.md'),
    article(
      'Harbour bridge tolls to rise in spring',
      '2025-03-10',
      'Bay Herald',
      'Tolls on the harbour bridge will rise by a quarter from April, the city council announced on Monday.\n\n' +
        '“The repairs have to be paid for,” council treasurer Omar Reyes told reporters.',
    ),
  );
  await writeFile(
    join(dir, 'ferry.md'),
    article(
      'Ferry service adds evening crossings',
      '2025-03-15',
      'Coastal Times',
      'The island ferry will add two evening crossings each weekday from next month, its operator said on Friday.',
    ),
  );
  return dir;
}

export function contextFor(services: Services): CommandContext {
  return { services, now: new Date('2025-08-10T12:30:00Z') };
}

/** Runs a command the way a transport does: options typed as text, read and checked first. */
export async function run(
  command: CommandDefinition,
  services: Services,
  raw: Record<string, string> = {},
): Promise<Reply> {
  return command.run(readOptions(command, raw), contextFor(services));
}

/**
 * What every reply resting on articles must satisfy: each [n] points at a citation, citations are
 * numbered 1..N, each excerpt is the article's own text at its offsets, and the footer states the basis.
 */
export function expectGrounded(reply: Reply, services: Services): void {
  expect(reply.citations.map((citation) => citation.n)).toEqual(reply.citations.map((_, i) => i + 1));
  const numbers = new Set(reply.citations.map((citation) => citation.n));
  for (const item of reply.items) for (const n of item.cites) expect(numbers.has(n)).toBe(true);
  for (const citation of reply.citations) {
    const article = services.corpus.get(citation.articleId);
    expect(article).toBeDefined();
    expect(citation.title).toBe(article!.title);
    if (citation.excerpt !== undefined) {
      expect(article!.text.slice(citation.start, citation.end)).toBe(citation.excerpt);
    }
  }
  expect(reply.footer).toMatch(/^As of \d{4}-\d{2}-\d{2} · \d+ articles?$/);
}

/** True when the text appears word for word in some article of the corpus. */
export function isVerbatim(services: Services, text: string): boolean {
  return services.corpus.articles().some((article) => article.text.includes(text));
}
