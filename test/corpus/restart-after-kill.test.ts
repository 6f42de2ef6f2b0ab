import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { loadArticles } from '../../src/articles/load-articles.js';
import { ROOT, runScript } from '../support/run-script.js';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function tempFolder(label: string): string {
  const folder = mkdtempSync(join(tmpdir(), `newsdesk-kill-${label}-`));
  folders.push(folder);
  return folder;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function writeArticles(dir: string, from: number, count: number): void {
  for (let n = from; n < from + count; n++) {
    writeFileSync(
      join(dir, `report-${n}.md`),
      `---\ntitle: Harbour report ${n}\ndate: 2025-03-01\n---\n\nThe harbour board met for session ${n} on Monday.\n\nMembers said item ${n} would be decided later.\n`,
    );
  }
}

function idsIn(file: string, sql: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare(sql).pluck().all() as string[]).sort();
  } finally {
    db.close();
  }
}

describe('a restart after the process was killed mid-ingest', () => {
  it('brings the index file and the store back in step with the folder', async () => {
    const seeds = tempFolder('seeds');
    const data = tempFolder('data');
    writeArticles(seeds, 0, 20);
    const env = { PATH: process.env.PATH ?? '', SEEDS_DIR: seeds, DATA_DIR: data, LOG_LEVEL: 'info' };
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], { cwd: ROOT, env });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    const waitFor = async (what: string) => {
      for (let i = 0; i < 300 && !stderr.includes(what); i++) await pause(50);
      expect(stderr).toContain(what);
    };
    await waitFor('articles loaded');
    writeArticles(seeds, 20, 300);
    await waitFor('"kind":"added"');
    child.kill('SIGKILL');
    await exited;

    const restart = await runScript('src/index.ts', ['/status'], env);
    expect(restart.code).toBe(0);
    const { articles } = await loadArticles(seeds);
    const expected = articles.map((article) => article.id).sort();
    expect(idsIn(join(data, 'passages.sqlite'), 'SELECT id FROM article')).toEqual(expected);
    const store = join(data, 'newsdesk.sqlite');
    expect(idsIn(store, 'SELECT id FROM stored_articles')).toEqual(expected);
    expect(idsIn(store, 'SELECT value FROM seed_files, json_each(seed_files.article_ids)')).toEqual(expected);
  }, 60_000);
});
