import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../logger.js';
import { SqliteStore } from './sqlite-store.js';
import type { Clock, Store } from './types.js';

/** The SQLite file's name inside DATA_DIR. */
export const SQLITE_FILE = 'newsdesk.sqlite';

export interface OpenStoreOptions {
  /** Where the SQLite file lives; created if missing. */
  dataDir: string;
  /** PostgreSQL connection string; when set, PostgreSQL is used instead of SQLite. */
  databaseUrl?: string | undefined;
  now?: Clock;
  logger?: Logger | undefined;
}

/** SQLite under `dataDir` with no set-up, or PostgreSQL when a database URL is given. Migrates either. */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  if (options.databaseUrl) {
    // Loaded only when used: pg is a tenth of a one-shot console command's start-up.
    const { PostgresStore } = await import('./postgres-store.js');
    return PostgresStore.open({
      pool: { connectionString: options.databaseUrl },
      now: options.now,
      logger: options.logger?.child({ module: 'store' }),
    });
  }
  mkdirSync(options.dataDir, { recursive: true });
  return SqliteStore.open(join(options.dataDir, SQLITE_FILE), { now: options.now });
}
