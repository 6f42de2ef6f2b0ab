import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FeedManager } from '../../src/ingest/feed-manager.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import { listingPoller } from './listing-poller.js';

const CONFIGURED = 'https://wire.example/rss';
const ADDED = 'https://harbour.example/atom';

describe('the feeds the ingesting process polls', () => {
  let dir: string;
  let store: SqliteStore;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'newsdesk-feed-sync-'));
    store = await SqliteStore.open(join(dir, 'store.sqlite'));
  });

  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('include a feed another process added with /feed, read at once, and drop it once that process removes it', async () => {
    const holding = listingPoller();
    holding.addFeed(CONFIGURED);
    const holder = new FeedManager(store, holding, [CONFIGURED]);
    const other = new FeedManager(store, listingPoller(), [CONFIGURED]);

    await other.add(ADDED, '111111111111111111', '1');
    await holder.sync();
    expect(holding.status().map((feed) => feed.url)).toEqual([CONFIGURED, ADDED]);
    expect(holding.soon).toBe(1);

    await holder.sync();
    expect(holding.soon).toBe(1);

    await other.remove(ADDED);
    await holder.sync();
    expect(holding.status().map((feed) => feed.url)).toEqual([CONFIGURED]);
  });
});
