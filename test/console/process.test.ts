import { execFileSync } from 'node:child_process';
import { rmSync, symlinkSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { writeFixtureArticles } from '../commands/helpers.js';
import { type FeedServer, startFeedServer } from '../ingest/feed-server.js';
import { runScript, type ScriptOutcome } from '../support/run-script.js';

/** Runs Newsdesk as a user would, with its own seeds and data folders and no inherited settings. */
function newsdesk(env: Record<string, string>, args: string[], input?: string): Promise<ScriptOutcome> {
  return runScript('src/index.ts', args, { LOG_LEVEL: 'info', ...env }, input);
}

describe('newsdesk from the command line', () => {
  let env: Record<string, string>;
  let folders: string[] = [];
  beforeAll(async () => {
    folders = [await writeFixtureArticles(), await mkdtemp(join(tmpdir(), 'newsdesk-data-'))];
    env = { SEEDS_DIR: folders[0] as string, DATA_DIR: join(folders[1] as string, 'data') };
  });
  afterAll(async () => {
    for (const folder of folders) await rm(folder, { recursive: true, force: true });
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

/**
 * Tests run as root, and root reads a folder whatever its mode; dropping the capabilities that let
 * it (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH) makes a mode-000 folder as unreadable as for anyone.
 */
function withoutReadOverride(): string[] | null {
  if (process.getuid?.() !== 0) return [];
  try {
    execFileSync('setpriv', ['--version'], { stdio: 'ignore' });
  } catch {
    return null;
  }
  return ['setpriv', '--bounding-set=-dac_override,-dac_read_search'];
}

describe('newsdesk starting over a seeds folder left in a mess', () => {
  const wrapper = withoutReadOverride();
  let root: string | undefined;
  afterEach(() => {
    if (!root) return;
    execFileSync('chmod', ['-R', 'u+rwx', root]);
    rmSync(root, { recursive: true, force: true });
    root = undefined;
  });

  it.skipIf(wrapper === null)('starts, answers and lists every bad file and folder as skipped', async () => {
    root = await mkdtemp(join(tmpdir(), 'newsdesk-mess-'));
    const seeds = join(root, 'seeds');
    await mkdir(join(seeds, 'locked'), { recursive: true });
    await writeFile(join(seeds, 'good.txt'), 'date 2025-08-05 Tugboat crews join the ferry strike.\n');
    await writeFile(join(seeds, 'locked', 'hidden.txt'), 'date 2025-08-06 Nobody can read this.\n');
    await chmod(join(seeds, 'locked'), 0o000);
    await writeFile(join(seeds, 'cycle.md'), '---\ntitle: &a [x, *a]\n---\nBody text.\n');
    await writeFile(
      join(seeds, 'deep.json'),
      `{"text": "Body.", "title": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`,
    );
    execFileSync('mkfifo', [join(seeds, 'pipe.txt')]);
    symlinkSync('/etc/hostname', join(seeds, 'hostname.txt'));
    symlinkSync('loop-b.txt', join(seeds, 'loop-a.txt'));
    symlinkSync('loop-a.txt', join(seeds, 'loop-b.txt'));
    const env = { SEEDS_DIR: seeds, DATA_DIR: join(root, 'data') };
    const { code, stdout, stderr } = await runScript(
      'src/index.ts',
      ['/sources'],
      { LOG_LEVEL: 'info', ...env },
      '',
      wrapper ?? [],
    );
    expect(code).toBe(0);
    expect(stdout).toContain('Tugboat crews join the ferry strike');
    const skipped = stderr
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line))
      .filter((log) => log.msg === 'skipped file')
      .map((log) => [log.file, log.reason]);
    expect(skipped).toEqual([
      ['cycle.md', 'title is nested too deeply'],
      ['deep.json', 'title is nested too deeply'],
      ['hostname.txt', 'link to something outside the articles folder (not followed)'],
      ['locked', 'folder cannot be read (EACCES)'],
      ['loop-a.txt', 'link cannot be followed (ELOOP)'],
      ['loop-b.txt', 'link cannot be followed (ELOOP)'],
      ['pipe.txt', 'a FIFO, not a regular file (never opened)'],
    ]);
  });
});

describe('the console following a feed', () => {
  let server: FeedServer;
  let root: string;
  beforeAll(async () => {
    server = await startFeedServer();
    root = await mkdtemp(join(tmpdir(), 'newsdesk-console-feed-'));
  });
  afterAll(async () => {
    await server.close();
    await rm(root, { recursive: true, force: true });
  });

  it('keeps the feed items it reads for the next start, as the bot does', async () => {
    server.routes.set('/rss', {
      body: `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
        <title>Island Wire</title><link>https://island.example/</link><description>News</description>
        <item><guid>ferry</guid><title>Ferry adds evening crossings</title><link>https://island.example/ferry</link>
        <pubDate>Tue, 12 Aug 2025 07:00:00 GMT</pubDate>
        <content:encoded><![CDATA[<p>The island ferry will add two evening crossings each weekday from next month, its operator said.</p>]]></content:encoded></item>
      </channel></rss>`,
    });
    const env = {
      SEEDS_DIR: await writeFixtureArticles(),
      DATA_DIR: join(root, 'data'),
      FEEDS: server.url('/rss'),
      FEED_ALLOWED_HOSTS: '127.0.0.1',
      FEED_POLL_SECONDS: '3600',
    };
    // The session ends at once; closing waits for the first poll, which saves what it read.
    const first = await runScript('src/index.ts', [], { LOG_LEVEL: 'info', ...env }, '');
    expect(first.code).toBe(0);
    server.routes.delete('/rss');
    // The feed is gone now, yet the next start still answers from the item read before.
    const { code, stdout } = await runScript('src/index.ts', ['/sources'], { LOG_LEVEL: 'info', ...env });
    expect(code).toBe(0);
    expect(stdout).toContain('Ferry adds evening crossings');
    await rm(env.SEEDS_DIR, { recursive: true, force: true });
  });
});
