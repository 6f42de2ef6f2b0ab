import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT } from '../support/run-script.js';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function tempFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'newsdesk-compiled-'));
  folders.push(folder);
  return folder;
}

describe('npm start', () => {
  it('answers a one-shot command from the compiled build, compiling what is missing first', () => {
    const seeds = tempFolder();
    writeFileSync(
      join(seeds, 'bridge.md'),
      '---\ntitle: Harbour bridge reopens\ndate: 2025-03-01\nsource: Coastal Times\n---\n\nThe harbour bridge reopened on Saturday.\n',
    );
    const run = spawnSync(process.execPath, ['scripts/run.mjs', 'src/index.ts', '/sources'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', SEEDS_DIR: seeds, DATA_DIR: join(tempFolder(), 'data') },
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Harbour bridge reopens — Coastal Times, 2025-03-01');
    expect(existsSync(join(ROOT, 'dist', 'src', 'index.js'))).toBe(true);
  });
});
