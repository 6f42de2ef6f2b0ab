import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { PostgresStore } from '../../src/store/postgres-store.js';
import { defineStoreContract } from './store-contract.js';

/**
 * The contract on the real PostgreSQL server (database `test`, trust auth). Where there is none
 * the suite skips and says why; CI sets NEWSDESK_REQUIRE_POSTGRES=1 so it fails there instead.
 */
const DATABASE_URL = process.env.NEWSDESK_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REQUIRED = process.env.NEWSDESK_REQUIRE_POSTGRES === '1';
const PROBE_TIMEOUT_MS = 2_000;

async function probe(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: PROBE_TIMEOUT_MS });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message || err.name : String(err);
  } finally {
    await client.end().catch(() => {});
  }
}

const unreachable = await probe();
const skip = unreachable !== undefined && !REQUIRED;
if (skip) {
  console.warn(
    `PostgreSQL store tests skipped: ${DATABASE_URL} is unreachable (${unreachable}). ` +
      'Set NEWSDESK_REQUIRE_POSTGRES=1 to make this a failure.',
  );
}

// Every database is a schema of its own with a random name, so runs never collide; all dropped after.
const RUN = `newsdesk_test_${randomBytes(4).toString('hex')}`;
const schemas: string[] = [];

afterAll(async () => {
  if (schemas.length === 0) return;
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
});

describe.skipIf(skip)(`PostgreSQL store${skip ? ` (skipped: ${DATABASE_URL} unreachable)` : ''}`, () => {
  if (unreachable !== undefined) {
    it('reaches the PostgreSQL server, which NEWSDESK_REQUIRE_POSTGRES=1 requires', () => {
      throw new Error(`PostgreSQL at ${DATABASE_URL} is unreachable: ${unreachable}`);
    });
    return;
  }

  defineStoreContract({
    async freshDatabase() {
      const schema = `${RUN}_${schemas.length + 1}`;
      schemas.push(schema);
      const client = new pg.Client({ connectionString: DATABASE_URL });
      await client.connect();
      try {
        await client.query(`CREATE SCHEMA ${schema}`);
      } finally {
        await client.end();
      }
      return {
        open: (now) =>
          PostgresStore.open({ pool: { connectionString: DATABASE_URL, options: `-c search_path=${schema}` }, now }),
      };
    },
  });

  it('is what openStore picks when given a database URL, and keeps every table in its schema', async () => {
    const schema = `${RUN}_tables`;
    schemas.push(schema);
    const client = new pg.Client({ connectionString: DATABASE_URL });
    await client.connect();
    try {
      await client.query(`CREATE SCHEMA ${schema}`);
      const dataDir = join(tmpdir(), `newsdesk-unused-${RUN}`);
      const databaseUrl = `${DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
      const store = await openStore({ dataDir, databaseUrl });
      expect(store).toBeInstanceOf(PostgresStore);
      expect(existsSync(dataDir)).toBe(false);
      await store.close();
      const { rows } = await client.query<{ table_name: string }>(
        'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
        [schema],
      );
      expect(rows.map((row) => row.table_name)).toEqual([
        'articles_seen',
        'outbox',
        'schema_migrations',
        'subscriptions',
      ]);
    } finally {
      await client.end();
    }
  });
});
