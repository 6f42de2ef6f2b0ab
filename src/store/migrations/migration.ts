/** One schema change, written once per dialect. Applied once, in a transaction, in version order. */
export interface Migration {
  /** Positive, unique, never reused or edited once released: add a new migration instead. */
  version: number;
  name: string;
  sqlite: string;
  postgres: string;
}

/** Records which migrations a database has had. The same text works in both dialects. */
export const CREATE_SCHEMA_MIGRATIONS = `
  CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`;
