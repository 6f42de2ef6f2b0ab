import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildArticle } from '../../src/articles/article.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';

/** Two small articles of one story, for the tests of a corpus kept in and followed from a store. */
export const FERRY = buildArticle(
  '“We are back at the wheel,” said union leader Sam Reyes on Sunday, as ferry crews returned to work.',
  { title: 'Ferry strike ends', date: '2025-03-02' },
  'ferry.md',
);
export const TRAM = buildArticle(
  'The new tram line carried its first riders along the seafront on Monday.',
  { title: 'Tram line opens', date: '2025-03-03' },
  'tram.md',
);

/** A SQLite store in a folder of its own; `cleanups` closes it and removes the folder. */
export async function temporaryStore(name: string, cleanups: Array<() => unknown>): Promise<SqliteStore> {
  const dir = mkdtempSync(join(tmpdir(), `newsdesk-${name}-`));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const store = await SqliteStore.open(join(dir, 'store.sqlite'));
  cleanups.push(() => store.close());
  return store;
}
