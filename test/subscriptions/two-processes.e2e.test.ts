import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PostgresStore } from '../../src/store/postgres-store.js';
import { type FakeDiscord, startFakeDiscord } from '../fake-discord/index.js';
import { DATABASE_URL, POSTGRES_REQUIRED, probePostgres, TestSchemas } from '../store/postgres-database.js';
import { type BotProcess, startBotProcess, until } from '../support/bot-process.js';
import { ROOT } from '../support/run-script.js';

// Two Newsdesk processes (as on two machines) sharing one PostgreSQL, both watching the same story:
// each update reaches each subscribed channel exactly once.

const unreachable = await probePostgres();
const skip = unreachable !== undefined && !POSTGRES_REQUIRED;
if (skip) console.warn(`Two-process delivery test skipped: ${DATABASE_URL} is unreachable (${unreachable}).`);

const CHANNELS = 20;
const schemas = new TestSchemas();
const bots: BotProcess[] = [];
let fake: FakeDiscord | undefined;
const folders: string[] = [];

afterAll(async () => {
  for (const bot of bots) await bot.kill();
  await fake?.stop();
  for (const folder of folders) await rm(folder, { recursive: true, force: true });
  await schemas.dropAll();
});

describe.skipIf(skip)('two bot processes on one PostgreSQL', () => {
  it('deliver every update to every channel exactly once', async () => {
    if (unreachable !== undefined) throw new Error(`PostgreSQL at ${DATABASE_URL} is unreachable: ${unreachable}`);
    const schema = await schemas.create('two_bots');
    const databaseUrl = `${DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    fake = await startFakeDiscord({ log: () => {} });
    const seedsDir = await mkdtemp(join(tmpdir(), 'newsdesk-two-seeds-'));
    folders.push(seedsDir);
    await cp(join(ROOT, 'seeds'), seedsDir, { recursive: true });
    const env = (name: string) => {
      const dataDir = join(seedsDir, '..', `${name}-${schema}`);
      folders.push(dataDir);
      return {
        DISCORD_TOKEN: fake!.token,
        DISCORD_API_BASE: fake!.apiUrl,
        SEEDS_DIR: seedsDir,
        DATA_DIR: dataDir,
        DATABASE_URL: databaseUrl,
        DELIVERY_INTERVAL_MS: '100',
        LOG_LEVEL: 'info',
      };
    };
    const first = await startBotProcess(env('first'));
    bots.push(first);
    const second = await startBotProcess(env('second'));
    bots.push(second);
    await first.waitForLog('caught up with the store');
    await second.waitForLog('caught up with the store');

    const channels = Array.from({ length: CHANNELS }, (_, i) => fake!.createChannel(`shared-${i + 1}`));
    const store = await PostgresStore.open({ pool: schemas.poolConfig(schema) });
    for (const channel of channels) {
      await store.addSubscription({
        guildId: fake.guild.id,
        channelId: channel.id,
        mode: 'every',
        createdBy: fake.user.id,
      });
    }

    const titles = ['Ferry adds evening crossings', 'Bridge reopens to traffic', 'Lodge named as summit venue'];
    for (const [i, title] of titles.entries()) {
      await writeFile(
        join(seedsDir, `update-${i + 1}.md`),
        `---\ntitle: ${title}\ndate: 2025-08-1${i}\nsource: Test Wire\n---\n\n${title}, officials said on Friday in a statement.\n`,
      );
    }
    const complete = () => channels.every((channel) => fake!.messagesIn(channel.id).length >= titles.length);
    await until(complete, 'every channel’s posts', 60_000);
    // Both processes have drained: nothing pending or leased is left to send twice.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const pending = await store.listOutbox(fake.guild.id, { status: 'pending', limit: 1000 });
    expect(pending).toHaveLength(0);
    for (const channel of channels) {
      const posted = fake.messagesIn(channel.id).map((message) => (message.embeds as { title?: string }[])[0]?.title);
      expect(posted.sort()).toEqual([...titles].sort());
    }
    await store.close();
    fake.expectNoViolations();
    await first.stop();
    await second.stop();
  }, 120_000);
});
