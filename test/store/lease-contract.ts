import { afterEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/clock.js';
import type { Store } from '../../src/store/types.js';

/** Two stores (two processes) on one fresh database, both on `now`; the harness removes it. */
export type OpenTwoStores = (now: Clock) => Promise<[Store, Store]>;

const MINUTE = 60_000;

/** Named leases, run against each back-end. */
export function defineLeaseContract(openTwo: OpenTwoStores): void {
  describe('named leases', () => {
    const opened: Store[] = [];
    afterEach(async () => {
      for (const store of opened.splice(0)) await store.close();
    });

    async function setUp() {
      let time = Date.parse('2026-01-01T00:00:00Z');
      const stores = await openTwo(() => new Date(time));
      opened.push(...stores);
      return { stores, pass: (ms: number) => (time += ms) };
    }

    it('gives a lease to exactly one of two processes reaching for it at once, and renews it for that one', async () => {
      const { stores } = await setUp();
      const [first, second] = await Promise.all([
        stores[0].acquireLease('ingest', 'a', MINUTE),
        stores[1].acquireLease('ingest', 'b', MINUTE),
      ]);
      expect([first, second].filter(Boolean)).toHaveLength(1);
      const [holder, other] = first ? (['a', 'b'] as const) : (['b', 'a'] as const);
      expect(await stores[0].acquireLease('ingest', holder, MINUTE)).toBe(true);
      expect(await stores[1].acquireLease('ingest', other, MINUTE)).toBe(false);
    });

    it('lets another holder take a lease its holder stopped renewing, once it has expired', async () => {
      const { stores, pass } = await setUp();
      expect(await stores[0].acquireLease('ingest', 'a', MINUTE)).toBe(true);
      pass(MINUTE - 1);
      expect(await stores[1].acquireLease('ingest', 'b', MINUTE)).toBe(false);
      pass(1);
      expect(await stores[1].acquireLease('ingest', 'b', MINUTE)).toBe(true);
      expect(await stores[0].acquireLease('ingest', 'a', MINUTE)).toBe(false);
    });

    it('frees a lease at once when its holder releases it, and not when another does', async () => {
      const { stores } = await setUp();
      expect(await stores[0].acquireLease('ingest', 'a', MINUTE)).toBe(true);
      await stores[1].releaseLease('ingest', 'b');
      expect(await stores[1].acquireLease('ingest', 'b', MINUTE)).toBe(false);
      await stores[0].releaseLease('ingest', 'a');
      expect(await stores[1].acquireLease('ingest', 'b', MINUTE)).toBe(true);
    });

    it('tells who holds a lease until it expires', async () => {
      const { stores, pass } = await setUp();
      expect(await stores[1].leaseHolder('ingest')).toBeNull();
      await stores[0].acquireLease('ingest', 'a', MINUTE);
      expect(await stores[1].leaseHolder('ingest')).toBe('a');
      pass(MINUTE);
      expect(await stores[1].leaseHolder('ingest')).toBeNull();
    });

    it('keeps leases of different names apart', async () => {
      const { stores } = await setUp();
      expect(await stores[0].acquireLease('ingest', 'a', MINUTE)).toBe(true);
      expect(await stores[1].acquireLease('digest', 'b', MINUTE)).toBe(true);
    });
  });
}
