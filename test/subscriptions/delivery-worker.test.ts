import { afterAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/reply.js';
import { idempotencyKey } from '../../src/store/idempotency-key.js';
import type { Store } from '../../src/store/types.js';
import { announceChange } from '../../src/subscriptions/announce.js';
import { DeliveryWorker, type DeliveryWorkerOptions } from '../../src/subscriptions/delivery-worker.js';
import { PostError } from '../../src/subscriptions/poster.js';
import {
  corpusOf,
  FIRST_VERSION,
  ferryArticle,
  freshStore,
  GUILD,
  ORIGIN,
  RecordingPoster,
  removeStores,
  SECOND_VERSION,
  silentLogger,
  subscribe,
  TestClock,
} from './helpers.js';

afterAll(removeStores);

const LEASE_MS = 30_000;
const CHANNELS = Array.from({ length: 7 }, (_, n) => `channel-${n + 1}`);

async function announceNewArticle(store: Store, text = FIRST_VERSION): Promise<void> {
  const article = ferryArticle(text);
  await announceChange({ kind: 'added', origin: ORIGIN, article }, { store, corpus: corpusOf(article) });
}

function worker(store: Store, poster: RecordingPoster, options: Partial<DeliveryWorkerOptions> = {}) {
  return new DeliveryWorker({
    store,
    poster,
    workerId: 'worker-1',
    logger: silentLogger(),
    leaseMs: LEASE_MS,
    batch: 3,
    intervalMs: 10,
    backoff: { random: () => 0 },
    ...options,
  });
}

describe('the delivery worker', () => {
  it('delivers each outbox row exactly once and records the message it became', async () => {
    const store = await freshStore(new TestClock());
    for (const channel of CHANNELS) await subscribe(store, channel);
    await announceNewArticle(store);
    const poster = new RecordingPoster();
    const delivery = worker(store, poster);

    expect(await delivery.drainOnce()).toEqual({ sent: CHANNELS.length, retrying: 0, failed: 0, skipped: 0 });
    expect(await delivery.drainOnce()).toEqual({ sent: 0, retrying: 0, failed: 0, skipped: 0 });

    expect(poster.calls.map((call) => call.channelId).sort()).toEqual([...CHANNELS].sort());
    const rows = await store.listOutbox(GUILD, { limit: 100 });
    expect(rows.every((row) => row.status === 'sent' && row.sentMessageId?.startsWith('message-'))).toBe(true);
    for (const call of poster.calls) {
      const row = rows.find((candidate) => candidate.channelId === call.channelId)!;
      expect(call.idempotencyKey).toBe(idempotencyKey(row.updateKey, call.channelId));
      expect(call.reply).toEqual(JSON.parse(row.payload!) as Reply);
    }
    await store.close();
  });

  it('retries a rate-limited post after the time the platform asked for, and delivers it once', async () => {
    const clock = new TestClock();
    const store = await freshStore(clock);
    await subscribe(store, 'channel-a');
    await announceNewArticle(store);
    const poster = new RecordingPoster();
    poster.failures.push(new PostError('rate_limited', 'You are being rate limited.', 2_000));
    const delivery = worker(store, poster, { now: clock.now });

    expect(await delivery.drainOnce()).toMatchObject({ sent: 0, retrying: 1 });
    const [waiting] = await store.listOutbox(GUILD);
    expect(waiting).toMatchObject({ status: 'pending', reason: expect.stringContaining('rate limited') });
    expect(waiting!.nextAttemptAt.getTime() - clock.now().getTime()).toBe(2_000);
    expect(await delivery.drainOnce()).toMatchObject({ sent: 0, retrying: 0 });

    clock.advance(2_000);
    expect(await delivery.drainOnce()).toMatchObject({ sent: 1 });
    expect(await delivery.drainOnce()).toMatchObject({ sent: 0 });
    expect(poster.calls).toHaveLength(1);
    expect((await store.listOutbox(GUILD))[0]).toMatchObject({ status: 'sent', attempts: 2 });
    await store.close();
  });

  it('backs off after a server error and delivers on a later attempt', async () => {
    const clock = new TestClock();
    const store = await freshStore(clock);
    await subscribe(store, 'channel-a');
    await announceNewArticle(store);
    const poster = new RecordingPoster();
    poster.failures.push(new PostError('transient', '503 Service Unavailable'), new Error('socket hang up'));
    const delivery = worker(store, poster, { now: clock.now, backoff: { baseMs: 1_000, random: () => 0 } });

    expect(await delivery.drainOnce()).toMatchObject({ retrying: 1 });
    clock.advance(500);
    expect(await delivery.drainOnce()).toMatchObject({ retrying: 1 });
    clock.advance(1_000);
    expect(await delivery.drainOnce()).toMatchObject({ sent: 1 });
    expect(poster.calls).toHaveLength(1);
    await store.close();
  });

  it('pauses the subscription when the channel is gone, and stops sending to it', async () => {
    const store = await freshStore(new TestClock());
    const lost = await subscribe(store, 'channel-lost');
    await subscribe(store, 'channel-ok');
    await announceNewArticle(store);
    const poster = new RecordingPoster();
    const failing = {
      post: (channelId: string, reply: Reply, key: string) =>
        channelId === 'channel-lost'
          ? Promise.reject(new PostError('permanent', 'Unknown Channel'))
          : poster.post(channelId, reply, key),
    };
    const delivery = new DeliveryWorker({ store, poster: failing, workerId: 'w', logger: silentLogger() });

    expect(await delivery.drainOnce()).toMatchObject({ sent: 1, failed: 1 });

    const subscription = await store.getSubscription(lost.id);
    expect(subscription).toMatchObject({ paused: true, pausedReason: 'Unknown Channel' });
    expect(subscription?.lastFailure?.reason).toBe('Unknown Channel');
    const rows = await store.listOutbox(GUILD);
    expect(rows.find((row) => row.channelId === 'channel-lost')).toMatchObject({ status: 'failed' });
    await announceNewArticle(store, SECOND_VERSION);
    await delivery.drainOnce();
    expect(poster.calls.map((call) => call.channelId)).toEqual(['channel-ok', 'channel-ok']);
    await store.close();
  });

  it('delivers what a crashed worker claimed once its lease runs out: each channel gets each update once', async () => {
    const clock = new TestClock();
    const store = await freshStore(clock);
    for (const channel of CHANNELS) await subscribe(store, channel);
    await announceNewArticle(store, FIRST_VERSION);
    await announceNewArticle(store, SECOND_VERSION);
    const poster = new RecordingPoster();
    // The first worker claims a batch and posts one row, then dies before marking anything.
    const claimed = await store.claim('crashed-worker', 5, LEASE_MS);
    const posted = claimed[0]!;
    await poster.post(posted.channelId, JSON.parse(posted.payload!) as Reply, posted.idempotencyKey);
    const survivor = worker(store, poster, { workerId: 'worker-2' });

    const beforeExpiry = await survivor.drainOnce();
    expect(beforeExpiry.sent).toBe(2 * CHANNELS.length - claimed.length);
    clock.advance(LEASE_MS + 1);
    expect(await survivor.drainOnce()).toMatchObject({ sent: claimed.length });

    const rows = await store.listOutbox(GUILD, { limit: 100 });
    expect(rows).toHaveLength(2 * CHANNELS.length);
    expect(rows.every((row) => row.status === 'sent')).toBe(true);
    // The row posted before the crash was sent again with the same key, which the platform
    // recognises: every channel shows each of the two updates exactly once.
    expect(poster.calls).toHaveLength(2 * CHANNELS.length + 1);
    expect([...poster.postedPerChannel().values()]).toEqual(CHANNELS.map(() => 2));
    const keysPerChannel = new Map<string, Set<string>>();
    for (const call of poster.calls) {
      const keys = keysPerChannel.get(call.channelId) ?? new Set();
      keysPerChannel.set(call.channelId, keys.add(call.idempotencyKey));
    }
    expect([...keysPerChannel.values()].map((keys) => keys.size)).toEqual(CHANNELS.map(() => 2));
    await store.close();
  });

  it('finishes the post in flight when stopped, and posts nothing after', async () => {
    const store = await freshStore(new TestClock());
    for (const channel of CHANNELS) await subscribe(store, channel);
    await announceNewArticle(store);
    let release!: () => void;
    let started!: () => void;
    const inFlight = new Promise<void>((resolve) => {
      started = resolve;
    });
    const calls: string[] = [];
    const slow = {
      async post(channelId: string) {
        calls.push(channelId);
        started();
        await new Promise<void>((resolve) => {
          release = resolve;
        });
        return { messageId: `message-${channelId}` };
      },
    };
    const delivery = new DeliveryWorker({ store, poster: slow, workerId: 'w', logger: silentLogger(), intervalMs: 5 });

    delivery.start();
    await inFlight;
    let stopped = false;
    const stopping = delivery.stop().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stopped).toBe(false);
    release();
    await stopping;

    expect(calls).toHaveLength(1);
    const sent = (await store.listOutbox(GUILD, { limit: 100 })).filter((row) => row.status === 'sent');
    expect(sent.map((row) => row.channelId)).toEqual(calls);
    await store.close();
  });
});
