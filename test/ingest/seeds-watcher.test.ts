import { execFileSync } from 'node:child_process';
import {
  appendFileSync,
  mkdirSync,
  mkdtempSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fileState } from '../../src/articles/article-files.js';
import { loadArticles } from '../../src/articles/load-articles.js';
import { createIndexedCorpus } from '../../src/corpus/indexed-corpus.js';
import { applyChange } from '../../src/ingest/apply-change.js';
import type { ArticleChange, IngestLogger } from '../../src/ingest/article-change.js';
import { type SeedsWatcher, watchSeeds } from '../../src/ingest/seeds-watcher.js';
import { recordingLogger } from './recording-logger.js';

const DEBOUNCE_MS = 150;
const WAIT = { timeout: 5_000, interval: 20 };

const SUMMIT = 'date 2025-08-10 Leaders will meet in Alaska on Friday.\n\nThe summit could last several hours.\n';
const SUMMIT_REVISED =
  'date 2025-08-10 Leaders will meet in Anchorage on Friday.\n\nThe summit could last several hours.\n';
const STORM = 'date 2025-08-11 Heavy rain is expected across the region.\n\nForecasters expect flooding.\n';

describe('watchSeeds', () => {
  let dir: string;
  let changes: ArticleChange[];
  let logger: ReturnType<typeof recordingLogger>;
  let watcher: SeedsWatcher | null;

  const start = async (initialFromDisk = false) => {
    const initial = initialFromDisk ? (await loadArticles(dir)).articles : [];
    watcher = watchSeeds(dir, {
      logger,
      debounceMs: DEBOUNCE_MS,
      initial: { articles: initial },
      onChange: (change) => {
        changes.push(change);
      },
    });
  };
  /** Waits until the watcher has finished with `file` (settled, whether or not anything changed). */
  const settled = (file: string) =>
    vi.waitFor(() => {
      expect(logger.entries.some((entry) => entry.message === 'seed file settled' && entry.data.file === file)).toBe(
        true,
      );
    }, WAIT);
  const forgetLog = () => logger.entries.splice(0);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'newsdesk-seeds-'));
    changes = [];
    logger = recordingLogger();
    watcher = null;
  });
  afterEach(async () => {
    await watcher?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('announces a new file as an added article whose origin is its path in the folder', async () => {
    await start();
    writeFileSync(join(dir, 'summit.txt'), SUMMIT);
    await vi.waitFor(() => expect(changes).toHaveLength(1), WAIT);
    expect(changes[0]).toMatchObject({ kind: 'added', origin: 'summit.txt', article: { date: '2025-08-10' } });
  });

  it('announces a rewritten file as an update of the same article, naming the version it replaces', async () => {
    await start();
    writeFileSync(join(dir, 'summit.txt'), SUMMIT);
    await vi.waitFor(() => expect(changes).toHaveLength(1), WAIT);
    const first = changes[0]?.kind === 'added' ? changes[0].article : null;
    writeFileSync(join(dir, 'summit.txt'), SUMMIT_REVISED);
    await vi.waitFor(() => expect(changes).toHaveLength(2), WAIT);
    expect(changes[1]).toMatchObject({ kind: 'updated', origin: 'summit.txt', previousArticleId: first?.id });
    expect(changes[1]?.kind === 'updated' && changes[1].article.text).toContain('Anchorage');
  });

  it('says nothing when a file is rewritten with identical content', async () => {
    await start();
    writeFileSync(join(dir, 'summit.txt'), SUMMIT);
    await vi.waitFor(() => expect(changes).toHaveLength(1), WAIT);
    forgetLog();
    writeFileSync(join(dir, 'summit.txt'), SUMMIT);
    await settled('summit.txt');
    expect(changes).toHaveLength(1);
  });

  it('withdraws the article when its file is deleted', async () => {
    await start();
    writeFileSync(join(dir, 'summit.txt'), SUMMIT);
    await vi.waitFor(() => expect(changes).toHaveLength(1), WAIT);
    const added = changes[0]?.kind === 'added' ? changes[0].article : null;
    unlinkSync(join(dir, 'summit.txt'));
    await vi.waitFor(() => expect(changes).toHaveLength(2), WAIT);
    expect(changes[1]).toEqual({ kind: 'removed', origin: 'summit.txt', articleId: added?.id });
  });

  it('announces a file written in two chunks once, with its full text, never the partial first chunk', async () => {
    await start();
    const [head, tail] = [SUMMIT.slice(0, 40), SUMMIT.slice(40)];
    writeFileSync(join(dir, 'summit.txt'), head);
    await new Promise((resolve) => setTimeout(resolve, DEBOUNCE_MS / 2));
    appendFileSync(join(dir, 'summit.txt'), tail);
    await vi.waitFor(() => expect(changes).toHaveLength(1), WAIT);
    forgetLog();
    writeFileSync(join(dir, 'other.txt'), STORM); // a later file settling shows the watcher has moved on
    await settled('other.txt');
    expect(changes.filter((change) => change.origin === 'summit.txt')).toHaveLength(1);
    expect(changes[0]?.kind === 'added' && changes[0].article.text).toBe(SUMMIT.slice('date 2025-08-10 '.length));
  });

  it('keeps working beside symbolic-link loops: new files are read, removals noticed, no error logged', async () => {
    mkdirSync(join(dir, 'sub'));
    symlinkSync('..', join(dir, 'sub', 'up'));
    symlinkSync('loop-b', join(dir, 'loop-a'));
    symlinkSync('loop-a', join(dir, 'loop-b'));
    await start();
    writeFileSync(join(dir, 'summit.txt'), SUMMIT);
    writeFileSync(join(dir, 'sub', 'storm.txt'), STORM);
    await vi.waitFor(() => expect(changes).toHaveLength(2), WAIT);
    unlinkSync(join(dir, 'summit.txt'));
    await vi.waitFor(() => expect(changes).toHaveLength(3), WAIT);
    const seen = changes.map((change) => `${change.kind} ${change.origin}`);
    // The two files written together settle in either order.
    expect(seen.slice(0, 2).sort()).toEqual(['added sub/storm.txt', 'added summit.txt']);
    expect(seen[2]).toBe('removed summit.txt');
    symlinkSync('loop-a', join(dir, 'loop-c'));
    await vi.waitFor(() => expect(logger.entries.some((entry) => entry.data.file === 'loop-c')).toBe(true), WAIT);
    expect(logger.entries.find((entry) => entry.data.file === 'loop-c')?.data.reason).toBe(
      'link cannot be followed (ELOOP)',
    );
    expect(logger.entries.filter((entry) => entry.level === 'error')).toEqual([]);
  });

  it('skips a FIFO and a link out of the folder with a reason, never opening them, and carries on', async () => {
    await start();
    execFileSync('mkfifo', [join(dir, 'pipe.txt')]);
    symlinkSync('/etc/hostname', join(dir, 'hostname.txt'));
    await vi.waitFor(() => expect(logger.entries.filter((entry) => entry.level === 'warn')).toHaveLength(2), WAIT);
    writeFileSync(join(dir, 'summit.txt'), SUMMIT);
    await vi.waitFor(() => expect(changes).toHaveLength(1), WAIT);
    expect(changes[0]).toMatchObject({ kind: 'added', origin: 'summit.txt' });
    const warnings = logger.entries.filter((entry) => entry.level === 'warn').map((entry) => entry.data);
    expect(warnings).toEqual(
      expect.arrayContaining([
        { file: 'pipe.txt', reason: 'a FIFO, not a regular file (never opened)' },
        { file: 'hostname.txt', reason: 'link to something outside the articles folder (not followed)' },
      ]),
    );
  });

  it('announces a file written after the folder was loaded but before watching began', async () => {
    writeFileSync(join(dir, 'summit.txt'), SUMMIT);
    const initial = (await loadArticles(dir)).articles;
    mkdirSync(join(dir, 'later'));
    writeFileSync(join(dir, 'later', 'storm.txt'), STORM);
    watcher = watchSeeds(dir, {
      logger,
      debounceMs: DEBOUNCE_MS,
      initial: { articles: initial },
      onChange: (change) => void changes.push(change),
    });
    await vi.waitFor(() => expect(changes).toHaveLength(1), WAIT);
    await settled('summit.txt');
    expect(changes.map((change) => [change.kind, change.origin])).toEqual([['added', 'later/storm.txt']]);
  });

  it('warns about a binary file with its name and the reason, and announces nothing', async () => {
    await start();
    writeFileSync(join(dir, 'photo.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x0d, 0x0a, 0x1a]));
    await vi.waitFor(() => expect(logger.entries.some((entry) => entry.level === 'warn')).toBe(true), WAIT);
    expect(logger.entries.find((entry) => entry.level === 'warn')?.data).toEqual({
      file: 'photo.txt',
      reason: 'binary file',
    });
    expect(changes).toEqual([]);
  });

  it('keeps the previous version when a known file is saved in a form that does not parse', async () => {
    await start();
    writeFileSync(join(dir, 'summit.json'), JSON.stringify({ text: 'The summit is set for Friday.' }));
    await vi.waitFor(() => expect(changes).toHaveLength(1), WAIT);
    forgetLog();
    writeFileSync(join(dir, 'summit.json'), '{"text": "The summit is');
    await settled('summit.json');
    expect(logger.entries.find((entry) => entry.level === 'warn')?.data.reason).toMatch(/^invalid JSON/);
    expect(changes).toHaveLength(1);
  });

  it('does not announce files loaded at start-up again, and withdraws them by the id they were loaded with', async () => {
    writeFileSync(join(dir, 'summit.txt'), SUMMIT);
    const [loaded] = (await loadArticles(dir)).articles;
    await start(true);
    writeFileSync(join(dir, 'summit.txt'), SUMMIT);
    await settled('summit.txt');
    expect(changes).toEqual([]);
    unlinkSync(join(dir, 'summit.txt'));
    await vi.waitFor(() => expect(changes).toHaveLength(1), WAIT);
    expect(changes[0]).toEqual({ kind: 'removed', origin: 'summit.txt', articleId: loaded?.id });
  });

  it('does not read again a file still as the start read it, and reads one changed since', async () => {
    writeFileSync(join(dir, 'summit.txt'), SUMMIT);
    writeFileSync(join(dir, 'storm.txt'), STORM);
    const stateOf = (name: string) => {
      const info = statSync(join(dir, name));
      return fileState(info.size, info.mtimeMs);
    };
    const files = new Map(['summit.txt', 'storm.txt'].map((name) => [name, stateOf(name)] as const));
    // Read by the start (articles and files); then storm.txt changes before the watcher starts.
    const { articles } = await loadArticles(dir);
    writeFileSync(join(dir, 'storm.txt'), STORM.replace('Heavy rain', 'Light rain and wind'));
    watcher = watchSeeds(dir, {
      logger,
      debounceMs: DEBOUNCE_MS,
      initial: { articles, files },
      onChange: (change) => void changes.push(change),
    });
    await settled('storm.txt');
    expect(changes).toEqual([expect.objectContaining({ kind: 'updated', origin: 'storm.txt' })]);
    expect(
      logger.entries.some((entry) => entry.message === 'seed file settled' && entry.data.file === 'summit.txt'),
    ).toBe(false);
  });

  it('reads files in folders, including a folder moved in whole, and withdraws them when the folder goes', async () => {
    await start();
    const staging = mkdtempSync(join(tmpdir(), 'newsdesk-staging-'));
    mkdirSync(join(staging, 'day2'));
    writeFileSync(join(staging, 'day2', 'storm.txt'), STORM);
    renameSync(join(staging, 'day2'), join(dir, 'day2'));
    rmSync(staging, { recursive: true });
    await vi.waitFor(() => expect(changes).toHaveLength(1), WAIT);
    expect(changes[0]).toMatchObject({ kind: 'added', origin: 'day2/storm.txt' });
    rmSync(join(dir, 'day2'), { recursive: true });
    await vi.waitFor(() => expect(changes).toHaveLength(2), WAIT);
    expect(changes[1]).toMatchObject({ kind: 'removed', origin: 'day2/storm.txt' });
  });

  it('ignores hidden files, so writing to a dot-file and renaming it into place announces it once', async () => {
    await start();
    writeFileSync(join(dir, '.summit.txt.tmp'), SUMMIT);
    renameSync(join(dir, '.summit.txt.tmp'), join(dir, 'summit.txt'));
    await vi.waitFor(() => expect(changes).toHaveLength(1), WAIT);
    forgetLog();
    writeFileSync(join(dir, 'other.txt'), STORM);
    await settled('other.txt');
    expect(changes.map((change) => change.origin)).toEqual(['summit.txt', 'other.txt']);
  });

  it('keeps the original when a copy of it is deleted (both hold the same article)', async () => {
    await start();
    writeFileSync(join(dir, 'summit.txt'), SUMMIT);
    await vi.waitFor(() => expect(changes).toHaveLength(1), WAIT);
    writeFileSync(join(dir, 'copy.txt'), SUMMIT);
    await settled('copy.txt');
    forgetLog();
    unlinkSync(join(dir, 'copy.txt'));
    await settled('copy.txt');
    expect(changes.map((change) => change.kind)).toEqual(['added']);
  });

  it('reports nothing after close()', async () => {
    await start();
    await watcher?.close();
    writeFileSync(join(dir, 'summit.txt'), SUMMIT);
    await new Promise((resolve) => setTimeout(resolve, DEBOUNCE_MS * 4));
    expect(changes).toEqual([]);
  });

  it('withdraws a deleted file from answers and search at once when its changes are applied to the corpus', async () => {
    const { corpus, index } = createIndexedCorpus();
    watcher = watchSeeds(dir, { logger, debounceMs: DEBOUNCE_MS, onChange: (change) => applyChange(corpus, change) });
    writeFileSync(join(dir, 'summit.txt'), SUMMIT);
    await vi.waitFor(() => expect(index.search('Alaska summit')).not.toEqual([]), WAIT);
    writeFileSync(join(dir, 'summit.txt'), SUMMIT_REVISED);
    await vi.waitFor(() => expect(index.search('Alaska')).toEqual([]), WAIT);
    expect(corpus.size).toBe(1);
    expect(index.search('Anchorage')).not.toEqual([]);
    unlinkSync(join(dir, 'summit.txt'));
    await vi.waitFor(() => expect(corpus.size).toBe(0), WAIT);
    expect(index.search('Anchorage summit')).toEqual([]);
    index.close();
  });

  it('takes a pino logger as its logger', () => {
    const log: IngestLogger = pino({ level: 'silent' });
    expect(log).toBeDefined();
  });
});
