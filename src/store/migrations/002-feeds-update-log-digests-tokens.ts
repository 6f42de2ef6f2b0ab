import type { Migration } from './migration.js';

// Same conventions as 001: SQLite keeps times as integer milliseconds, PostgreSQL as timestamptz.
// The update log keeps each update's text for topic filters, so a digest can be gathered long after
// the article has changed or left the corpus.
export const feedsUpdateLogDigestsTokens: Migration = {
  version: 2,
  name: 'feeds added at run time, update log, digest bookkeeping, model tokens per guild and day',
  sqlite: `
    ALTER TABLE subscriptions ADD COLUMN last_digest_at INTEGER;

    CREATE TABLE feeds (
      url TEXT PRIMARY KEY,
      guild_id TEXT NOT NULL,
      added_by TEXT NOT NULL,
      added_at INTEGER NOT NULL
    );

    CREATE TABLE update_log (
      id INTEGER PRIMARY KEY,
      update_key TEXT NOT NULL UNIQUE,
      article_id TEXT NOT NULL,
      origin TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('new', 'updated')),
      title TEXT NOT NULL,
      search_text TEXT NOT NULL,
      payload TEXT NOT NULL,
      announced_at INTEGER NOT NULL
    );
    CREATE INDEX update_log_by_time ON update_log (announced_at, id);

    CREATE TABLE llm_tokens (
      guild_id TEXT NOT NULL,
      day TEXT NOT NULL,
      tokens INTEGER NOT NULL,
      PRIMARY KEY (guild_id, day)
    );
  `,
  postgres: `
    ALTER TABLE subscriptions ADD COLUMN last_digest_at TIMESTAMPTZ;

    CREATE TABLE feeds (
      url TEXT PRIMARY KEY,
      guild_id TEXT NOT NULL,
      added_by TEXT NOT NULL,
      added_at TIMESTAMPTZ NOT NULL
    );

    CREATE TABLE update_log (
      id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      update_key TEXT NOT NULL UNIQUE,
      article_id TEXT NOT NULL,
      origin TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('new', 'updated')),
      title TEXT NOT NULL,
      search_text TEXT NOT NULL,
      payload TEXT NOT NULL,
      announced_at TIMESTAMPTZ NOT NULL
    );
    CREATE INDEX update_log_by_time ON update_log (announced_at, id);

    CREATE TABLE llm_tokens (
      guild_id TEXT NOT NULL,
      day TEXT NOT NULL,
      tokens BIGINT NOT NULL,
      PRIMARY KEY (guild_id, day)
    );
  `,
};
