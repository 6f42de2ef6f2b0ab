import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * The real PostgreSQL server tests run against (database `test`, trust auth). Where there is none
 * the tests that need it skip and say why; CI sets NEWSDESK_REQUIRE_POSTGRES=1 so they fail there instead.
 */
export const DATABASE_URL = process.env.NEWSDESK_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const POSTGRES_REQUIRED = process.env.NEWSDESK_REQUIRE_POSTGRES === '1';
const PROBE_TIMEOUT_MS = 2_000;

/** Why the server cannot be used, or undefined when it answers. */
export async function probePostgres(): Promise<string | undefined> {
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

async function withClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Fresh, empty databases on the one server: each a schema with a random name, so runs never
 * collide, all dropped by `dropAll`.
 */
export class TestSchemas {
  private readonly run = `newsdesk_test_${randomBytes(4).toString('hex')}`;
  private readonly created: string[] = [];

  /** Creates a schema and returns its name. */
  async create(label: string = String(this.created.length + 1)): Promise<string> {
    const schema = `${this.run}_${label}`;
    this.created.push(schema);
    await withClient((client) => client.query(`CREATE SCHEMA ${schema}`));
    return schema;
  }

  /** A pool configuration whose connections see only `schema`. */
  poolConfig(schema: string): pg.PoolConfig {
    return { connectionString: DATABASE_URL, options: `-c search_path=${schema}` };
  }

  async tables(schema: string): Promise<string[]> {
    return withClient(async (client) => {
      const { rows } = await client.query<{ table_name: string }>(
        'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
        [schema],
      );
      return rows.map((row) => row.table_name);
    });
  }

  async dropAll(): Promise<void> {
    const schemas = this.created.splice(0);
    if (schemas.length === 0) return;
    await withClient(async (client) => {
      for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    });
  }
}
