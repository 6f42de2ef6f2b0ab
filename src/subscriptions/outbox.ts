/**
 * Delivery is data, after MonitoRSS: one outbox row per (update, channel), with a status, attempts
 * and a backoff, visible to the people who subscribed. A store (src/store) keeps the rows.
 */

export type OutboxStatus = 'pending' | 'sent' | 'failed' | 'skipped';

/** One channel an update goes to. */
export interface DeliveryTarget {
  guildId: string;
  channelId: string;
  /** The subscription that asked for it: paused with it on a permanent failure. */
  subscriptionId?: string | null;
}

export interface OutboxRow {
  id: number;
  /** What is delivered, e.g. `seeds:strike.md:v2` or a digest key; with the channel, unique. */
  updateKey: string;
  guildId: string;
  channelId: string;
  subscriptionId: string | null;
  /** Opaque text the enqueuer attaches (e.g. JSON the sender needs); null when none. */
  payload: string | null;
  status: OutboxStatus;
  /** Why the row failed, was skipped, or is waiting for a retry. */
  reason: string | null;
  /** Times the row has been claimed for sending. */
  attempts: number;
  /** Not claimable before this (the backoff). */
  nextAttemptAt: Date;
  /** Stable per (update, channel): sent as Discord's message nonce so a resend is recognised. */
  idempotencyKey: string;
  claimedBy: string | null;
  leaseExpiresAt: Date | null;
  sentMessageId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface EnqueueOptions {
  payload?: string | null;
}

export interface ListOutboxOptions {
  /** Newest first, at most this many (default DEFAULT_OUTBOX_PAGE). */
  limit?: number;
  status?: OutboxStatus;
}

export const DEFAULT_OUTBOX_PAGE = 25;

/** Retry at this time, or never. */
export type RetryAt = Date | 'permanent';

/** Where outbox rows are kept and leased to delivery workers (implemented by src/store). */
export interface OutboxStore {
  /**
   * One pending row per target; a target that already has a row for this update key is left alone.
   * Returns the number of rows created.
   */
  enqueue(updateKey: string, targets: readonly DeliveryTarget[], options?: EnqueueOptions): Promise<number>;
  /**
   * Leases up to `limit` due rows to this worker for `leaseMs`. A row is never leased to two
   * workers at once; a row whose lease ran out unacknowledged (a crash) is due again.
   * Rows of paused subscriptions are left waiting.
   */
  claim(workerId: string, limit: number, leaseMs: number): Promise<OutboxRow[]>;
  /**
   * Hands back, at once, the pending rows this worker has leased but not reached (a clean
   * shutdown), so another process or the next start sends them without waiting out the lease.
   * Returns how many were released.
   */
  releaseClaims(workerId: string): Promise<number>;
  markSent(id: number, messageId: string): Promise<void>;
  /**
   * A retryable failure goes back to pending until `retryAt`; a permanent one is `failed` and
   * pauses the row's subscription with the reason. Both are recorded as the subscription's last failure.
   */
  markFailed(id: number, reason: string, retryAt: RetryAt): Promise<void>;
  /** Gives up on a row without an attempt (e.g. the update no longer matches), with the reason. */
  markSkipped(id: number, reason: string): Promise<void>;
  listOutbox(guildId: string, options?: ListOutboxOptions): Promise<OutboxRow[]>;
  /** How many of a guild's outbox rows have this status (all of them, unlike a page of `listOutbox`). */
  countOutbox(guildId: string, status: OutboxStatus): Promise<number>;
}
