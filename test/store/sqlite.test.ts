import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/store/migrations/index.js';
import { openStore, SQLITE_FILE } from '../../src/store/open-store.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import { defineArticleStoreContract } from './article-store-contract.js';
import { defineLeaseContract } from './lease-contract.js';
import { defineStoreContract } from './store-contract.js';

const root = mkdtempSync(join(tmpdir(), 'newsdesk-store-'));
let databases = 0;

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('SQLite store', () => {
  defineStoreContract({
    async freshDatabase() {
      // A data directory that does not exist yet: the store creates it, as on a first start.
      const dataDir = join(root, `db-${++databases}`, 'data');
      return {
        open(now, migrations) {
          if (!migrations) return openStore({ dataDir, now });
          mkdirSync(dataDir, { recursive: true });
          return SqliteStore.open(join(dataDir, SQLITE_FILE), { now, migrations });
        },
      };
    },
  });

  defineArticleStoreContract(() => openStore({ dataDir: join(root, `db-${++databases}`, 'data') }));

  defineLeaseContract(async (now) => {
    const dataDir = join(root, `db-${++databases}`, 'data');
    mkdirSync(dataDir, { recursive: true });
    const file = join(dataDir, SQLITE_FILE);
    const first = await SqliteStore.open(file, { now });
    return [first, await SqliteStore.open(file, { now })];
  });

  it('creates its data directory and database file on first start', async () => {
    const dataDir = join(root, 'first-start', 'nested', 'data');
    const store = await openStore({ dataDir });
    try {
      expect(existsSync(join(dataDir, SQLITE_FILE))).toBe(true);
      expect(await store.migrationVersions()).toEqual(MIGRATIONS.map((migration) => migration.version));
    } finally {
      await store.close();
    }
  });
});
