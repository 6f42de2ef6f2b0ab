import { StoreUnavailableError } from '../store/store-errors.js';
import type { OutboxStore } from './outbox.js';
import type { DeliveryMode, DigestSchedule, Subscription, SubscriptionStore } from './subscription.js';

/** Subscriptions a server may hold; a guard against a runaway script, far above any real use. */
export const MAX_SUBSCRIPTIONS_PER_SERVER = 50;
/** The shortest id prefix `/unsubscribe` accepts (ids are UUIDs; 8 characters is what lists show). */
export const MIN_ID_PREFIX = 4;

export interface SubscribeRequest {
  guildId: string;
  channelId: string;
  /** Words or people, comma-separated; null or empty follows the whole story. */
  topic: string | null;
  mode: DeliveryMode;
  digest: DigestSchedule | null;
  userId: string;
}

export type SubscribeOutcome =
  /** A new subscription. */
  | { kind: 'created'; subscription: Subscription }
  /** The same subscription existed, paused after a failure; it is delivering again. */
  | { kind: 'resumed'; subscription: Subscription }
  /** The same subscription already exists and is active: nothing changed. */
  | { kind: 'exists'; subscription: Subscription }
  | { kind: 'limit'; limit: number };

/**
 * The subscription rules people meet through /subscribe, /unsubscribe and /subscriptions, over the
 * store and free of any platform: one subscription per (channel, topic, mode and schedule), a paused
 * one resumed by subscribing again, removal by channel or by id.
 */
export class SubscriptionManager {
  constructor(
    private readonly store: SubscriptionStore & OutboxStore,
    /** Whether the store can be written (see StoreHealth); without one it is assumed it can. */
    private readonly health?: { problem(): string | null },
  ) {}

  /** Null while subscriptions are being served; else why updates are not going out. */
  storeProblem(): string | null {
    return this.health?.problem() ?? null;
  }

  async subscribe(request: SubscribeRequest): Promise<SubscribeOutcome> {
    this.requireWritable();
    const topic = normaliseTopic(request.topic);
    const existing = await this.store.listSubscriptions(request.guildId);
    const same = existing.find(
      (subscription) =>
        subscription.channelId === request.channelId &&
        (subscription.topic ?? '').toLowerCase() === (topic ?? '').toLowerCase() &&
        subscription.mode === request.mode &&
        sameSchedule(subscription.digest, request.digest),
    );
    if (same?.paused) {
      await this.store.resumeSubscription(same.id);
      const resumed = await this.readBack(request.guildId, same.id);
      if (resumed.paused) throw new StoreUnavailableError('a subscription resumed was still paused when read back');
      return { kind: 'resumed', subscription: resumed };
    }
    if (same) return { kind: 'exists', subscription: same };
    if (existing.length >= MAX_SUBSCRIPTIONS_PER_SERVER) return { kind: 'limit', limit: MAX_SUBSCRIPTIONS_PER_SERVER };
    const subscription = await this.store.addSubscription({
      guildId: request.guildId,
      channelId: request.channelId,
      topic,
      mode: request.mode,
      digest: request.digest,
      createdBy: request.userId,
    });
    return { kind: 'created', subscription: await this.readBack(request.guildId, subscription.id) };
  }

  /**
   * Only what the store holds is confirmed: the subscription is read back after writing, and a
   * store known to be failing (read-only, its file deleted) is not written at all.
   */
  private async readBack(guildId: string, id: string): Promise<Subscription> {
    const stored = (await this.store.listSubscriptions(guildId)).find((subscription) => subscription.id === id);
    if (!stored) throw new StoreUnavailableError('a subscription written was not there when read back');
    this.requireWritable();
    return stored;
  }

  private requireWritable(): void {
    const problem = this.storeProblem();
    if (problem) throw new StoreUnavailableError(problem);
  }

  /**
   * Removes one subscription by id (or the start of it), or every subscription of a channel.
   * Returns what was removed; their undelivered posts are skipped by the store.
   */
  async unsubscribe(guildId: string, target: { id: string } | { channelId: string }): Promise<Subscription[]> {
    this.requireWritable();
    const existing = await this.store.listSubscriptions(guildId);
    const chosen =
      'id' in target
        ? matchId(existing, target.id)
        : existing.filter((subscription) => subscription.channelId === target.channelId);
    const removed: Subscription[] = [];
    for (const subscription of chosen) {
      if (await this.store.removeSubscription(guildId, subscription.id)) removed.push(subscription);
    }
    return removed;
  }

  list(guildId: string): Promise<Subscription[]> {
    return this.store.listSubscriptions(guildId);
  }

  /** Posts waiting to go out to this server's channels (due now or retrying later). */
  pendingCount(guildId: string): Promise<number> {
    return this.store.countOutbox(guildId, 'pending');
  }
}

function normaliseTopic(topic: string | null): string | null {
  const phrases = (topic ?? '')
    .split(',')
    .map((phrase) => phrase.trim().replace(/\s+/g, ' '))
    .filter(Boolean);
  return phrases.length ? phrases.join(', ') : null;
}

function sameSchedule(a: DigestSchedule | null, b: DigestSchedule | null): boolean {
  return a?.time === b?.time && a?.timeZone === b?.timeZone;
}

/** An exact id, or a prefix of one id; a prefix that fits several matches none (the caller lists them). */
function matchId(subscriptions: readonly Subscription[], text: string): Subscription[] {
  const wanted = text.trim().toLowerCase();
  const exact = subscriptions.filter((subscription) => subscription.id === wanted);
  if (exact.length || wanted.length < MIN_ID_PREFIX) return exact;
  const byPrefix = subscriptions.filter((subscription) => subscription.id.startsWith(wanted));
  return byPrefix.length === 1 ? byPrefix : [];
}
