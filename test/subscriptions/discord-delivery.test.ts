import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createClient } from '../../src/discord/client.js';
import { createDiscordPoster } from '../../src/discord/discord-poster.js';
import type { Reply } from '../../src/reply.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import { DeliveryWorker } from '../../src/subscriptions/delivery-worker.js';
import { ChannelKind, type FakeChannel, type FakeDiscord, startFakeDiscord } from '../fake-discord/index.js';
import { loginTo } from '../fake-discord/login.js';
import { silentLogger } from './helpers.js';

// The outbox drained by the real worker through the Discord poster and the project's discord.js
// client, into the fake Discord with Discord's rate limits on: a real SQLite file, nothing mocked.

const POST = 'POST /channels/:channel_id/messages';
const START_THREAD = 'POST /channels/:channel_id/threads';

const running: { fake?: FakeDiscord; client?: Client; store?: SqliteStore; worker?: DeliveryWorker; dir?: string } = {};

beforeEach(async () => {
  running.dir = await mkdtemp(join(tmpdir(), 'newsdesk-discord-delivery-'));
  running.fake = await startFakeDiscord({ log: () => {}, globalRequestsPerSecond: 50, channelMessageLimit: true });
});

afterEach(async () => {
  await running.worker?.stop();
  await running.client?.destroy();
  await running.fake?.stop();
  await running.store?.close();
  if (running.dir) await rm(running.dir, { recursive: true, force: true });
  for (const key of Object.keys(running)) delete running[key as keyof typeof running];
});

function update(n: number): Reply {
  return {
    tone: 'info',
    title: `Ferry strike, update ${n}`,
    intro: 'Harbour Gazette · 2025-08-12',
    items: [{ text: `Services resume at ${n} a.m., the operator said.`, cites: [1] }],
    citations: [
      {
        n: 1,
        articleId: 'ferry',
        title: 'Ferry strike ends',
        date: '2025-08-12',
        source: 'Harbour Gazette',
        url: null,
      },
    ],
  };
}

/** Channels made before login (so the client knows them), each subscribed in a fresh SQLite store. */
async function subscribed(count: number): Promise<{ fake: FakeDiscord; store: SqliteStore; channels: FakeChannel[] }> {
  const fake = running.fake!;
  const channels = Array.from({ length: count }, (_, n) => fake.createChannel(`story-${n + 1}`));
  const store = await SqliteStore.open(join(running.dir!, 'store.sqlite'));
  running.store = store;
  for (const channel of channels) {
    await store.addSubscription({ guildId: fake.guild.id, channelId: channel.id, mode: 'every', createdBy: 'alice' });
  }
  return { fake, store, channels };
}

async function enqueue(store: SqliteStore, n: number, channels: FakeChannel[]): Promise<void> {
  const subscriptions = await store.listActiveSubscriptions();
  const targets = channels.map((channel) => {
    const subscription = subscriptions.find((s) => s.channelId === channel.id)!;
    return { guildId: subscription.guildId, channelId: channel.id, subscriptionId: subscription.id };
  });
  await store.enqueue(`seeds:ferry.md:v${n}`, targets, { payload: JSON.stringify(update(n)) });
}

async function startWorker(store: SqliteStore, backoffMs = 100): Promise<void> {
  const fake = running.fake!;
  const client = createClient({ apiBase: fake.apiUrl });
  running.client = client;
  await loginTo(fake, client);
  const worker = new DeliveryWorker({
    store,
    poster: createDiscordPoster(client),
    workerId: 'delivery-test',
    logger: silentLogger(),
    concurrency: 4,
    intervalMs: 20,
    backoff: { baseMs: backoffMs },
  });
  running.worker = worker;
  worker.start();
}

async function allSent(store: SqliteStore, rows: number): Promise<void> {
  await vi.waitFor(
    async () => {
      const outbox = await store.listOutbox(running.fake!.guild.id, { limit: rows + 1 });
      expect(outbox.filter((row) => row.status === 'sent')).toHaveLength(rows);
    },
    { timeout: 15_000, interval: 50 },
  );
}

/** A forum subscribed in a fresh SQLite store, with one update queued for it. */
async function subscribedForum(): Promise<{ fake: FakeDiscord; store: SqliteStore; forum: FakeChannel }> {
  const fake = running.fake!;
  const forum = fake.createChannel('story-forum', { type: ChannelKind.Forum });
  const store = await SqliteStore.open(join(running.dir!, 'store.sqlite'));
  running.store = store;
  await store.addSubscription({ guildId: fake.guild.id, channelId: forum.id, mode: 'every', createdBy: 'alice' });
  await enqueue(store, 1, [forum]);
  return { fake, store, forum };
}

/** The forum's one post, and the outbox row sent as it. */
async function expectOnePost(fake: FakeDiscord, store: SqliteStore, forum: FakeChannel): Promise<void> {
  const posts = fake.guild.threads.filter((t) => t.parent_id === forum.id);
  expect(posts).toHaveLength(1);
  const [row] = await store.listOutbox(fake.guild.id, { limit: 10 });
  expect(row?.sentMessageId).toBe(posts[0]?.id);
  expect(fake.messagesIn(posts[0]!.id)).toHaveLength(1);
}

const postTo = (channel: FakeChannel) => (r: { route: string | null; path: string }) =>
  r.route === POST && r.path === `/channels/${channel.id}/messages`;

describe('delivering the outbox to Discord', () => {
  it('posts one update to 20 channels exactly once each through 429s and 500s injected mid-burst', async () => {
    const { fake, store, channels } = await subscribed(20);
    for (const channel of channels.slice(5, 8)) fake.failNext(postTo(channel), { status: 429, retryAfter: 0.3 });
    for (const channel of channels.slice(8, 11)) fake.failNext(postTo(channel), { status: 500 });
    // Created, but the answer never arrived: the resend must be recognised by its nonce.
    for (const channel of channels.slice(11, 13)) {
      fake.failNext(postTo(channel), { status: 500, afterHandling: true });
    }
    await enqueue(store, 1, channels);

    await startWorker(store);
    await allSent(store, 20);

    const outbox = await store.listOutbox(fake.guild.id, { limit: 100 });
    for (const channel of channels) {
      const messages = fake.messagesIn(channel.id);
      expect(messages, channel.name).toHaveLength(1);
      expect(outbox.find((row) => row.channelId === channel.id)?.sentMessageId).toBe(messages[0]?.id);
    }
    expect(fake.requests.filter((r) => r.route === POST && r.status !== 200)).toHaveLength(8);
    expect(fake.rateLimited.injected).toBe(3);
    expect((await store.listSubscriptions(fake.guild.id)).every((s) => !s.paused)).toBe(true);
    fake.expectNoViolations();
  });

  it('hands a channel over its limit back to the outbox, and other channels are not held up meanwhile', async () => {
    const { fake, store, channels } = await subscribed(8);
    const [busy, ...others] = channels as [FakeChannel, ...FakeChannel[]];
    // Seven updates for #story-1 claimed first; the other channels' one update comes after them.
    for (let n = 1; n <= 7; n++) await enqueue(store, n, [busy]);
    await enqueue(store, 8, others);

    await startWorker(store);
    await allSent(store, 14);

    const posted = fake.requests.filter((r) => r.route === POST && r.status === 200);
    const busyPosts = posted.filter((r) => r.params.channel_id === busy.id);
    expect(busyPosts).toHaveLength(7);
    expect(fake.messagesIn(busy.id)).toHaveLength(7);
    // Discord's 5 per 5 s: the sixth waited for the window, and every other channel was served first.
    const sixth = posted.indexOf(busyPosts[5]!);
    for (const channel of others) {
      expect(fake.messagesIn(channel.id)).toHaveLength(1);
      expect(posted.findIndex((r) => r.params.channel_id === channel.id)).toBeLessThan(sixth);
    }
    // discord.js learns the channel's bucket from the first answers; a 429 it meets before then
    // is handed back like any other, and that post arrives later, once.
    const nonces = busyPosts.map((r) => (r.body as { nonce: string }).nonce);
    expect(new Set(nonces).size).toBe(7);
    fake.expectNoViolations();
  });
  it('starts a forum post once when Discord’s answer is lost: the retry finds the post', async () => {
    const { fake, store, forum } = await subscribedForum();
    fake.failNext(START_THREAD, { status: 500, afterHandling: true });

    // The retry comes after the backoff (seconds on Discord): THREAD_CREATE has reached the client by then.
    await startWorker(store, 1_000);
    await allSent(store, 1);

    await expectOnePost(fake, store, forum);
    expect(fake.requests.filter((r) => r.route === START_THREAD)).toHaveLength(1);
    fake.expectNoViolations();
  });

  it('starts a forum post once when the process died before the outbox marked it sent', async () => {
    const { fake, store, forum } = await subscribedForum();
    // The process that posted it: Discord made the post, the row stayed pending.
    const [row] = await store.listOutbox(fake.guild.id, { limit: 10 });
    const before = createClient({ apiBase: fake.apiUrl });
    try {
      await loginTo(fake, before);
      await createDiscordPoster(before).post(forum.id, update(1), row!.idempotencyKey);
    } finally {
      await before.destroy();
    }

    // The next process: its client learns the forum's threads from GUILD_CREATE.
    await startWorker(store);
    await allSent(store, 1);

    await expectOnePost(fake, store, forum);
    expect(fake.requests.filter((r) => r.route === START_THREAD)).toHaveLength(1);
    fake.expectNoViolations();
  });
});
