/**
 * A channel's subscription to the story: what it follows and how it is told. The subscription
 * services own these records; a store (src/store) keeps them between restarts.
 */

export type DeliveryMode = 'every' | 'digest';

/** When a digest subscription posts: a wall-clock time in an IANA time zone. */
export interface DigestSchedule {
  /** 24-hour `HH:MM`, e.g. `18:30`. */
  time: string;
  /** IANA zone name, e.g. `Europe/Paris`. */
  timeZone: string;
}

export interface DeliveryFailure {
  at: Date;
  reason: string;
}

export interface Subscription {
  id: string;
  guildId: string;
  channelId: string;
  /** Words or people an update must match; null follows the whole story. */
  topic: string | null;
  mode: DeliveryMode;
  /** Set when `mode` is `digest`, null otherwise. */
  digest: DigestSchedule | null;
  /** The Discord user who subscribed the channel. */
  createdBy: string;
  createdAt: Date;
  paused: boolean;
  pausedReason: string | null;
  lastDeliveryAt: Date | null;
  lastFailure: DeliveryFailure | null;
  /** The slot the last digest covered up to (see `markDigested`); null before the first digest. */
  lastDigestAt: Date | null;
}

export interface NewSubscription {
  guildId: string;
  channelId: string;
  topic?: string | null;
  mode: DeliveryMode;
  digest?: DigestSchedule | null;
  createdBy: string;
}

/** Where subscriptions are kept (implemented by src/store). */
export interface SubscriptionStore {
  addSubscription(subscription: NewSubscription): Promise<Subscription>;
  /** Removes one of this guild's subscriptions; its undelivered rows become `skipped`. False when none matched. */
  removeSubscription(guildId: string, id: string): Promise<boolean>;
  listSubscriptions(guildId: string): Promise<Subscription[]>;
  /** Every subscription that is not paused, in every guild: the fan-out list for a new update. */
  listActiveSubscriptions(): Promise<Subscription[]>;
  getSubscription(id: string): Promise<Subscription | null>;
  pauseSubscription(id: string, reason: string): Promise<void>;
  resumeSubscription(id: string): Promise<void>;
  /**
   * Marks a subscription's digest as sent up to `at` (the slot's instant). Only ever moves
   * forward: false when the subscription is gone or already marked at or after `at`.
   */
  markDigested(subscriptionId: string, at: Date): Promise<boolean>;
}
