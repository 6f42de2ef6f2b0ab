import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/store/sqlite-store.js';

const WORKER = fileURLToPath(new URL('./claim-worker.ts', import.meta.url));
const PROCESSES = 3;
const ROWS = 1_500;

const root = mkdtempSync(join(tmpdir(), 'newsdesk-store-processes-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Collects a child's stdout lines as they come. */
function lines(child: ChildProcessWithoutNullStreams): () => Promise<string> {
  let buffered = '';
  const waiting: ((line: string) => void)[] = [];
  const ready: string[] = [];
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    for (let end = buffered.indexOf('\n'); end >= 0; end = buffered.indexOf('\n')) {
      const line = buffered.slice(0, end);
      buffered = buffered.slice(end + 1);
      const next = waiting.shift();
      if (next) next(line);
      else ready.push(line);
    }
  });
  return () => {
    const line = ready.shift();
    return line !== undefined ? Promise.resolve(line) : new Promise((resolve) => waiting.push(resolve));
  };
}

describe('SQLite store shared by several processes', () => {
  it('leases every row to exactly one of several processes claiming at once', async () => {
    const file = join(root, 'outbox.sqlite');
    const store = await SqliteStore.open(file);
    const targets = Array.from({ length: ROWS }, (_, n) => ({ guildId: '1', channelId: String(n) }));
    await store.enqueue('story:1', targets);
    await store.close();

    const children = Array.from({ length: PROCESSES }, (_, n) =>
      spawn(process.execPath, ['--import', 'tsx', WORKER, file, `process-${n}`]),
    );
    const stderr: string[] = [];
    for (const child of children) child.stderr.setEncoding('utf8').on('data', (chunk: string) => stderr.push(chunk));
    const readers = children.map(lines);
    expect(await Promise.all(readers.map((next) => next()))).toEqual(children.map(() => 'ready'));
    for (const child of children) child.stdin.write('go\n');
    const claimed = (await Promise.all(readers.map((next) => next()))).map((line) => JSON.parse(line) as number[]);
    await Promise.all(children.map((child) => (child.exitCode === null ? once(child, 'exit') : undefined)));

    expect(stderr.join('')).toBe('');
    const all = claimed.flat();
    expect(all).toHaveLength(ROWS);
    expect(new Set(all).size).toBe(ROWS);
  }, 60_000);
});
