import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import { SqliteStore } from './sqlite-store.js';
import type { Store } from './types.js';

/** The SQLite file's name inside DATA_DIR. */
export const SQLITE_FILE = 'newsdesk.sqlite';
/**
 * Written beside the SQLite file when it is created, and never removed by Newsdesk: the file
 * missing while this is present means a database existed here and was lost (deleted, a volume not
 * mounted, DATA_DIR pointed elsewhere), not that this is a first start.
 */
export const SQLITE_MARKER = `${SQLITE_FILE}.created`;

export interface OpenStoreOptions {
  /** Where the SQLite file lives; created if missing. */
  dataDir: string;
  /** PostgreSQL connection string; when set, PostgreSQL is used instead of SQLite. */
  databaseUrl?: string | undefined;
  now?: Clock;
  logger?: Logger | undefined;
  /**
   * Start with an empty SQLite database even though one existed here before (ALLOW_NEW_DATABASE).
   * Without it, a lost database stops the start with `DatabaseMissingError`.
   */
  allowNewDatabase?: boolean;
}

/**
 * The SQLite database once created under DATA_DIR is gone. Starting anyway would look healthy while
 * every channel silently stopped getting posts, so the start is refused until the file is restored
 * or the operator says, once, that an empty database is wanted.
 */
export class DatabaseMissingError extends Error {
  override readonly name = 'DatabaseMissingError';
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
  const file = join(options.dataDir, SQLITE_FILE);
  const marker = join(options.dataDir, SQLITE_MARKER);
  const existed = existsSync(file);
  if (!existed && existsSync(marker)) {
    const created = readFileSync(marker, 'utf8').trim();
    if (!options.allowNewDatabase) {
      throw new DatabaseMissingError(
        `the database ${file} is missing, but one was created there before (${created}). Restore it from a backup, or set ALLOW_NEW_DATABASE=true to start with an empty database: every subscription and the delivery history would be lost.`,
      );
    }
    options.logger?.error(
      { file, created },
      'the database was missing; starting an empty one as ALLOW_NEW_DATABASE allows: earlier subscriptions are lost',
    );
  }
  const store = await SqliteStore.open(file, { now: options.now });
  if (!existed || !existsSync(marker)) writeFileSync(marker, `${new Date().toISOString()}\n`);
  return store;
}
