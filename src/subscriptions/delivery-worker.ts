import type { Clock } from '../clock.js';
import type { Reply } from '../reply.js';
import { isStoreUnavailable } from '../store/store-errors.js';
import { type BackoffOptions, nextRetryAt } from './backoff.js';
import type { OutboxRow, OutboxStore } from './outbox.js';
import { PostError, type Poster } from './poster.js';

export const DEFAULT_LEASE_MS = 60_000;
export const DEFAULT_BATCH = 10;
export const DEFAULT_INTERVAL_MS = 1_000;
export const DEFAULT_CONCURRENCY = 1;

/** The slice of pino's Logger the worker uses; a pino Logger (or a child) satisfies it. */
export interface DeliveryLogger {
  info(data: object, message: string): void;
  warn(data: object, message: string): void;
  error(data: object, message: string): void;
}

export interface DeliveryWorkerOptions {
  store: OutboxStore;
  poster: Poster;
  /** Unique per process (e.g. host + pid + shard): whose lease a claimed row is under. */
  workerId: string;
  logger: DeliveryLogger;
  /**
   * How long a claimed row stays this worker's. Must outlast posting a whole batch; a row whose
   * lease runs out (the process died) is claimed again by any worker and resent with the same key.
   */
  leaseMs?: number;
  /** Rows claimed at a time. */
  batch?: number;
  /**
   * Posts in flight at once, each to its own row of the batch (default 1: one after another). A
   * post's time is a round trip to the platform, so this, not the platform's limits, caps the rate
   * of a sequential worker: about 10 posts/s at Discord's usual 100 ms. Keep it at most `batch`.
   */
  concurrency?: number;
  /** Pause between drains while running. */
  intervalMs?: number;
  now?: Clock;
  backoff?: BackoffOptions;
}

export interface DrainResult {
  sent: number;
  /** Went back to pending with a retry time (429, 5xx, timeouts, unexpected errors). */
  retrying: number;
  /** Failed for good; their subscriptions are paused. */
  failed: number;
  /** Could not be read (a payload that is not a post); skipped with the reason. */
  skipped: number;
}

/**
 * Sends the outbox: claims due rows under a lease, posts each, and records the outcome. Sending is
 * at-least-once with a per-(update, channel) idempotency key, so a crash between posting and
 * `markSent` ends in a resend the platform recognises, never a lost post.
 */
export class DeliveryWorker {
  private readonly leaseMs: number;
  private readonly batch: number;
  private readonly concurrency: number;
  private readonly intervalMs: number;
  private readonly now: Clock;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<DrainResult> | null = null;
  private stopped = true;
  /** Set by stop(): a drain in progress finishes its current post and claims nothing more. */
  private halting = false;
  private waitingForStore = false;

  constructor(private readonly options: DeliveryWorkerOptions) {
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.batch = options.batch ?? DEFAULT_BATCH;
    this.concurrency = Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY);
    this.intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS;
    this.now = options.now ?? (() => new Date());
  }

  /** Drains now, then again every `intervalMs` until stopped. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.halting = false;
    this.schedule(0);
  }

  /** Drains soon instead of at the next interval (call after enqueueing). */
  wake(): void {
    if (this.stopped || this.running) return;
    this.schedule(0);
  }

  /**
   * Stops polling, waits for the posts in flight, and hands back the rows claimed but not reached,
   * so the next process sends them at once instead of after the lease. (After a crash there is no
   * stop: those rows wait out their lease.)
   */
  async stop(): Promise<void> {
    this.stopped = true;
    this.halting = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
    try {
      const released = await this.options.store.releaseClaims(this.options.workerId);
      if (released) this.options.logger.info({ released }, 'handed back posts not sent before stopping');
    } catch (err) {
      this.options.logger.warn({ err }, 'could not hand back claimed posts; they are sent after their lease');
    }
  }

  /** Claims and sends batches until nothing is due (or the worker is stopped). */
  async drainOnce(): Promise<DrainResult> {
    const result: DrainResult = { sent: 0, retrying: 0, failed: 0, skipped: 0 };
    while (!this.halting) {
      const rows = await this.options.store.claim(this.options.workerId, this.batch, this.leaseMs);
      if (rows.length === 0) return result;
      let next = 0;
      const lane = async () => {
        // Between rows, not mid-post: stop() waits for the posts in flight, and the rest of the
        // batch is picked up after the lease by this or another worker.
        while (next < rows.length && !this.halting) {
          const row = rows[next++] as OutboxRow;
          result[await this.deliver(row)]++;
        }
      };
      // Settled, not all: a lane that fails (the store is down) must not leave others posting unseen.
      const lanes = await Promise.allSettled(Array.from({ length: Math.min(this.concurrency, rows.length) }, lane));
      const failed = lanes.find((outcome) => outcome.status === 'rejected');
      if (failed) throw failed.reason;
    }
    return result;
  }

  private schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.drainOnce();
      this.running
        .then(() => {
          this.waitingForStore = false;
        })
        .catch((err: unknown) => {
          // An outage fails every drain until it ends: said once, not every interval.
          if (!isStoreUnavailable(err)) this.options.logger.error({ err }, 'delivery drain failed');
          else if (!this.waitingForStore)
            this.options.logger.warn({ err }, 'delivery waits for the store to come back');
          this.waitingForStore = isStoreUnavailable(err);
        })
        .finally(() => {
          this.running = null;
          if (!this.stopped) this.schedule(this.intervalMs);
        });
    }, delayMs);
  }

  private async deliver(row: OutboxRow): Promise<keyof DrainResult> {
    const { store, poster, logger } = this.options;
    const log = { rowId: row.id, channelId: row.channelId, updateKey: row.updateKey, attempts: row.attempts };
    const reply = parsePost(row.payload);
    if (!reply) {
      await store.markSkipped(row.id, 'the outbox row carries no readable post');
      logger.warn(log, 'delivery skipped');
      return 'skipped';
    }
    try {
      const { messageId } = await poster.post(row.channelId, reply, row.idempotencyKey);
      await store.markSent(row.id, messageId);
      logger.info({ ...log, messageId }, 'delivered');
      return 'sent';
    } catch (err) {
      const failure = classify(err);
      if (failure.kind === 'permanent') {
        await store.markFailed(row.id, failure.reason, 'permanent');
        logger.warn({ ...log, reason: failure.reason }, 'delivery failed permanently');
        return 'failed';
      }
      const now = this.now();
      const retryAt =
        failure.retryAfterMs !== undefined
          ? new Date(now.getTime() + failure.retryAfterMs)
          : nextRetryAt(now, row.attempts, this.options.backoff);
      await store.markFailed(row.id, failure.reason, retryAt);
      logger.warn({ ...log, reason: failure.reason, retryAt }, 'delivery will be retried');
      return 'retrying';
    }
  }
}

interface Failure {
  kind: 'retry' | 'permanent';
  reason: string;
  retryAfterMs?: number;
}

/** Anything that is not a PostError is a bug or an outage we cannot name: retried, never dropped. */
function classify(err: unknown): Failure {
  if (err instanceof PostError) {
    if (err.kind === 'permanent') return { kind: 'permanent', reason: err.message };
    if (err.kind === 'rate_limited') {
      const reason = `rate limited: ${err.message}`;
      // Without a Retry-After the platform's wait is unknown: back off as for a server error.
      return err.retryAfterMs === undefined
        ? { kind: 'retry', reason }
        : { kind: 'retry', reason, retryAfterMs: err.retryAfterMs };
    }
    return { kind: 'retry', reason: err.message };
  }
  return { kind: 'retry', reason: err instanceof Error ? err.message : String(err) };
}

/**
 * The post a payload (an outbox row's or a logged update's) carries, or null when it carries none
 * readable: not JSON, or without a title, items and citations.
 */
export function parsePost(payload: string | null): Reply | null {
  if (!payload) return null;
  try {
    const reply = JSON.parse(payload) as Reply;
    return typeof reply?.title === 'string' && Array.isArray(reply.items) && Array.isArray(reply.citations)
      ? reply
      : null;
  } catch {
    return null;
  }
}
