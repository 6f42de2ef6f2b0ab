import type { Migration } from './migration.js';

// SQLite keeps times as integer milliseconds since the epoch and booleans as 0/1; PostgreSQL uses
// timestamptz and boolean. The row mappers in ../rows.ts read both.
export const subscriptionsArticlesOutbox: Migration = {
  version: 1,
  name: 'subscriptions, articles seen, delivery outbox',
  sqlite: `
    CREATE TABLE subscriptions (
      id TEXT PRIMARY KEY,
      guild_id TEXT NOT NULL,
      channel_id TEXT NOT NULL,
      topic TEXT,
      mode TEXT NOT NULL CHECK (mode IN ('every', 'digest')),
      digest_time TEXT,
      digest_time_zone TEXT,
      created_by TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      paused INTEGER NOT NULL DEFAULT 0,
      paused_reason TEXT,
      last_delivery_at INTEGER,
      last_failure_at INTEGER,
      last_failure_reason TEXT
    );
    CREATE INDEX subscriptions_by_guild ON subscriptions (guild_id, created_at);

    CREATE TABLE articles_seen (
      origin TEXT NOT NULL,
      article_id TEXT NOT NULL,
      content_hash TEXT NOT NULL,
      version INTEGER NOT NULL,
      first_seen_at INTEGER NOT NULL,
      last_changed_at INTEGER NOT NULL,
      PRIMARY KEY (origin, article_id)
    );

    CREATE TABLE outbox (
      id INTEGER PRIMARY KEY,
      update_key TEXT NOT NULL,
      guild_id TEXT NOT NULL,
      channel_id TEXT NOT NULL,
      subscription_id TEXT,
      payload TEXT,
      status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'skipped')),
      reason TEXT,
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at INTEGER NOT NULL,
      idempotency_key TEXT NOT NULL UNIQUE,
      claimed_by TEXT,
      lease_expires_at INTEGER,
      sent_message_id TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      UNIQUE (update_key, channel_id)
    );
    CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
    CREATE INDEX outbox_by_guild ON outbox (guild_id, created_at);
    CREATE INDEX outbox_by_subscription ON outbox (subscription_id, status);
  `,
  postgres: `
    CREATE TABLE subscriptions (
      id TEXT PRIMARY KEY,
      guild_id TEXT NOT NULL,
      channel_id TEXT NOT NULL,
      topic TEXT,
      mode TEXT NOT NULL CHECK (mode IN ('every', 'digest')),
      digest_time TEXT,
      digest_time_zone TEXT,
      created_by TEXT NOT NULL,
      created_at TIMESTAMPTZ NOT NULL,
      paused BOOLEAN NOT NULL DEFAULT FALSE,
      paused_reason TEXT,
      last_delivery_at TIMESTAMPTZ,
      last_failure_at TIMESTAMPTZ,
      last_failure_reason TEXT
    );
    CREATE INDEX subscriptions_by_guild ON subscriptions (guild_id, created_at);

    CREATE TABLE articles_seen (
      origin TEXT NOT NULL,
      article_id TEXT NOT NULL,
      content_hash TEXT NOT NULL,
      version INTEGER NOT NULL,
      first_seen_at TIMESTAMPTZ NOT NULL,
      last_changed_at TIMESTAMPTZ NOT NULL,
      PRIMARY KEY (origin, article_id)
    );

    CREATE TABLE outbox (
      id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      update_key TEXT NOT NULL,
      guild_id TEXT NOT NULL,
      channel_id TEXT NOT NULL,
      subscription_id TEXT,
      payload TEXT,
      status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'skipped')),
      reason TEXT,
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at TIMESTAMPTZ NOT NULL,
      idempotency_key TEXT NOT NULL UNIQUE,
      claimed_by TEXT,
      lease_expires_at TIMESTAMPTZ,
      sent_message_id TEXT,
      created_at TIMESTAMPTZ NOT NULL,
      updated_at TIMESTAMPTZ NOT NULL,
      UNIQUE (update_key, channel_id)
    );
    CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
    CREATE INDEX outbox_by_guild ON outbox (guild_id, created_at);
    CREATE INDEX outbox_by_subscription ON outbox (subscription_id, status);
  `,
};
