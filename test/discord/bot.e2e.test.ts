import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FakeDiscord, type FakeMessage, startFakeDiscord } from '../fake-discord/index.js';

// The bot as `npm start` runs it (a child process) and `npm run deploy`, against the project's fake
// Discord: real discord.js, real REST and gateway, nothing mocked. The fake records a violation for
// any late acknowledgement, any payload over a Discord limit and any message without empty
// allowed_mentions; every test ends by checking there were none.

const ROOT = join(import.meta.dirname, '..', '..');
const STARTUP_MS = 30_000;
const ANSWER_MS = 10_000;

let fake: FakeDiscord;
let dataDir: string;
const running = new Set<ChildProcess>();

beforeAll(async () => {
  fake = await startFakeDiscord({ log: () => {} });
  dataDir = await mkdtemp(join(tmpdir(), 'newsdesk-e2e-'));
});

afterAll(async () => {
  for (const child of running) child.kill('SIGKILL');
  await fake?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

afterEach(() => {
  fake.expectNoViolations();
});

function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DISCORD_TOKEN: fake.token,
    DISCORD_API_BASE: fake.apiUrl,
    DISCORD_APPLICATION_ID: fake.applicationId,
    DISCORD_GUILD_ID: fake.guild.id,
    SEEDS_DIR: 'seeds',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    HEALTH_PORT: '',
    SHARD_COUNT: '',
    ...extra,
  };
}

function run(script: string, extra: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, env: env(extra) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

interface Bot {
  child: ChildProcess;
  logs: () => string;
  stop(): Promise<number | null>;
}

async function startBot(extra: Record<string, string> = {}): Promise<Bot> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], { cwd: ROOT, env: env(extra) });
  running.add(child);
  let logs = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bot did not log in:\n${logs}`)), STARTUP_MS);
    child.stderr.on('data', (chunk) => {
      logs += chunk;
      if (logs.includes('logged in to Discord')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', () => reject(new Error(`bot exited before logging in:\n${logs}`)));
  });
  return {
    child,
    logs: () => logs,
    async stop() {
      child.kill('SIGTERM');
      const code = await exited;
      running.delete(child);
      return code;
    },
  };
}

async function until<T>(read: () => T | undefined | null | false, what: string, timeoutMs = ANSWER_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

interface Embed {
  title?: string;
  description?: string;
  fields?: { name: string; value: string }[];
  footer?: { text: string };
}

/** The final answer to an interaction: the @original message once it has an embed, or an ephemeral follow-up. */
async function answerTo(id: string): Promise<FakeMessage & { embeds: Embed[] }> {
  return until(() => {
    const replies = fake.interactionReplies(id);
    const message = [replies.original, ...replies.followUps].find(
      (candidate) => (candidate?.embeds as Embed[] | undefined)?.length,
    );
    return message as (FakeMessage & { embeds: Embed[] }) | undefined;
  }, `the answer to interaction ${id}`);
}

interface BotMessage {
  id: string;
  body: { embeds: Embed[]; allowed_mentions: unknown };
}

/** The next message the bot posts in a channel after `act` (a mention, a DM, a reply). */
async function botMessageAfter(act: () => unknown): Promise<BotMessage> {
  const after = fake.requests.at(-1)?.seq ?? 0;
  act();
  const request = await fake.waitFor(
    (r) => r.seq > after && r.route === 'POST /channels/:channel_id/messages' && r.status === 200,
    ANSWER_MS,
  );
  return { id: (request.response as { id: string }).id, body: request.body as BotMessage['body'] };
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const isEphemeral = (message: FakeMessage) => ((Number(message.flags) || 0) & 64) === 64;

describe('npm run deploy', () => {
  it('registers the commands and the context menu to the dev guild, and a second deploy changes nothing', async () => {
    const first = await run('src/discord/deploy.ts');
    expect(first.stderr).toBe('');
    expect(first.stdout).toMatch(/Registered 14 guild/);
    expect(fake.commands.putCount(fake.guild.id)).toBe(1);
    const names = fake.commands.list(fake.guild.id).map((command) => command.name);
    expect(names).toEqual(expect.arrayContaining(['ask', 'summary', 'quote', 'who', 'Check against sources']));

    const second = await run('src/discord/deploy.ts');
    expect(second.stdout).toMatch(/Nothing to do/);
    expect(fake.commands.putCount(fake.guild.id)).toBe(1);
  }, 60_000);
});

describe('the Discord bot, started as npm start starts it', () => {
  let bot: Bot;

  beforeAll(async () => {
    // The bot never registers commands itself: the deploy above did.
    if (!fake.commands.list(fake.guild.id).length) await run('src/discord/deploy.ts');
    const puts = fake.commands.putCount();
    bot = await startBot();
    expect(fake.commands.putCount()).toBe(puts);
  }, 60_000);

  afterAll(async () => {
    if (running.has(bot?.child)) await bot.stop();
  });

  const cases: [string, Record<string, unknown>, boolean][] = [
    ['ask', { question: 'Is Trump open to meeting Putin?' }, true],
    ['summary', {}, true],
    ['quote', { speaker: 'Leavitt' }, true],
    ['search', { query: 'meeting' }, true],
    // /sources lists each article once, as its own line, with no second list of citations.
    ['sources', {}, false],
    ['timeline', {}, true],
    ['who', {}, true],
    ['help', {}, false],
    ['status', {}, false],
  ];

  it.each(cases)('answers /%s in time, publicly, with its sources numbered', async (name, options, cited) => {
    const { id } = fake.inject.command(name, options);
    const message = await answerTo(id);
    const embed = message.embeds[0]!;
    expect(embed.title).toBeTruthy();
    expect(isEphemeral(message)).toBe(false);
    const sent = fake.requests.filter(
      (r) => r.params.interaction_id === id || r.params.token === `fake-interaction-token-${id}`,
    );
    for (const request of sent.filter((r) => JSON.stringify(r.body ?? {}).includes('"embeds"'))) {
      expect(JSON.stringify(request.body)).toContain('"allowed_mentions":{"parse":[]');
    }
    if (cited) {
      const sources = embed.fields?.find((field) => field.name === 'Sources');
      expect(sources?.value).toMatch(/^\*\*\[1\]\*\* .+ — .*2025-08-06/);
    }
  });

  it('refuses a bad option ephemerally, with the same words as the console', async () => {
    const { id } = fake.inject.command('summary', { since: 'last week' });
    const message = await answerTo(id);
    expect(isEphemeral(message)).toBe(true);
    expect(message.embeds[0]?.description).toContain('since should be a day written as YYYY-MM-DD');
  });

  it('suggests people as the user types, best match first, within the limits', async () => {
    const { id } = fake.inject.autocomplete('who', { name: 'leav' }, 'name');
    const request = await fake.waitFor(
      (r) => r.params.interaction_id === id && r.route?.endsWith('/callback') === true,
    );
    const data = (request.body as { type: number; data: { choices: { name: string; value: string }[] } }).data;
    expect((request.body as { type: number }).type).toBe(8);
    expect(data.choices[0]?.value).toBe('Karoline Leavitt');
    expect(data.choices.length).toBeLessThanOrEqual(25);
  });

  it('turns pages for the person who asked, even after the bot restarts, and for nobody else', async () => {
    const { id } = fake.inject.command('who', {});
    const first = await answerTo(id);
    expect(first.embeds[0]?.footer?.text).toContain('Page 1 of 2');
    const row = (first.components as { components: { custom_id: string; label: string }[] }[])[0]!;
    const next = row.components.find((button) => button.label === 'Next')!;
    expect(next.custom_id.length).toBeLessThanOrEqual(100);

    expect(await bot.stop()).toBe(0);
    bot = await startBot();

    const stranger = fake.createUser('bob');
    const refused = fake.inject.button(next.custom_id, first, stranger);
    const refusal = await answerTo(refused.id);
    expect(isEphemeral(refusal)).toBe(true);
    expect(refusal.embeds[0]?.description).toContain('Only the person who asked can turn pages');

    const turned = fake.inject.button(next.custom_id, first);
    await until(() => {
      const original = fake.interactionReplies(turned.id).original as (FakeMessage & { embeds: Embed[] }) | null;
      return original?.embeds[0]?.footer?.text.includes('Page 2 of 2');
    }, 'page 2');
  }, 60_000);

  it('rides out a 429 with retry_after and a 500 from Discord, and still answers', async () => {
    fake.failNext('POST /interactions/:interaction_id/:interaction_token/callback', { status: 429, retryAfter: 0.2 });
    const limited = fake.inject.command('help', {});
    expect((await answerTo(limited.id)).embeds[0]?.title).toBeTruthy();
    expect(fake.requests.some((r) => r.params.interaction_id === limited.id && r.status === 429)).toBe(true);

    fake.failNext('PATCH /webhooks/:application_id/:token/messages/:message_id', { status: 500 });
    const failed = fake.inject.command('search', { query: 'meeting' });
    expect((await answerTo(failed.id)).embeds[0]?.title).toBeTruthy();
    expect(fake.requests.some((r) => r.params.token?.endsWith(failed.id) && r.status === 500)).toBe(true);
  }, 30_000);

  it('logs a missing permission and keeps serving', async () => {
    fake.failNext('PATCH /webhooks/:application_id/:token/messages/:message_id', { status: 403, code: 50013 });
    const denied = fake.inject.command('search', { query: 'Putin' });
    await until(() => bot.logs().includes('missing permissions'), 'the permission error to be logged');
    const after = fake.inject.command('help', {});
    expect((await answerTo(after.id)).embeds[0]?.title).toBeTruthy();
    expect(fake.interactionReplies(denied.id).acknowledgement).not.toBeNull();
    expect(bot.child.exitCode).toBeNull();
  }, 30_000);

  it('serves /healthz and /metrics on HEALTH_PORT, counting the commands served', async () => {
    expect(await bot.stop()).toBe(0);
    const port = await freePort();
    bot = await startBot({ HEALTH_PORT: String(port) });
    const { id } = fake.inject.command('help', {});
    await answerTo(id);
    // The health server starts just after the gateway connects.
    let health: Response | undefined;
    for (let attempt = 0; !health && attempt < 50; attempt++) {
      health = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
      if (!health) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(health?.status).toBe(200);
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).toMatch(/newsdesk_commands_total\{command="help",outcome="answered"\} 1/);
  }, 60_000);

  it('answers a mention, a DM and a reply in its chain, each as /ask would, pinging nobody', async () => {
    const mention = await botMessageAfter(() =>
      fake.inject.message({ content: 'when could the meeting happen?', mentions: [fake.bot] }),
    );
    expect(mention.body.embeds[0]?.title).toBe('when could the meeting happen?');
    expect(mention.body.embeds[0]?.description).toMatch(/within a week|as soon as next week/);
    expect(mention.body.allowed_mentions).toEqual({ parse: [], replied_user: false });

    // A reply pings the author of the message replied to by default, so the bot is mentioned and
    // Discord delivers the content without the privileged MessageContent intent.
    const followUp = await botMessageAfter(() =>
      fake.inject.message({
        content: 'and what did Rubio say?',
        referencedMessageId: mention.id,
        mentions: [fake.bot],
      }),
    );
    expect(followUp.body.embeds[0]?.title).toBe('and what did Rubio say?');
    expect(followUp.body.embeds[0]?.description).toContain('Rubio');

    const direct = await botMessageAfter(() => fake.inject.message({ content: 'what did Rubio say?', dm: true }));
    expect(direct.body.embeds[0]?.description).toContain('Rubio');
  }, 30_000);

  it('checks a message against the sources, privately, claim by claim', async () => {
    const target = fake.inject.message({
      content: 'Witkoff visited Moscow. Leavitt said when the meeting would take place. Xi visited Paris.',
    });
    const { id } = fake.inject.messageContextMenu('Check against sources', target);
    const answer = await answerTo(id);
    expect(isEphemeral(answer)).toBe(true);
    expect(answer.embeds[0]?.description).toContain('Supported: “Witkoff visited Moscow.”');
    expect(answer.embeds[0]?.description).toContain('Not covered: “Xi visited Paris.”');
  }, 30_000);

  it('shuts down cleanly on SIGTERM', async () => {
    expect(await bot.stop()).toBe(0);
  }, 30_000);
});
