/**
 * Fan-out, timed: one update enqueued for 1,000 subscribed channels in a real SQLite store, drained
 * by the real DeliveryWorker, set as the bot sets it (DELIVERY_SETTINGS), through the Discord poster
 * and the project's discord.js client into the fake Discord, which enforces Discord's global limit
 * (50 requests/s) and the per-channel message limit. Reports posts per second from the worker's start to the last row sent, and the 429s the
 * fake had to answer (each one handled: the run fails unless every row is sent, once).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { analyseArticle } from '../src/articles/analysis.js';
import { loadArticles } from '../src/articles/load-articles.js';
import { Corpus } from '../src/corpus/corpus.js';
import { createClient } from '../src/discord/client.js';
import { createDiscordPoster } from '../src/discord/discord-poster.js';
import { SqliteStore } from '../src/store/sqlite-store.js';
import { DeliveryWorker } from '../src/subscriptions/delivery-worker.js';
import { DELIVERY_SETTINGS, type DeliverySettings } from '../src/subscriptions/start-subscriptions.js';
import { buildUpdatePost } from '../src/subscriptions/update-post.js';
import { type RateLimitCounts, startFakeDiscord } from '../test/fake-discord/index.js';
import { loginTo } from '../test/fake-discord/login.js';

export const FAN_OUT_CHANNELS = 1_000;
/** Discord's global limit for a bot. https://discord.com/developers/docs/topics/rate-limits#global-rate-limit */
export const GLOBAL_REQUESTS_PER_SECOND = 50;
/** Goal from issue 5: "≥ 40 posts/s, no unhandled 429". */
export const FAN_OUT_GOAL_POSTS_PER_SECOND = 40;
/** Gives up on a run that stalls, rather than hanging the bench. */
const DRAIN_TIMEOUT_MS = 120_000;
const POLL_MS = 25;

export interface FanOut {
  channels: number;
  /** Posts in flight at once in the worker (the bot's setting unless asked otherwise). */
  concurrency: number;
  /** Rows the worker claims at a time. */
  batch: number;
  leaseMs: number;
  sent: number;
  /** Channels that ended with a number of messages other than one. */
  wrongCount: number;
  ms: number;
  postsPerSecond: number;
  rateLimited: RateLimitCounts;
  violations: number;
}

export async function measureFanOut(options: {
  seedsDir: string;
  log: (message: string) => void;
  channels?: number;
  /** The worker's settings: the bot's (DELIVERY_SETTINGS) unless asked otherwise. */
  settings?: DeliverySettings;
}): Promise<FanOut> {
  const count = options.channels ?? FAN_OUT_CHANNELS;
  const settings = options.settings ?? DELIVERY_SETTINGS;
  const fake = await startFakeDiscord({
    log: (message) => options.log(`[fan-out] ${message}`),
    globalRequestsPerSecond: GLOBAL_REQUESTS_PER_SECOND,
    channelMessageLimit: true,
  });
  // Made before login, so they reach the client in GUILD_CREATE as a server's channels do.
  const channels = Array.from({ length: count }, (_, n) => fake.createChannel(`story-${n + 1}`));
  const dir = await mkdtemp(join(tmpdir(), 'newsdesk-bench-fan-out-'));
  const store = await SqliteStore.open(join(dir, 'store.sqlite'));
  const client = createClient({ apiBase: fake.apiUrl });
  let worker: DeliveryWorker | undefined;
  try {
    options.log(`[fan-out] subscribing ${count} channels...`);
    const targets = [];
    for (const channel of channels) {
      const subscription = await store.addSubscription({
        guildId: fake.guild.id,
        channelId: channel.id,
        mode: 'every',
        createdBy: fake.user.id,
      });
      targets.push({ guildId: fake.guild.id, channelId: channel.id, subscriptionId: subscription.id });
    }
    const post = await seedUpdatePost(options.seedsDir);
    await store.enqueue('bench:fan-out:v1', targets, { payload: JSON.stringify(post) });
    await loginTo(fake, client);
    worker = new DeliveryWorker({
      store,
      poster: createDiscordPoster(client),
      workerId: 'bench-fan-out',
      logger: { info: () => {}, warn: () => {}, error: (_data, message) => options.log(`[fan-out] ${message}`) },
      ...settings,
      intervalMs: POLL_MS,
    });

    options.log(`[fan-out] delivering to ${count} channels...`);
    const started = performance.now();
    worker.start();
    while ((await store.listOutbox(fake.guild.id, { status: 'pending', limit: 1 })).length > 0) {
      if (performance.now() - started > DRAIN_TIMEOUT_MS) throw new Error('fan-out did not finish in time');
      await sleep(POLL_MS);
    }
    const ms = performance.now() - started;
    await worker.stop();

    const sent = (await store.listOutbox(fake.guild.id, { status: 'sent', limit: count })).length;
    const wrongCount = channels.filter((channel) => fake.messagesIn(channel.id).length !== 1).length;
    return {
      channels: count,
      ...settings,
      sent,
      wrongCount,
      ms,
      postsPerSecond: (sent / ms) * 1000,
      rateLimited: fake.rateLimited,
      violations: fake.violations.length,
    };
  } finally {
    await worker?.stop();
    await client.destroy();
    await fake.stop();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** A real update post: the first seed article, announced as new. */
async function seedUpdatePost(seedsDir: string) {
  const { articles } = await loadArticles(seedsDir);
  const article = articles[0];
  if (!article) throw new Error(`no articles in ${seedsDir}`);
  const corpus = new Corpus(analyseArticle);
  corpus.add([article]);
  return buildUpdatePost({ kind: 'added', origin: article.id, article }, corpus);
}

export function formatFanOut(result: FanOut): string {
  const met = result.postsPerSecond >= FAN_OUT_GOAL_POSTS_PER_SECOND ? 'met' : 'NOT met';
  const { global, channel } = result.rateLimited;
  const unhandled = result.channels - result.sent + result.wrongCount;
  return [
    `Fan-out of one update to ${result.channels} subscribed channels (global limit ${GLOBAL_REQUESTS_PER_SECOND} requests/s enforced, worker concurrency ${result.concurrency}, batch ${result.batch}, lease ${result.leaseMs / 1000} s)`,
    `  ${result.postsPerSecond.toFixed(1)} posts/s, ${(result.ms / 1000).toFixed(1)} s in all (goal ≥ ${FAN_OUT_GOAL_POSTS_PER_SECOND} posts/s: ${met})`,
    `  429s answered by the fake: ${global} global, ${channel} per channel; sent ${result.sent} of ${result.channels}, channels without exactly one message: ${result.wrongCount} (unhandled: ${unhandled}); fake Discord violations: ${result.violations}`,
    '',
  ].join('\n');
}
