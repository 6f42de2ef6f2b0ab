import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Vitest global setup: the run gets a temporary folder of its own (TMPDIR, which `os.tmpdir()` reads
 * in every test worker), and the run fails if any test leaves a `newsdesk-*` folder in it. Every test
 * must remove what it creates, even when it fails; otherwise a developer's or CI's machine fills up
 * run after run. A folder of its own rather than a before/after snapshot of the system one, so that
 * runs going on at the same time on one machine cannot blame each other.
 */
export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'newsdesk-test-run-'));
  for (const name of ['TMPDIR', 'TMP', 'TEMP']) process.env[name] = root;
  return () => {
    const left = readdirSync(root).filter((name) => name.startsWith('newsdesk-'));
    rmSync(root, { recursive: true, force: true });
    if (left.length) {
      throw new Error(`tests left ${left.length} folder(s) in the temporary directory: ${left.sort().join(', ')}`);
    }
  };
}
