import { spawn } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');

export interface ScriptOutcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs one of the project's entry points as `npm start` / `npm run …` would (`node --import tsx`),
 * from the repository root, with only PATH and the given variables — never the developer's own
 * settings — and with `input` on stdin.
 */
export function runScript(
  script: string,
  args: readonly string[],
  env: Record<string, string | undefined>,
  input = '',
  /** A command the process is started through (e.g. `setpriv …` to drop capabilities). */
  wrapper: readonly string[] = [],
): Promise<ScriptOutcome> {
  return new Promise((done, fail) => {
    const [command, ...rest] = [...wrapper, process.execPath, '--import', 'tsx', script, ...args];
    const child = spawn(command as string, rest, {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}
