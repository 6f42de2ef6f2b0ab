import type { Migration } from './migration.js';

// Named leases (one row per name: who holds it until when), so that of several processes sharing
// the store one ingests; and the corpus change log, one row per article added to or removed from the
// stored articles, numbered by the database, so the other processes follow what it ingests.
export const leasesCorpusChanges: Migration = {
  version: 5,
  name: 'named leases and the corpus change log',
  sqlite: `
    CREATE TABLE leases (
      name TEXT PRIMARY KEY,
      holder TEXT NOT NULL,
      expires_at INTEGER NOT NULL
    );
    CREATE TABLE corpus_changes (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      article_id TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('added', 'removed'))
    );
  `,
  postgres: `
    CREATE TABLE leases (
      name TEXT PRIMARY KEY,
      holder TEXT NOT NULL,
      expires_at TIMESTAMPTZ NOT NULL
    );
    CREATE TABLE corpus_changes (
      seq BIGSERIAL PRIMARY KEY,
      article_id TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('added', 'removed'))
    );
  `,
};
