import { spawn } from 'node:child_process';
import { copyFile, mkdtemp, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The interactive console as a person runs it, while someone drops a new article into the seeds
// folder and then removes it: the article is answerable at once, then withdrawn.

const ROOT = join(import.meta.dirname, '..', '..');
const SEED = join(ROOT, 'seeds', '000_fd3e603a94f0e4d4.txt');
const NEW_ARTICLE = join(ROOT, 'test', 'fixtures', 'seeds-formats', 'ferry-strike-ends.md');

let seeds: string;
let data: string;

beforeAll(async () => {
  seeds = await mkdtemp(join(tmpdir(), 'newsdesk-watch-seeds-'));
  data = await mkdtemp(join(tmpdir(), 'newsdesk-watch-data-'));
  await copyFile(SEED, join(seeds, 'seed.txt'));
});

afterAll(async () => {
  await rm(seeds, { recursive: true, force: true });
  await rm(data, { recursive: true, force: true });
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the console while the seeds folder changes', () => {
  it('answers from an article added while it runs, and stops when the file is removed', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', SEEDS_DIR: seeds, DATA_DIR: data, LOG_LEVEL: 'info' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const closed = new Promise((resolve) => child.on('close', resolve));
    const waitFor = async (text: () => string, what: string, from = 0) => {
      for (let i = 0; i < 150 && !text().slice(from).includes(what); i++) await pause(100);
      expect(text().slice(from)).toContain(what);
    };

    await waitFor(() => stderr, 'articles loaded');
    await copyFile(NEW_ARTICLE, join(seeds, 'new.md'));
    await waitFor(() => stderr, '"kind":"added"');
    child.stdin.write('/status\n');
    await waitFor(() => stdout, 'Articles loaded: 2');

    const mark = stdout.length;
    await unlink(join(seeds, 'new.md'));
    await waitFor(() => stderr, '"kind":"removed"');
    child.stdin.write('/status\n');
    await waitFor(() => stdout, 'Articles loaded: 1', mark);
    child.stdin.end('exit\n');
    await closed;
  }, 40_000);
});
