import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeFixtureArticles } from '../commands/helpers.js';
import { runScript, type ScriptOutcome } from '../support/run-script.js';

/** Runs Newsdesk as a user would, with its own seeds and data folders and no inherited settings. */
function newsdesk(env: Record<string, string>, args: string[], input?: string): Promise<ScriptOutcome> {
  return runScript('src/index.ts', args, { LOG_LEVEL: 'info', ...env }, input);
}

describe('newsdesk from the command line', () => {
  let env: Record<string, string>;
  beforeAll(async () => {
    env = {
      SEEDS_DIR: await writeFixtureArticles(),
      DATA_DIR: join(await mkdtemp(join(tmpdir(), 'newsdesk-data-')), 'data'),
    };
  });

  it('answers one command from its arguments with only the answer on stdout and the logs on stderr', async () => {
    const { code, stdout, stderr } = await newsdesk(env, ['/sources']);
    expect(code).toBe(0);
    expect(stdout.startsWith('Sources\n')).toBe(true);
    expect(stdout).toContain('Harbour bridge reopens after repairs — Coastal Times, 2025-03-01');
    expect(stdout).not.toContain('[1]');
    expect(stdout).toContain('As of 2025-03-15 · 3 articles');
    expect(stdout).not.toContain('"level"');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: no colour when stdout is not a terminal
    expect(stdout).not.toMatch(/\u001b\[/);
    const logs = stderr
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line));
    expect(logs.find((log) => log.msg === 'articles loaded')).toMatchObject({ articles: 3, skipped: 0 });
  });

  it('exits non-zero with a clear message on stderr for a bad command', async () => {
    const { code, stdout, stderr } = await newsdesk(env, ['/summary', 'since:', 'yesterdayish']);
    expect(code).not.toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toContain('since should be a day written as YYYY-MM-DD');
  });

  it('lists every configuration problem at once and exits non-zero', async () => {
    const { code, stderr } = await newsdesk({ ...env, LOG_LEVEL: 'chatty', MAX_ARTICLE_BYTES: 'lots' }, ['/sources']);
    expect(code).toBe(2);
    expect(stderr).toContain('LOG_LEVEL');
    expect(stderr).toContain('MAX_ARTICLE_BYTES');
  });

  it('answers a command from the shell even when a Discord token is set, never logging the token', async () => {
    const { code, stdout, stderr } = await newsdesk({ ...env, DISCORD_TOKEN: 'secret-token-value' }, ['/status']);
    expect(code).toBe(0);
    expect(stdout).toContain('Answer mode: extractive (no LLM configured)');
    expect(stderr).not.toContain('secret-token-value');
  });

  it('runs an interactive session from piped input and keeps the history', async () => {
    const { code, stdout } = await newsdesk(env, [], '/help\n/sources\nwhen do tolls rise?\nexit\n/status\n');
    expect(code).toBe(0);
    expect(stdout).toContain('Newsdesk commands');
    expect(stdout).toContain('/timeline — ');
    expect(stdout).toContain('Harbour bridge tolls to rise in spring — Bay Herald, 2025-03-10');
    expect(stdout).toContain('when do tolls rise?');
    // Nothing after exit runs.
    expect(stdout).not.toContain('Answer mode');
    const history = await readFile(join(env.DATA_DIR!, 'console-history'), 'utf8');
    expect(history).toBe('/help\n/sources\nwhen do tolls rise?\n');
  });

  it('leaves at the end of input as it does on Ctrl-D', async () => {
    const { code, stdout } = await newsdesk(env, [], '/bogus\n');
    expect(code).toBe(0);
    expect(stdout).toContain('There is no /bogus');
  });
});
