import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { analyseArticle } from '../../src/articles/analysis.js';
import { articleFromParts, partsOf } from '../../src/articles/article-parts.js';
import {
  ArticleWorkers,
  ArticleWorkersClosed,
  FILES_BEFORE_THREADS,
  FILES_WORTH_THREADS,
} from '../../src/articles/article-workers.js';
import { loadArticleFile } from '../../src/articles/load-articles.js';
import { openCorpus } from '../../src/corpus/open-corpus.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const MAX_BYTES = 1_000_000;

function temporaryDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `newsdesk-${name}-`));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** More article files than a start parses on its own thread, each with a name, a quote and dates. */
function writeFolder(count: number): string {
  const dir = temporaryDir('workers-seeds');
  const seeds = join(dir, 'seeds');
  for (let i = 0; i < count; i++) {
    const folder = join(seeds, String(Math.floor(i / 100)));
    mkdirSync(folder, { recursive: true });
    const day = String(1 + (i % 28)).padStart(2, '0');
    writeFileSync(
      join(folder, `pier-${i}.md`),
      `---\ntitle: Pier ${i} reopens\ndate: 2025-03-${day}\n---\n\n` +
        `Harbour master Lena Okafor said on Monday that pier ${i} would reopen within a week.\n\n` +
        `“Pier ${i} is safe again,” Okafor told reporters. Repairs began in February after a storm.`,
    );
  }
  return seeds;
}

async function openFolder(
  seeds: string,
  workerThreads: number,
  logged: string[] = [],
  dataDir = temporaryDir('workers-data'),
) {
  const store = await SqliteStore.open(join(dataDir, 'store.sqlite'));
  cleanups.push(() => store.close());
  const opened = await openCorpus({
    seedsDir: seeds,
    dataDir,
    store: store.articles,
    workerThreads,
    // Several batches, so some are analysed in the threads while another is indexed and stored.
    analysisBatch: 50,
    logger: pino({ level: 'warn' }, { write: (line: string) => logged.push(line) }),
  });
  cleanups.push(() => opened.index.close());
  return opened;
}

describe('article worker threads', () => {
  it('give a first start of a large folder the articles and analyses one thread makes', async () => {
    const seeds = writeFolder(FILES_WORTH_THREADS + 60);
    const alone = await openFolder(seeds, 0);
    const logged: string[] = [];
    const threaded = await openFolder(seeds, 2, logged);
    // No thread stopped and left its work to the main thread, and the threads did the work: the
    // files past the first ones and the analysis.
    expect(logged).toEqual([]);
    expect(alone.jobsInThreads).toBe(0);
    expect(threaded.jobsInThreads).toBeGreaterThan(FILES_WORTH_THREADS + 60 - FILES_BEFORE_THREADS);
    expect(threaded.parsedFiles).toBe(alone.parsedFiles);
    expect(threaded.analysed).toBe(FILES_WORTH_THREADS + 60);
    const articles = alone.corpus.articles();
    expect(threaded.corpus.articles().map((article) => article.id)).toEqual(articles.map((article) => article.id));
    for (const article of articles) {
      const other = threaded.corpus.get(article.id)!;
      expect({ ...other, sentences: other.sentences }).toEqual({ ...article, sentences: article.sentences });
      expect(threaded.corpus.analysis(article.id)).toEqual(alone.corpus.analysis(article.id));
      expect(threaded.corpus.analysis(article.id)?.quotes.length).toBeGreaterThan(0);
    }
    expect(threaded.index.search('pier reopen', { limit: 50 })).toEqual(
      alone.index.search('pier reopen', { limit: 50 }),
    );
  });

  it('are not started by a restart of a large folder that finds a few hundred files changed', async () => {
    const seeds = writeFolder(FILES_WORTH_THREADS + 60);
    const dataDir = temporaryDir('workers-data');
    const first = await openFolder(seeds, 2, [], dataDir);
    expect(first.jobsInThreads).toBeGreaterThan(0);
    first.index.close();
    const changed = 300;
    for (let i = 0; i < changed; i++) {
      const file = join(seeds, String(Math.floor(i / 100)), `pier-${i}.md`);
      writeFileSync(file, `---\ntitle: Pier ${i} closes\ndate: 2025-04-01\n---\n\nPier ${i} closed again on Tuesday.`);
    }
    const restart = await openFolder(seeds, 2, [], dataDir);
    expect(restart.parsedFiles).toBe(changed);
    expect(restart.jobsInThreads).toBe(0);
  });

  it('parse and analyse in threads as the main thread does, whatever the working directory', async () => {
    const seeds = writeFolder(3);
    const files = readdirSync(join(seeds, '0'));
    const workingDir = process.cwd();
    process.chdir(tmpdir());
    cleanups.push(() => process.chdir(workingDir));
    const stopped: Error[] = [];
    const workers = new ArticleWorkers(2, (error) => stopped.push(error));
    cleanups.push(() => workers.close());
    for (const file of files) {
      const path = join('0', file);
      const here = await loadArticleFile(seeds, seeds, path, MAX_BYTES);
      const there = await workers.parse(seeds, seeds, path, MAX_BYTES);
      expect(there.articles.map(articleFromParts)).toEqual(here.articles);
      const analyses = await workers.analyse(here.articles.map(partsOf));
      expect(analyses).toEqual(here.articles.map(analyseArticle));
    }
    expect(stopped).toEqual([]);
    expect(workers.jobsInThreads).toBe(2 * files.length);
  });

  it('fail the jobs in hand, and later ones, once closed: the start they were part of is over', async () => {
    const seeds = writeFolder(20);
    const files = readdirSync(join(seeds, '0')).map((file) => join('0', file));
    const workers = new ArticleWorkers(2);
    const jobs = files.map((file) => workers.parse(seeds, seeds, file, MAX_BYTES).catch((error: unknown) => error));
    await workers.close();
    for (const outcome of await Promise.all(jobs)) expect(outcome).toBeInstanceOf(ArticleWorkersClosed);
    await expect(workers.parse(seeds, seeds, files[0]!, MAX_BYTES)).rejects.toBeInstanceOf(ArticleWorkersClosed);
    expect(workers.jobsInThreads).toBe(0);
  });

  it('are done on the main thread when no thread can run', async () => {
    const seeds = writeFolder(2);
    const file = join('0', readdirSync(join(seeds, '0'))[0]!);
    const workers = new ArticleWorkers(0);
    cleanups.push(() => workers.close());
    const parsed = await workers.parse(seeds, seeds, file, MAX_BYTES);
    expect(parsed.articles.map(articleFromParts)).toEqual(
      (await loadArticleFile(seeds, seeds, file, MAX_BYTES)).articles,
    );
    expect(workers.jobsInThreads).toBe(0);
  });
});
