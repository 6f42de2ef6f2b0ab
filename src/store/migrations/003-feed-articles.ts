import type { Migration } from './migration.js';

// Same conventions as 001 and 002: SQLite keeps times as integer milliseconds, PostgreSQL as
// timestamptz. A feed article is kept as what it was built from (its text and metadata), not as the
// derived paragraphs and sentences, so a restart rebuilds it exactly as the poller did.
export const feedArticles: Migration = {
  version: 3,
  name: 'feed articles kept past the feed window and restarts',
  sqlite: `
    CREATE TABLE feed_articles (
      origin TEXT PRIMARY KEY,
      feed_url TEXT NOT NULL,
      fingerprint TEXT NOT NULL,
      article_origin TEXT NOT NULL,
      title TEXT,
      date TEXT,
      source TEXT,
      url TEXT,
      author TEXT,
      text TEXT NOT NULL,
      updated_at INTEGER NOT NULL
    );
    CREATE INDEX feed_articles_by_feed ON feed_articles (feed_url);
  `,
  postgres: `
    CREATE TABLE feed_articles (
      origin TEXT PRIMARY KEY,
      feed_url TEXT NOT NULL,
      fingerprint TEXT NOT NULL,
      article_origin TEXT NOT NULL,
      title TEXT,
      date TEXT,
      source TEXT,
      url TEXT,
      author TEXT,
      text TEXT NOT NULL,
      updated_at TIMESTAMPTZ NOT NULL
    );
    CREATE INDEX feed_articles_by_feed ON feed_articles (feed_url);
  `,
};
