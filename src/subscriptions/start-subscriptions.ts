import { hostname } from 'node:os';
import type { Article } from '../articles/types.js';
import type { Corpus } from '../corpus/corpus.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/types.js';
import { Announcer } from './announcer.js';
import { DeliveryWorker, type DeliveryWorkerOptions } from './delivery-worker.js';
import { DigestScheduler } from './digest-scheduler.js';
import type { Poster } from './poster.js';

export type DeliverySettings = Readonly<Required<Pick<DeliveryWorkerOptions, 'concurrency' | 'batch' | 'leaseMs'>>>;

const DELIVERY_CONCURRENCY = 4;
/**
 * How the bot's delivery worker sends (the fan-out bench measures with the same). A post is a round
 * trip to Discord (~100 ms), so one at a time caps a worker near 10 posts/s; four in flight reach
 * Discord's global 50 requests/s. The lease outlasts a batch (two posts per lane, each timed out at
 * 10 s) yet hands a crashed process's rows to others within half a minute.
 */
export const DELIVERY_SETTINGS: DeliverySettings = {
  concurrency: DELIVERY_CONCURRENCY,
  batch: DELIVERY_CONCURRENCY * 2,
  leaseMs: 30_000,
};

export interface SubscriptionsOptions {
  store: Store;
  poster: Poster;
  corpus: Corpus;
  logger: Logger;
  /** How often the worker looks for due posts when nothing wakes it. */
  deliveryIntervalMs: number;
  /** Names this process's leases, so a row is never sent by two processes at once. */
  workerName?: string;
}

export interface RunningSubscriptions {
  announcer: Announcer;
  /** Announces what changed while Newsdesk was down; runs in the background, logged when done. */
  catchUp(articles: readonly Article[]): Promise<void>;
  /** The store is back after an outage: announce what was held and send what is due, now. */
  storeRecovered(): void;
  /** Stops delivering (the post in flight finishes; claimed rows go back after their lease). */
  close(): Promise<void>;
}

/**
 * What makes channels follow the story, started together: the announcer the ingest calls after
 * each change, the digest scheduler that gathers a day's updates at each digest's time, and the
 * delivery worker that drains the outbox for both. The store is opened and closed by the caller (the composition root).
 */
export function startSubscriptions(options: SubscriptionsOptions): RunningSubscriptions {
  const log = options.logger.child({ module: 'subscriptions' });
  const worker = new DeliveryWorker({
    store: options.store,
    poster: options.poster,
    workerId: options.workerName ?? `${hostname()}:${process.pid}`,
    logger: options.logger.child({ module: 'delivery' }),
    intervalMs: options.deliveryIntervalMs,
    ...DELIVERY_SETTINGS,
  });
  const announcer = new Announcer({
    store: options.store,
    corpus: options.corpus,
    logger: options.logger,
    onQueued: () => worker.wake(),
  });
  const digests = new DigestScheduler({
    store: options.store,
    logger: options.logger.child({ module: 'digests' }),
    onQueued: () => worker.wake(),
  });
  worker.start();
  digests.start();
  return {
    announcer,
    async catchUp(articles) {
      const started = performance.now();
      await announcer.catchUp(articles);
      log.info({ articles: articles.length, ms: Math.round(performance.now() - started) }, 'caught up with the store');
    },
    storeRecovered() {
      void announcer.retryNow().then(() => worker.wake());
    },
    async close() {
      announcer.stop();
      await digests.stop();
      await worker.stop();
    },
  };
}
