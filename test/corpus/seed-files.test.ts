import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fileState } from '../../src/articles/article-files.js';
import { openCorpus } from '../../src/corpus/open-corpus.js';
import { createLogger } from '../../src/logger.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const SUMMIT = 'date 2025-08-10 Leaders will meet in Alaska on Friday.\n\nThe summit could last several hours.\n';
const STORM = 'date 2025-08-11 Heavy rain is expected across the region.\n\nForecasters expect flooding.\n';

describe('the seed files a start tells the seeds watcher it read', () => {
  it('leave out a copy of another file, a file that could not be read, and one changed just before', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'newsdesk-seed-files-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const seeds = join(dir, 'seeds');
    mkdirSync(seeds);
    // A whole second: utimes takes seconds as a float, which a time in milliseconds may not survive.
    const hourAgo = new Date(Math.floor(Date.now() / 1000 - 3600) * 1000);
    const write = (name: string, text: string, when: Date | null = hourAgo) => {
      writeFileSync(join(seeds, name), text);
      if (when) utimesSync(join(seeds, name), when, when);
    };
    write('a-summit.txt', SUMMIT);
    write('b-copy.txt', SUMMIT);
    write('c-empty.txt', '');
    write('d-storm.txt', STORM);
    write('e-just-written.txt', STORM.replace('Heavy', 'Light'), null);
    const store = await SqliteStore.open(join(dir, 'store.sqlite'));
    cleanups.push(() => store.close());
    const opened = await openCorpus({
      seedsDir: seeds,
      dataDir: dir,
      store: store.articles,
      logger: createLogger({ level: 'silent' }),
    });
    cleanups.push(() => opened.index.close());
    const stateOf = (text: string) => fileState(Buffer.byteLength(text), hourAgo.getTime());
    expect(Object.fromEntries(opened.seedFiles)).toEqual({
      'a-summit.txt': stateOf(SUMMIT),
      'd-storm.txt': stateOf(STORM),
    });
  });
});
