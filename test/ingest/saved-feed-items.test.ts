import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createIndexedCorpus, type IndexedCorpus } from '../../src/corpus/indexed-corpus.js';
import type { ArticleChange } from '../../src/ingest/article-change.js';
import { FeedManager } from '../../src/ingest/feed-manager.js';
import {
  type IngestSettings,
  loadSavedFeedItems,
  savedFeedItemsIn,
  startIngest,
} from '../../src/ingest/start-ingest.js';
import { createLogger } from '../../src/logger.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/types.js';
import { type FeedServer, startFeedServer } from './feed-server.js';

// Feed articles kept in the store, as the bot's composition root wires them: loaded into the corpus
// at start-up, handed to the poller as known, saved as they are read. A "restart" is a new store
// connection, corpus and ingest on the same SQLite file.

const LIGHTHOUSE = [
  'The old lighthouse on Skerry Point will be converted into a press centre for the summit, the harbour board said.',
  'Keeper Ingrid Halvorsen, who has tended the light for thirty years, will show reporters around on Wednesday.',
  'The board said the conversion would cost less than building a temporary hall on the quay.',
  'Work on the wiring and the heating starts on Monday and should be finished within a fortnight.',
  'Local fishermen welcomed the plan, saying the quay was too busy in summer for a temporary hall.',
  'The lighthouse will return to its usual use once the summit delegations have left the island.',
];
const FERRY = 'The island ferry will add two evening crossings each weekday from next month, its operator said.';
const BRIDGE = 'The harbour bridge reopened to traffic on Saturday after six weeks of repairs to its deck.';

const page = (paragraphs: readonly string[]) =>
  `<!doctype html><html><head><title>Lighthouse</title></head><body><main><article><h1>Lighthouse to host press</h1>
  ${paragraphs.map((paragraph) => `<p>${paragraph}</p>`).join('\n')}</article></main></body></html>`;

describe('feed articles kept in the store', () => {
  let server: FeedServer;
  let dataDir: string;
  let store: Store | null;
  let indexed: IndexedCorpus | null;
  let close: (() => Promise<void>) | null;

  const rss = (items: string) => `<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
  <channel><title>Island Wire</title><link>https://island.example/</link><description>News</description>${items}</channel>
</rss>`;
  /** An item with only a teaser: its text comes from its page. */
  const lighthouse = () => `<item><guid>lighthouse</guid><title>Lighthouse to host summit press</title>
    <link>${server.url('/lighthouse.html')}</link><pubDate>Mon, 11 Aug 2025 07:00:00 GMT</pubDate>
    <description>The lighthouse will host the press.</description></item>`;
  const full = (guid: string, title: string, text: string) => `<item><guid>${guid}</guid><title>${title}</title>
    <link>${server.url(`/${guid}`)}</link><pubDate>Tue, 12 Aug 2025 07:00:00 GMT</pubDate>
    <content:encoded><![CDATA[<p>${text}</p>]]></content:encoded></item>`;

  const settings = (): IngestSettings => ({
    seedsDir: dataDir,
    watchSeeds: false,
    maxArticleBytes: 1_000_000,
    feeds: [server.url('/rss')],
    feedPollSeconds: 3600,
    // The test server is on 127.0.0.1, refused unless allowed, as a self-hoster would.
    feedAllowedHosts: ['127.0.0.1'],
  });

  /** Starts as runDiscord does: saved feed articles into the corpus first, then the ingest that knows them. */
  async function start(feeds = [server.url('/rss')]): Promise<{
    changes: ArticleChange[];
    corpus: IndexedCorpus;
    store: Store;
    ingest: ReturnType<typeof startIngest>;
  }> {
    store = await openStore({ dataDir });
    const saved = await loadSavedFeedItems(store);
    indexed = createIndexedCorpus(saved.map((item) => item.article));
    const changes: ArticleChange[] = [];
    const ingest = startIngest(
      { ...settings(), feeds },
      indexed.corpus,
      { articles: [] },
      createLogger({ level: 'silent' }),
      async (change) => void changes.push(change),
      savedFeedItemsIn(store, saved),
    );
    close = async () => {
      await ingest.close();
      await store?.close();
      indexed?.index.close();
      store = null;
      indexed = null;
      close = null;
    };
    return { changes, corpus: indexed, store, ingest };
  }

  const search = (corpus: IndexedCorpus, words: string) => corpus.index.search(words).map((hit) => hit.text);
  const savedOrigins = async (saved: Store) => (await saved.listFeedArticles()).map((item) => item.origin).sort();

  beforeEach(async () => {
    server = await startFeedServer();
    dataDir = await mkdtemp(join(tmpdir(), 'newsdesk-saved-feeds-'));
    store = null;
    indexed = null;
    close = null;
  });
  afterEach(async () => {
    await close?.();
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('saves what it reads, answers from it after a restart without announcing or fetching it again, and keeps an item that fell off the feed', async () => {
    server.routes.set('/lighthouse.html', { type: 'text/html', body: page(LIGHTHOUSE) });
    server.routes.set('/rss', { body: rss(lighthouse() + full('ferry', 'Ferry adds crossings', FERRY)), etag: '"v1"' });
    const first = await start();
    await vi.waitFor(async () => expect(await first.store.listFeedArticles()).toHaveLength(2), { timeout: 5_000 });
    expect(first.changes.map((change) => change.kind)).toEqual(['added', 'added']);
    expect(server.hits('/lighthouse.html')).toBe(1);
    // Saved as read: rebuilt from the store, each article is the one the poller built.
    const rebuilt = (await loadSavedFeedItems(first.store)).map((item) => item.article);
    expect(rebuilt).toHaveLength(2);
    for (const article of rebuilt) expect(article).toEqual(first.corpus.corpus.get(article.id));
    await close?.();

    // While it was down, the feed's window moved on: the lighthouse item is gone, a new one came.
    server.routes.set('/rss', {
      body: rss(full('ferry', 'Ferry adds crossings', FERRY) + full('bridge', 'Bridge reopens', BRIDGE)),
      etag: '"v2"',
    });
    const second = await start();
    // Answerable at once, before any poll: the page's text came from the store.
    expect(search(second.corpus, 'Ingrid Halvorsen lighthouse').join(' ')).toContain('Ingrid Halvorsen');
    await vi.waitFor(async () => expect(await second.store.listFeedArticles()).toHaveLength(3), { timeout: 5_000 });
    await vi.waitFor(() => expect(server.hits('/rss')).toBe(2));
    // Only the new item is a change; the known one is not announced again, the page not fetched again.
    expect(second.changes).toEqual([
      expect.objectContaining({ kind: 'added', origin: `${server.url('/rss')} bridge` }),
    ]);
    expect(server.hits('/lighthouse.html')).toBe(1);
    expect(await savedOrigins(second.store)).toEqual(
      ['bridge', 'ferry', 'lighthouse'].map((key) => `${server.url('/rss')} ${key}`),
    );
    expect(search(second.corpus, 'Ingrid Halvorsen lighthouse').join(' ')).toContain('Ingrid Halvorsen');
    expect(second.corpus.corpus.size).toBe(3);
  });

  it('reports an item changed while it was down as an update of the saved article, and saves the new version', async () => {
    server.routes.set('/rss', { body: rss(full('ferry', 'Ferry adds crossings', FERRY)), etag: '"v1"' });
    const first = await start();
    await vi.waitFor(async () => expect(await first.store.listFeedArticles()).toHaveLength(1), { timeout: 5_000 });
    const [before] = first.corpus.corpus.articles();
    await close?.();

    const revised = FERRY.replace('two evening crossings', 'three evening crossings');
    server.routes.set('/rss', { body: rss(full('ferry', 'Ferry adds crossings', revised)), etag: '"v2"' });
    const second = await start();
    await vi.waitFor(() => expect(second.changes).toHaveLength(1), { timeout: 5_000 });
    expect(second.changes[0]).toMatchObject({ kind: 'updated', previousArticleId: before?.id });
    expect(second.corpus.corpus.articles().map((article) => article.text)).toEqual([revised]);
    await vi.waitFor(async () =>
      expect((await second.store.listFeedArticles()).map((item) => item.text)).toEqual([revised]),
    );
  });

  it('at start-up fetches each feed once: the configured ones, and those added with /feed in an earlier run', async () => {
    server.routes.set('/rss', { body: rss(full('ferry', 'Ferry adds crossings', FERRY)) });
    server.routes.set('/added', { body: rss(full('bridge', 'Bridge reopens', BRIDGE)) });
    const running = await start();
    await running.store.addFeed({ guildId: 'guild', url: server.url('/added'), addedBy: 'admin' });
    const feeds = new FeedManager(running.store, running.ingest.feeds, [server.url('/rss')]);
    await feeds.sync();
    expect(feeds.list().map((feed) => feed.origin)).toEqual(['config', 'added']);
    await vi.waitFor(async () => expect(await running.store.listFeedArticles()).toHaveLength(2), { timeout: 5_000 });
    await running.ingest.close();
    expect(server.hits('/rss')).toBe(1);
    expect(server.hits('/added')).toBe(1);
  });

  it('withdraws the articles of a feed removed with /feed and deletes them from the store', async () => {
    server.routes.set('/rss', { body: rss(full('ferry', 'Ferry adds crossings', FERRY)) });
    const running = await start([]);
    const feeds = new FeedManager(running.store, running.ingest.feeds, []);
    expect(await feeds.add(server.url('/rss'), 'guild', 'admin')).toBe('added');
    await vi.waitFor(async () => expect(await running.store.listFeedArticles()).toHaveLength(1), { timeout: 5_000 });
    expect(running.corpus.corpus.size).toBe(1);

    expect(await feeds.remove(server.url('/rss'))).toBe('removed');
    expect(running.changes.map((change) => change.kind)).toEqual(['added', 'removed']);
    expect(running.corpus.corpus.size).toBe(0);
    expect(await running.store.listFeedArticles()).toEqual([]);
  });
});
