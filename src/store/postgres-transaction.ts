import type pg from 'pg';

/**
 * Runs `work` in one transaction on a connection of its own. A connection that fails meanwhile
 * (the server gone, the network cut) is destroyed rather than handed back to the pool, and its
 * 'error' event is heard while it is checked out: pg emits one when the socket ends, and unheard
 * it would bring the process down. The error itself reaches the caller through the failed query.
 */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const onError = (err: Error) => {
    broken = err;
  };
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch((rollback: unknown) => {
      broken ??= rollback instanceof Error ? rollback : new Error(String(rollback));
    });
    throw err;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}
