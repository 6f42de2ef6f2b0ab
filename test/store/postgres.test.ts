import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { PostgresStore } from '../../src/store/postgres-store.js';
import { defineArticleStoreContract } from './article-store-contract.js';
import { defineLeaseContract } from './lease-contract.js';
import { DATABASE_URL, POSTGRES_REQUIRED, probePostgres, TestSchemas } from './postgres-database.js';
import { defineStoreContract } from './store-contract.js';

const unreachable = await probePostgres();
const skip = unreachable !== undefined && !POSTGRES_REQUIRED;
if (skip) {
  console.warn(
    `PostgreSQL store tests skipped: ${DATABASE_URL} is unreachable (${unreachable}). ` +
      'Set NEWSDESK_REQUIRE_POSTGRES=1 to make this a failure.',
  );
}

const schemas = new TestSchemas();
afterAll(() => schemas.dropAll());

describe.skipIf(skip)(`PostgreSQL store${skip ? ` (skipped: ${DATABASE_URL} unreachable)` : ''}`, () => {
  if (unreachable !== undefined) {
    it('reaches the PostgreSQL server, which NEWSDESK_REQUIRE_POSTGRES=1 requires', () => {
      throw new Error(`PostgreSQL at ${DATABASE_URL} is unreachable: ${unreachable}`);
    });
    return;
  }

  defineStoreContract({
    async freshDatabase() {
      const pool = schemas.poolConfig(await schemas.create());
      return { open: (now, migrations) => PostgresStore.open({ pool, now, ...(migrations ? { migrations } : {}) }) };
    },
  });

  defineArticleStoreContract(async () => PostgresStore.open({ pool: schemas.poolConfig(await schemas.create()) }));

  defineLeaseContract(async (now) => {
    const pool = schemas.poolConfig(await schemas.create());
    const first = await PostgresStore.open({ pool, now });
    return [first, await PostgresStore.open({ pool, now })];
  });

  it('is what openStore picks when given a database URL, and keeps every table in its schema', async () => {
    const schema = await schemas.create('tables');
    const dataDir = join(tmpdir(), `newsdesk-unused-${schema}`);
    const databaseUrl = `${DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    const store = await openStore({ dataDir, databaseUrl });
    expect(store).toBeInstanceOf(PostgresStore);
    expect(existsSync(dataDir)).toBe(false);
    await store.close();
    expect(await schemas.tables(schema)).toEqual([
      'articles_seen',
      'corpus_changes',
      'feed_articles',
      'feeds',
      'leases',
      'llm_tokens',
      'outbox',
      'schema_migrations',
      'seed_files',
      'stored_articles',
      'subscriptions',
      'update_log',
    ]);
  });
});
