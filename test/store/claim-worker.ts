/**
 * A separate process that drains a SQLite outbox: `claim-worker.ts <file> <workerId>`. It opens the
 * store, prints `ready`, waits for a line on stdin (so several start claiming at once), claims in
 * small batches until nothing is due, and prints the claimed row ids as JSON.
 */
import { once } from 'node:events';
import { SqliteStore } from '../../src/store/sqlite-store.js';

const BATCH = 3;
const LEASE_MS = 60_000;

const [file, workerId] = process.argv.slice(2);
if (!file || !workerId) throw new Error('usage: claim-worker.ts <file> <workerId>');
const store = await SqliteStore.open(file);
process.stdout.write('ready\n');
await once(process.stdin, 'data');
const ids: number[] = [];
for (;;) {
  const rows = await store.claim(workerId, BATCH, LEASE_MS);
  if (rows.length === 0) break;
  ids.push(...rows.map((row) => row.id));
}
await store.close();
process.stdout.write(`${JSON.stringify(ids)}\n`);
process.exit(0);
