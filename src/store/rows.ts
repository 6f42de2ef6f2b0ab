import type { Feed, FeedArticle } from '../ingest/feed-records.js';
import type { OutboxRow, OutboxStatus } from '../subscriptions/outbox.js';
import type { Subscription } from '../subscriptions/subscription.js';
import type { LoggedUpdate } from '../subscriptions/update-log.js';

/** A time as either back-end returns it: integer milliseconds (SQLite) or a Date (PostgreSQL). */
type StoredTime = number | Date;

export interface SubscriptionRecord {
  id: string;
  guild_id: string;
  channel_id: string;
  topic: string | null;
  mode: 'every' | 'digest';
  digest_time: string | null;
  digest_time_zone: string | null;
  created_by: string;
  created_at: StoredTime;
  paused: number | boolean;
  paused_reason: string | null;
  last_delivery_at: StoredTime | null;
  last_failure_at: StoredTime | null;
  last_failure_reason: string | null;
  last_digest_at: StoredTime | null;
}

export interface FeedRecord {
  url: string;
  guild_id: string;
  added_by: string;
  added_at: StoredTime;
}

export interface FeedArticleRecord {
  origin: string;
  feed_url: string;
  fingerprint: string;
  article_origin: string;
  title: string | null;
  date: string | null;
  source: string | null;
  url: string | null;
  author: string | null;
  text: string;
  updated_at: StoredTime;
}

export interface UpdateRecord {
  /** PostgreSQL returns BIGINT as a string. */
  id: number | string;
  update_key: string;
  article_id: string;
  origin: string;
  kind: 'new' | 'updated';
  title: string;
  search_text: string;
  payload: string;
  announced_at: StoredTime;
}

export interface OutboxRecord {
  /** PostgreSQL returns BIGINT as a string. */
  id: number | string;
  update_key: string;
  guild_id: string;
  channel_id: string;
  subscription_id: string | null;
  payload: string | null;
  status: OutboxStatus;
  reason: string | null;
  attempts: number;
  next_attempt_at: StoredTime;
  idempotency_key: string;
  claimed_by: string | null;
  lease_expires_at: StoredTime | null;
  sent_message_id: string | null;
  created_at: StoredTime;
  updated_at: StoredTime;
}

const toDate = (time: StoredTime): Date => (time instanceof Date ? time : new Date(time));
const toMaybeDate = (time: StoredTime | null): Date | null => (time === null ? null : toDate(time));

export function toSubscription(record: SubscriptionRecord): Subscription {
  return {
    id: record.id,
    guildId: record.guild_id,
    channelId: record.channel_id,
    topic: record.topic,
    mode: record.mode,
    digest:
      record.digest_time !== null && record.digest_time_zone !== null
        ? { time: record.digest_time, timeZone: record.digest_time_zone }
        : null,
    createdBy: record.created_by,
    createdAt: toDate(record.created_at),
    paused: Boolean(record.paused),
    pausedReason: record.paused_reason,
    lastDeliveryAt: toMaybeDate(record.last_delivery_at),
    lastFailure:
      record.last_failure_at !== null
        ? { at: toDate(record.last_failure_at), reason: record.last_failure_reason ?? '' }
        : null,
    lastDigestAt: toMaybeDate(record.last_digest_at),
  };
}

export function toFeed(record: FeedRecord): Feed {
  return { url: record.url, guildId: record.guild_id, addedBy: record.added_by, addedAt: toDate(record.added_at) };
}

export function toFeedArticle(record: FeedArticleRecord): FeedArticle {
  return {
    origin: record.origin,
    feedUrl: record.feed_url,
    fingerprint: record.fingerprint,
    articleOrigin: record.article_origin,
    title: record.title,
    date: record.date,
    source: record.source,
    url: record.url,
    author: record.author,
    text: record.text,
    updatedAt: toDate(record.updated_at),
  };
}

export function toLoggedUpdate(record: UpdateRecord): LoggedUpdate {
  return {
    id: Number(record.id),
    updateKey: record.update_key,
    articleId: record.article_id,
    origin: record.origin,
    kind: record.kind,
    title: record.title,
    searchText: record.search_text,
    payload: record.payload,
    announcedAt: toDate(record.announced_at),
  };
}

export function toOutboxRow(record: OutboxRecord): OutboxRow {
  return {
    id: Number(record.id),
    updateKey: record.update_key,
    guildId: record.guild_id,
    channelId: record.channel_id,
    subscriptionId: record.subscription_id,
    payload: record.payload,
    status: record.status,
    reason: record.reason,
    attempts: record.attempts,
    nextAttemptAt: toDate(record.next_attempt_at),
    idempotencyKey: record.idempotency_key,
    claimedBy: record.claimed_by,
    leaseExpiresAt: toMaybeDate(record.lease_expires_at),
    sentMessageId: record.sent_message_id,
    createdAt: toDate(record.created_at),
    updatedAt: toDate(record.updated_at),
  };
}

/** Claimed rows in the order they became due; RETURNING promises no order. */
export const byDueThenId = (a: OutboxRow, b: OutboxRow): number =>
  a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() || a.id - b.id;
