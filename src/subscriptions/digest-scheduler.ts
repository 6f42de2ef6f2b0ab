import type { Clock } from '../clock.js';
import { targetOf } from './delivery-target.js';
import { buildDigestPost } from './digest-post.js';
import { latestSlot } from './digest-schedule.js';
import type { OutboxStore } from './outbox.js';
import type { Subscription, SubscriptionStore } from './subscription.js';
import { matchesTopic } from './topic-filter.js';
import type { LoggedUpdate, UpdateLog } from './update-log.js';

/** How often the scheduler looks for digests that have fallen due. */
export const DEFAULT_DIGEST_INTERVAL_MS = 30_000;
/**
 * A slot is gathered this long after it passes, so an update being logged at the slot's very
 * instant (its time taken, its row not yet committed) is in this digest rather than in none.
 */
export const DEFAULT_DIGEST_SETTLE_MS = 5_000;

/** The slice of pino's Logger the scheduler uses; a pino Logger (or a child) satisfies it. */
export interface DigestLogger {
  info(data: object, message: string): void;
  error(data: object, message: string): void;
}

export interface DigestSchedulerOptions {
  store: SubscriptionStore & OutboxStore & UpdateLog;
  logger: DigestLogger;
  now?: Clock;
  intervalMs?: number;
  settleMs?: number;
  /** A digest was queued: wake the delivery worker so it goes out now, not at its next poll. */
  onQueued?: () => void;
}

export interface DigestTickResult {
  /** Digest subscriptions whose slot had come. */
  due: number;
  /** Of those, digests queued (0 rows when another process had queued the same slot's). */
  queued: number;
  /** Of those, with nothing new on their topic: marked, nothing posted. */
  empty: number;
  /** Of those, left for the next tick after an error (logged). */
  failed: number;
}

/**
 * The outbox key of one subscription's digest for one slot. Every process computes the same key for
 * the same slot, so processes sharing a database queue it once (the outbox is unique per key and channel).
 */
export function digestKey(subscriptionId: string, slot: Date): string {
  return `digest:${subscriptionId}:${slot.toISOString()}`;
}

interface DueDigest {
  subscription: Subscription & { digest: NonNullable<Subscription['digest']> };
  since: Date;
  slot: Date;
}

/**
 * Posts daily digests: about every `intervalMs`, each active digest subscription whose local time
 * has come since its last digest (or since it subscribed) gets one message gathering the updates
 * logged in between that match its topic, queued in the outbox like any post; then the slot is
 * marked. A crash between the two queues nothing twice: the next tick finds the slot still due,
 * its row already there, and marks it. A bot that was down over several slots sends one digest
 * covering all of them. Nothing new on the topic: nothing is posted, and the slot is marked.
 */
export class DigestScheduler {
  private readonly now: Clock;
  private readonly intervalMs: number;
  private readonly settleMs: number;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = true;

  constructor(private readonly options: DigestSchedulerOptions) {
    this.now = options.now ?? (() => new Date());
    this.intervalMs = options.intervalMs ?? DEFAULT_DIGEST_INTERVAL_MS;
    this.settleMs = options.settleMs ?? DEFAULT_DIGEST_SETTLE_MS;
  }

  /** Ticks now, then every `intervalMs` until stopped. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops ticking and waits for a tick in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** Queues every digest that is due now. */
  async tick(): Promise<DigestTickResult> {
    const { store, logger } = this.options;
    const result: DigestTickResult = { due: 0, queued: 0, empty: 0, failed: 0 };
    const { due, unreadable } = this.dueDigests(await store.listActiveSubscriptions());
    result.failed = unreadable;
    if (due.length === 0) return result;
    result.due = due.length;

    // One read of the log for every digest due: from the earliest start to the latest slot.
    const from = new Date(Math.min(...due.map((digest) => digest.since.getTime())));
    const to = new Date(Math.max(...due.map((digest) => digest.slot.getTime())));
    const updates = await store.listUpdatesSince(from, to);

    for (const digest of due) {
      const { subscription, since, slot } = digest;
      const log = { subscriptionId: subscription.id, channelId: subscription.channelId, slot };
      try {
        const post = buildDigestPost(inWindow(updates, digest), {
          since,
          timeZone: subscription.digest.timeZone,
          topic: subscription.topic,
        });
        if (post) {
          const created = await store.enqueue(digestKey(subscription.id, slot), [targetOf(subscription)], {
            payload: JSON.stringify(post),
          });
          result.queued++;
          logger.info({ ...log, title: post.title, created }, 'digest queued');
        } else {
          result.empty++;
        }
        await store.markDigested(subscription.id, slot);
      } catch (err) {
        result.failed++;
        logger.error({ ...log, err }, 'digest failed; it will be tried at the next tick');
      }
    }
    if (result.queued > 0) this.options.onQueued?.();
    return result;
  }

  private dueDigests(subscriptions: readonly Subscription[]): { due: DueDigest[]; unreadable: number } {
    // A slot counts once it is `settleMs` old (see DEFAULT_DIGEST_SETTLE_MS).
    const settled = new Date(this.now().getTime() - this.settleMs);
    const due: DueDigest[] = [];
    let unreadable = 0;
    for (const subscription of subscriptions) {
      const { digest } = subscription;
      if (subscription.mode !== 'digest' || !digest) continue;
      const since = subscription.lastDigestAt ?? subscription.createdAt;
      try {
        const slot = latestSlot(digest, settled);
        if (slot.getTime() > since.getTime()) due.push({ subscription: { ...subscription, digest }, since, slot });
      } catch (err) {
        // The store checked the zone when the subscription was made; a runtime without it now
        // (older time zone data) must not hold up everyone else's digests.
        unreadable++;
        this.options.logger.error({ err, subscriptionId: subscription.id, digest }, 'digest schedule unreadable');
      }
    }
    return { due, unreadable };
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      const tick = this.tick();
      this.running = tick;
      tick
        .catch((err: unknown) => this.options.logger.error({ err }, 'digest tick failed'))
        .finally(() => {
          this.running = null;
          if (!this.stopped) this.schedule(this.intervalMs);
        });
    }, delayMs);
  }
}

/** The updates a digest gathers: logged after its start, at or before its slot, on its topic. */
function inWindow(updates: readonly LoggedUpdate[], digest: DueDigest): LoggedUpdate[] {
  const since = digest.since.getTime();
  const slot = digest.slot.getTime();
  return updates.filter((update) => {
    const at = update.announcedAt.getTime();
    return at > since && at <= slot && matchesTopic(digest.subscription.topic, update.searchText);
  });
}
