import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { status } from '../../commands/status.js';
import { subscribe } from '../../commands/subscribe.js';
import { HALTED, subscriptions } from '../../commands/subscriptions.js';
import { type CommandContext, type CommandDefinition, checkAccess, readOptions } from '../../src/command.js';
import { replyToError } from '../../src/error-reply.js';
import { healthOf } from '../../src/health/health-server.js';
import { createLogger } from '../../src/logger.js';
import type { Reply } from '../../src/reply.js';
import type { Services } from '../../src/services.js';
import { DatabaseMissingError, openStore, SQLITE_FILE, SQLITE_MARKER } from '../../src/store/open-store.js';
import { STORE_UNAVAILABLE_MESSAGE } from '../../src/store/store-errors.js';
import { monitorStore, StoreHealth } from '../../src/store/store-health.js';
import type { Store } from '../../src/store/types.js';
import type { ChannelAccess } from '../../src/subscriptions/channel-access.js';
import { SubscriptionManager } from '../../src/subscriptions/subscription-manager.js';
import { SEEDS_DIR, servicesFrom } from '../commands/helpers.js';
import { startFakeDiscord } from '../fake-discord/index.js';
import { startBotProcess } from '../support/bot-process.js';
import { ROOT, runScript } from '../support/run-script.js';

// SQLite trouble an operator meets, with real files: the database deleted while the bot runs,
// the file read-only from the start, the file gone at a restart. Each must be said out loud.

const GUILD = '100000000000000001';
const NEWS = '200000000000000001';
const OTHER = '200000000000000002';
const channels: ChannelAccess = {
  check: async (_guildId, channelId) => ({ channelId, label: `<#${channelId}>`, kind: 'text', missing: [] }),
};
const logger = createLogger({ level: 'silent' });

let seeded: Services;
const roots: string[] = [];
const cleanups: (() => void | Promise<void>)[] = [];

beforeAll(async () => {
  seeded = await servicesFrom(SEEDS_DIR);
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function freshDataDir(): string {
  const root = mkdtempSync(join(tmpdir(), 'newsdesk-sqlite-trouble-'));
  roots.push(root);
  return join(root, 'data');
}

/** The store as src/index.ts wires it: monitored, its health probed at start. */
async function openMonitored(dataDir: string, probe = true) {
  const opened = await openStore({ dataDir, logger });
  const health = new StoreHealth({ store: opened, logger, intervalMs: 60_000, failingIntervalMs: 60_000 });
  cleanups.push(
    () => health.stop(),
    () => opened.close(),
  );
  if (probe) await health.start();
  const store = monitorStore(opened, health);
  const services: Services = { ...seeded, storeHealth: health, subscriptions: new SubscriptionManager(store, health) };
  return { opened, store, health, services };
}

/** Runs a command as a transport does; an error becomes its reply under the one error policy. */
async function run(command: CommandDefinition, services: Services, raw: Record<string, string> = {}): Promise<Reply> {
  const context: CommandContext = {
    services,
    now: new Date('2025-08-10T12:00:00Z'),
    guildId: GUILD,
    channelId: NEWS,
    userId: '300000000000000001',
    memberPermissions: new Set(['Manage Channels']),
    channels,
  };
  try {
    checkAccess(command, context);
    return await command.run(readOptions(command, raw), context);
  } catch (err) {
    return replyToError(err, logger).reply;
  }
}

const textOf = (reply: Reply) => [reply.title, reply.intro, ...reply.items.map((item) => item.text)].join('\n');
const healthz = (health: StoreHealth) => healthOf({ gateway: true, articles: 10, store: health.problem() });

/**
 * Makes a file unwritable for this process. Permissions do not stop root, so as root the file is
 * made immutable instead (ext4 and similar); null where neither is possible (the test then skips).
 */
function makeReadOnly(file: string): (() => void) | null {
  if (process.getuid?.() !== 0) {
    chmodSync(file, 0o444);
    chmodSync(join(file, '..'), 0o555);
    return () => {
      chmodSync(join(file, '..'), 0o755);
      chmodSync(file, 0o644);
    };
  }
  try {
    execFileSync('chattr', ['+i', file], { stdio: 'ignore' });
    return () => execFileSync('chattr', ['-i', file], { stdio: 'ignore' });
  } catch {
    return null;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Polls `read` (which may be async) until it gives something. */
async function until<T>(read: () => Promise<T | undefined> | T | undefined, what: string): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function subscriptionCount(dataDir: string): Promise<number> {
  const { store } = await openMonitored(dataDir, false);
  return (await store.listSubscriptions(GUILD)).length;
}

describe('a SQLite database deleted while the bot runs', () => {
  it('turns /healthz and /status unhealthy, and /subscribe refuses instead of writing into the lost file', async () => {
    const dataDir = freshDataDir();
    const { health, services, store } = await openMonitored(dataDir);
    expect(health.problem()).toBeNull();
    expect(healthz(health).status).toBe(200);
    expect(textOf(await run(subscribe, services, { channel: NEWS }))).toContain('Subscribed');

    for (const suffix of ['', '-wal', '-shm']) rmSync(join(dataDir, `${SQLITE_FILE}${suffix}`), { force: true });
    await health.probe();

    expect(health.problem()).toMatch(/deleted while Newsdesk was running/);
    const { status: code, body } = healthz(health);
    expect(code).toBe(503);
    expect(String(body.reason)).toContain('the database cannot be written');
    expect(textOf(await run(status, services))).toMatch(/Database: ⚠ cannot be written: .*deleted/);
    const refused = await run(subscribe, services, { channel: OTHER });
    expect(refused.tone).toBe('error');
    expect(refused.intro).toBe(STORE_UNAVAILABLE_MESSAGE);
    expect((await store.listSubscriptions(GUILD)).map((s) => s.channelId)).toEqual([NEWS]);
  });
});

describe('a SQLite database that is read-only from the start', () => {
  let dataDir: string;

  async function readOnlyStore(): Promise<boolean> {
    dataDir = freshDataDir();
    const first = await openStore({ dataDir });
    await first.addSubscription({ guildId: GUILD, channelId: NEWS, mode: 'every', createdBy: '3' });
    await first.close();
    const undo = makeReadOnly(join(dataDir, SQLITE_FILE));
    if (undo) cleanups.push(undo);
    return undo !== null;
  }

  it('is unhealthy at once, and /subscriptions says nothing is being delivered rather than "active"', async (t) => {
    if (!(await readOnlyStore())) t.skip();
    const { health, services } = await openMonitored(dataDir);
    expect(health.problem()).toMatch(/read-only/);
    expect(healthz(health).status).toBe(503);
    const listed = textOf(await run(subscriptions, services));
    expect(listed).toContain(HALTED);
    expect(listed).toContain('not delivering');
    expect(listed).not.toMatch(/\bactive\b/);
  });

  it('turns the running bot unhealthy on /healthz and in /status', async (t) => {
    if (!(await readOnlyStore())) t.skip();
    const fake = await startFakeDiscord({ log: () => {} });
    cleanups.push(() => fake.stop());
    const port = await freePort();
    const bot = await startBotProcess({
      DISCORD_TOKEN: fake.token,
      DISCORD_API_BASE: fake.apiUrl,
      SEEDS_DIR: join(ROOT, 'test/fixtures/seeds-formats'),
      DATA_DIR: dataDir,
      WATCH_SEEDS: 'false',
      HEALTH_PORT: String(port),
      LOG_LEVEL: 'info',
    });
    cleanups.push(() => bot.kill());
    expect(bot.logs()).toContain('the store cannot be written');
    const health = await until(() => fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined), 'healthz');
    expect(health.status).toBe(503);
    expect(((await health.json()) as { reason: string }).reason).toMatch(/database cannot be written: .*read-only/);
    const { id } = fake.inject.command('status', {});
    const answer = await until(() => {
      const { original } = fake.interactionReplies(id);
      return (original?.embeds as { description?: string }[] | undefined)?.[0]?.description;
    }, 'the answer to /status');
    expect(answer).toContain('Database: ⚠ cannot be written');
    expect(await bot.stop()).toBe(0);
    fake.expectNoViolations();
  }, 60_000);

  it('never answers /subscribe with "Subscribed" when the write fails, even before a probe has noticed', async (t) => {
    if (!(await readOnlyStore())) t.skip();
    const { health, services } = await openMonitored(dataDir, false);
    expect(health.problem()).toBeNull();
    const reply = await run(subscribe, services, { channel: OTHER });
    expect(reply.tone).toBe('error');
    expect(textOf(reply)).not.toContain('Subscribed');
    expect(reply.intro).toBe(STORE_UNAVAILABLE_MESSAGE);
    expect(health.problem()).toMatch(/read-only/);
    expect(await subscriptionCount(dataDir)).toBe(1);
  });
});

describe('a SQLite database missing at start', () => {
  it('is created, with its marker, on a first start', async () => {
    const dataDir = freshDataDir();
    const store: Store = await openStore({ dataDir });
    await store.close();
    expect(existsSync(join(dataDir, SQLITE_FILE))).toBe(true);
    expect(existsSync(join(dataDir, SQLITE_MARKER))).toBe(true);
  });

  it('stops the start, saying why, when one was created there before; ALLOW_NEW_DATABASE starts an empty one', async () => {
    const dataDir = freshDataDir();
    const first = await openStore({ dataDir });
    await first.addSubscription({ guildId: GUILD, channelId: NEWS, mode: 'every', createdBy: '3' });
    await first.close();
    rmSync(join(dataDir, SQLITE_FILE));

    await expect(openStore({ dataDir })).rejects.toThrow(DatabaseMissingError);
    await expect(openStore({ dataDir })).rejects.toThrow(/missing, but one was created there before/);
    expect(existsSync(join(dataDir, SQLITE_FILE))).toBe(false);

    const fresh = await openStore({ dataDir, allowNewDatabase: true });
    expect(await fresh.listSubscriptions(GUILD)).toEqual([]);
    await fresh.close();
  });

  it('makes the bot exit with the reason instead of starting with no subscriptions', async () => {
    const dataDir = freshDataDir();
    const seedsDir = join(dataDir, '..', 'seeds');
    cpSync(join(ROOT, 'test/fixtures/seeds-formats'), seedsDir, { recursive: true });
    const first = await openStore({ dataDir });
    await first.close();
    rmSync(join(dataDir, SQLITE_FILE));
    const outcome = await runScript('src/index.ts', [], {
      DISCORD_TOKEN: 'not-a-real-token',
      DISCORD_API_BASE: 'http://127.0.0.1:9',
      SEEDS_DIR: seedsDir,
      DATA_DIR: dataDir,
      WATCH_SEEDS: 'false',
      LOG_LEVEL: 'info',
    });
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toContain('ALLOW_NEW_DATABASE=true');
    expect(existsSync(join(dataDir, SQLITE_FILE))).toBe(false);
  }, 60_000);
});
