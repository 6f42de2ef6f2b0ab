import type { Migration } from './migration.js';

// Articles as parsed and analysed, so a restart reads them back instead of rebuilding them (see
// src/corpus/article-store.ts): the text; metadata, paragraph and sentence offsets, and analysis as JSON. A seed file's row
// lists the articles it held, with the size and modification time that tell whether it changed.
export const storedArticles: Migration = {
  version: 4,
  name: 'articles and their analysis kept across restarts',
  sqlite: `
    CREATE TABLE stored_articles (
      id TEXT PRIMARY KEY,
      analysis_version INTEGER NOT NULL,
      text TEXT NOT NULL,
      article TEXT NOT NULL,
      layout TEXT NOT NULL,
      analysis TEXT NOT NULL
    );
    CREATE TABLE seed_files (
      folder TEXT NOT NULL,
      path TEXT NOT NULL,
      size INTEGER NOT NULL,
      mtime_ms REAL NOT NULL,
      article_ids TEXT NOT NULL,
      PRIMARY KEY (folder, path)
    );
  `,
  postgres: `
    CREATE TABLE stored_articles (
      id TEXT PRIMARY KEY,
      analysis_version INTEGER NOT NULL,
      text TEXT NOT NULL,
      article TEXT NOT NULL,
      layout TEXT NOT NULL,
      analysis TEXT NOT NULL
    );
    CREATE TABLE seed_files (
      folder TEXT NOT NULL,
      path TEXT NOT NULL,
      size BIGINT NOT NULL,
      mtime_ms DOUBLE PRECISION NOT NULL,
      article_ids TEXT NOT NULL,
      PRIMARY KEY (folder, path)
    );
  `,
};
