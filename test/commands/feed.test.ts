import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { feed } from '../../commands/feed.js';
import { readOptions } from '../../src/command.js';
import { FeedManager } from '../../src/ingest/feed-manager.js';
import { idleFeeds } from '../../src/ingest/start-ingest.js';
import { createLogger } from '../../src/logger.js';
import type { Reply } from '../../src/reply.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import { listingPoller } from '../ingest/listing-poller.js';
import { fixtureServices } from './helpers.js';

describe('/feed', () => {
  let dir: string;
  let store: SqliteStore;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'newsdesk-feed-command-'));
    store = await SqliteStore.open(join(dir, 'store.sqlite'));
  });

  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function runFeed(feeds: FeedManager, raw: Record<string, string>, guildId: string): Promise<Reply> {
    const services = { ...(await fixtureServices()), feeds };
    return feed.run(readOptions(feed, raw), { services, now: new Date(), guildId, userId: '1' });
  }

  it('never shows the user name or password inside a feed address, to any server', async () => {
    const poller = listingPoller();
    const configured = 'https://operator:op-secret-123@private.example/rss';
    poller.addFeed(configured);
    const feeds = new FeedManager(store, poller, [configured]);

    const added = await runFeed(
      feeds,
      { action: 'add', url: 'https://ghp_tokenOfOneServer@feeds.example/atom' },
      '111111111111111111',
    );
    const listed = await runFeed(feeds, { action: 'list' }, '222222222222222222');

    const shown = JSON.stringify([added, listed]);
    for (const secret of ['operator', 'op-secret-123', 'ghp_tokenOfOneServer']) expect(shown).not.toContain(secret);
    expect(listed.items.map((item) => item.text).join('\n')).toContain('private.example/rss');
    expect(listed.items.map((item) => item.text).join('\n')).toContain('feeds.example/atom');
  });

  it('lists a feed that another process polls as read there, not as never read', async () => {
    const settings = { feeds: ['https://feeds.example/harbour.xml'], feedPollSeconds: 600 };
    const feeds = new FeedManager(store, idleFeeds(settings, createLogger({ level: 'silent' })), settings.feeds);

    const listed = await runFeed(feeds, { action: 'list' }, '111111111111111111');

    const text = listed.items.map((item) => item.text).join('\n');
    expect(text).toContain('read by whichever Newsdesk process holds the ingest');
    expect(text).not.toContain('not read yet');
  });
});
