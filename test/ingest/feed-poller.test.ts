import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ArticleChange } from '../../src/ingest/article-change.js';
import {
  FEED_UNREADABLE,
  FeedPoller,
  type FeedPollerOptions,
  type ReadFeedItem,
  type SavedFeedItems,
} from '../../src/ingest/feed-poller.js';
import { type FeedServer, startFeedServer } from './feed-server.js';
import { recordingLogger } from './recording-logger.js';

const INTERVAL_MS = 60_000;
const TIMEOUT_MS = 300;

const PARAGRAPHS = [
  'Leaders will meet in Alaska on Friday, officials said, in the first such summit in years.',
  'The talks could last several hours and are expected to cover a ceasefire, sanctions and the exchange of prisoners.',
  'Neither side has said who else will attend, but aides on both sides described the preparations as serious.',
  'Analysts cautioned that earlier meetings had ended without agreement and that expectations should be modest.',
  'A spokesperson said further details, including the exact venue, would be released later in the week.',
  'Markets rose modestly on the news, with energy prices easing in early trading on Thursday morning.',
];

const STORM = [
  'Heavy rain reached the coast overnight, flooding roads in several towns and cutting power to thousands of homes.',
  'Forecasters said flooding was likely to continue in low-lying areas until at least Tuesday afternoon.',
  'Emergency services asked residents to avoid travel and to keep away from rivers, which were still rising.',
  'Schools in the worst-hit districts will stay closed on Monday, the regional education office said.',
  'The storm is expected to weaken as it moves inland, though strong winds may persist along the shore.',
  'Insurers said it was too early to estimate the cost of the damage, which officials called the worst in a decade.',
];

/** Where fixture links point: the local server, so no test ever reaches the internet. */
let base = '';

function rss(items: string, title = 'Wire Service'): string {
  return `<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
  <channel><title>${title}</title><link>https://wire.example/</link><description>News</description>${items}</channel>
</rss>`;
}

function rssItem(guid: string, title: string, paragraphs: readonly string[], extra = ''): string {
  const html = paragraphs.map((paragraph) => `<p>${paragraph.replace('Alaska', '<b>Alaska</b>')}</p>`).join('');
  return `<item><guid>${guid}</guid><title>${title}</title><link>${base}/${guid}</link>
    <pubDate>Sun, 10 Aug 2025 09:30:00 GMT</pubDate><description>Short teaser.</description>
    <content:encoded><![CDATA[${html}]]></content:encoded>${extra}</item>`;
}

const atom = () => `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Atom Daily</title><id>urn:atom-daily</id><updated>2025-08-11T08:00:00Z</updated>
  <entry>
    <title>Storm reaches the coast</title><id>urn:atom-daily:storm</id>
    <link rel="alternate" href="${base}/storm"/>
    <published>2025-08-11T07:00:00Z</published><updated>2025-08-11T08:00:00Z</updated>
    <author><name>Ana Reporter</name></author>
    <content type="html">${STORM.map((paragraph) => `&lt;p&gt;${paragraph}&lt;/p&gt;`).join('')}</content>
  </entry>
</feed>`;

const PAGE = `<!doctype html><html><head><title>Summit venue named</title></head><body>
  <nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav>
  <main><article><h1>Summit venue named</h1>
  ${PARAGRAPHS.map((paragraph) => `<p>${paragraph}</p>`).join('\n')}
  </article></main>
  <aside><h2>Most read</h2><ul><li><a href="/a">Cat rescued from tree</a></li></ul></aside>
  <footer>Copyright Wire Service. All rights reserved.</footer></body></html>`;

/** The test server is on 127.0.0.1, which is refused unless a self-hoster allows it, as these tests do. */
const ALLOW_TEST_SERVER = ['127.0.0.1'];

describe('FeedPoller', () => {
  let server: FeedServer;
  let changes: ArticleChange[];
  let logger: ReturnType<typeof recordingLogger>;
  let clock: number;
  let poller: FeedPoller | null;

  const create = (feeds: string[], options: Partial<FeedPollerOptions> = {}) => {
    poller = new FeedPoller({
      feeds: feeds.map((path) => server.url(path)),
      intervalMs: INTERVAL_MS,
      timeoutMs: TIMEOUT_MS,
      logger,
      now: () => clock,
      allowedHosts: ALLOW_TEST_SERVER,
      onChange: (change) => {
        changes.push(change);
      },
      ...options,
    });
    return poller;
  };
  const warnings = () => logger.entries.filter((entry) => entry.level === 'warn').map((entry) => entry.data);

  beforeEach(async () => {
    server = await startFeedServer();
    base = server.url('');
    changes = [];
    logger = recordingLogger();
    clock = 1_000_000;
    poller = null;
  });
  afterEach(async () => {
    await poller?.stop();
    await server.close();
  });

  it('turns each RSS item into an article with its title, day, feed title as source, link and plain text', async () => {
    server.routes.set('/rss', { body: rss(rssItem('summit', 'Summit set for Alaska', PARAGRAPHS)), etag: '"v1"' });
    await create(['/rss']).pollDue();
    expect(changes).toHaveLength(1);
    const change = changes[0];
    expect(change?.kind).toBe('added');
    if (change?.kind !== 'added') return;
    expect(change.article).toMatchObject({
      title: 'Summit set for Alaska',
      date: '2025-08-10',
      source: 'Wire Service',
      url: server.url('/summit'),
      origin: server.url('/summit'),
    });
    expect(change.article.text).toBe(PARAGRAPHS.join('\n\n'));
    expect(change.article.paragraphs).toHaveLength(PARAGRAPHS.length);
  });

  it('reads Atom entries, with their author and published day', async () => {
    server.routes.set('/atom', { type: 'application/atom+xml', body: atom() });
    await create(['/atom']).pollDue();
    expect(changes).toHaveLength(1);
    expect(changes[0]?.kind === 'added' && changes[0].article).toMatchObject({
      title: 'Storm reaches the coast',
      date: '2025-08-11',
      source: 'Atom Daily',
      author: 'Ana Reporter',
      url: server.url('/storm'),
    });
    expect(server.hits('/storm')).toBe(0); // full content in the feed: the page is not fetched
  });

  it('sends If-None-Match with the ETag it was given, and reports nothing on 304', async () => {
    server.routes.set('/rss', { body: rss(rssItem('summit', 'Summit', PARAGRAPHS)), etag: '"v1"' });
    const feeds = create(['/rss']);
    await feeds.pollDue();
    await feeds.pollDue();
    expect(server.requests.map((request) => request.headers['if-none-match'])).toEqual([undefined, '"v1"']);
    expect(changes).toHaveLength(1);
    expect(logger.entries.some((entry) => entry.message === 'feed not modified')).toBe(true);
  });

  it('sends If-Modified-Since with the Last-Modified it was given, and reports nothing on 304', async () => {
    const lastModified = 'Mon, 11 Aug 2025 08:00:00 GMT';
    server.routes.set('/atom', { type: 'application/atom+xml', body: atom(), lastModified });
    const feeds = create(['/atom']);
    await feeds.pollDue();
    await feeds.pollDue();
    const polls = server.requests.filter((request) => request.path === '/atom');
    expect(polls.map((request) => request.headers['if-modified-since'])).toEqual([undefined, lastModified]);
    expect(changes).toHaveLength(1);
  });

  it('reports changed content of a known item as an update of the same article, and unchanged items not at all', async () => {
    const other = rssItem('storm', 'Storm warning', ['Heavy rain is expected across the region on Friday.']);
    server.routes.set('/rss', { body: rss(rssItem('summit', 'Summit', PARAGRAPHS) + other), etag: '"v1"' });
    const feeds = create(['/rss']);
    await feeds.pollDue();
    const first = changes.find((change) => change.kind === 'added' && change.article.title === 'Summit');
    const revised = [PARAGRAPHS[0]!.replace('Friday', 'Saturday'), ...PARAGRAPHS.slice(1)];
    server.routes.set('/rss', { body: rss(rssItem('summit', 'Summit', revised) + other), etag: '"v2"' });
    await feeds.pollDue();
    expect(changes).toHaveLength(3);
    expect(changes[2]).toMatchObject({
      kind: 'updated',
      origin: first?.origin,
      previousArticleId: first?.kind === 'added' ? first.article.id : null,
    });
    expect(changes[2]?.kind === 'updated' && changes[2].article.text).toContain('Saturday');
  });

  it('reads the linked page with Readability when an item carries only a short summary', async () => {
    const teaser = `<item><guid>venue</guid><title>Summit venue named</title><link>${server.url('/venue.html')}</link>
      <description>&lt;p&gt;Officials named the venue.&lt;/p&gt;</description></item>`;
    server.routes.set('/teasers', { body: rss(teaser) });
    server.routes.set('/venue.html', { type: 'text/html', body: PAGE });
    await create(['/teasers']).pollDue();
    expect(changes).toHaveLength(1);
    const text = changes[0]?.kind === 'added' ? changes[0].article.text : '';
    expect(text).toBe(PARAGRAPHS.join('\n\n'));
    expect(text).not.toMatch(/Home|Most read|Copyright|Cat rescued/);
  });

  it('falls back to the summary, with a warning, when the linked page cannot be read', async () => {
    const teaser = `<item><guid>venue</guid><title>Venue</title><link>${server.url('/gone.html')}</link>
      <description>Officials named the venue for the summit.</description></item>`;
    server.routes.set('/teasers', { body: rss(teaser) });
    await create(['/teasers']).pollDue();
    expect(changes[0]?.kind === 'added' && changes[0].article.text).toBe('Officials named the venue for the summit.');
    expect(warnings()).toContainEqual(expect.objectContaining({ page: server.url('/gone.html'), reason: 'HTTP 404' }));
  });

  it('logs a malformed feed, backs off doubling each time, and keeps polling the other feeds', async () => {
    server.routes.set('/broken', { body: '<rss><channel><item><title>Half an item' });
    server.routes.set('/rss', { body: rss(rssItem('summit', 'Summit', PARAGRAPHS)) });
    const feeds = create(['/broken', '/rss']);
    await feeds.pollDue();
    expect(changes).toHaveLength(1);
    expect(warnings()[0]).toMatchObject({ feed: server.url('/broken'), failures: 1, retryInMs: 2 * INTERVAL_MS });
    expect(warnings()[0]?.reason).toMatch(/^malformed feed/);

    await feeds.pollDue(); // still backing off: not asked again
    expect(server.hits('/broken')).toBe(1);
    expect(server.hits('/rss')).toBe(2);

    clock += 2 * INTERVAL_MS;
    await feeds.pollDue();
    expect(server.hits('/broken')).toBe(2);
    expect(warnings()[1]).toMatchObject({ failures: 2, retryInMs: 4 * INTERVAL_MS });

    server.routes.set('/broken', { body: rss(rssItem('fixed', 'Fixed', ['The feed works again today.'])) });
    clock += 4 * INTERVAL_MS;
    await feeds.pollDue();
    expect(changes).toHaveLength(2);
    expect(feeds.status().find((feed) => feed.url === server.url('/broken'))).toMatchObject({
      failures: 0,
      lastError: null,
    });
  });

  it('gives up on a feed that answers too slowly, backs off, and still delivers the others', async () => {
    server.routes.set('/slow', { body: rss(rssItem('late', 'Late', PARAGRAPHS)), delayMs: TIMEOUT_MS * 10 });
    server.routes.set('/atom', { type: 'application/atom+xml', body: atom() });
    const feeds = create(['/slow', '/atom']);
    await feeds.pollDue();
    expect(changes.map((change) => change.kind === 'added' && change.article.source)).toEqual(['Atom Daily']);
    expect(warnings()).toEqual([
      expect.objectContaining({ feed: server.url('/slow'), reason: `timed out after ${TIMEOUT_MS} ms`, failures: 1 }),
    ]);
    expect(feeds.status()[0]).toMatchObject({ failures: 1, nextAttemptAt: clock + 2 * INTERVAL_MS });
  });

  it('treats an HTTP error status as a failed poll', async () => {
    server.routes.set('/down', { status: 503, body: 'busy' });
    await create(['/down']).pollDue();
    expect(warnings()[0]).toMatchObject({ reason: 'HTTP 503', failures: 1 });
  });

  it('polls as soon as it starts and stops cleanly', async () => {
    server.routes.set('/rss', { body: rss(rssItem('summit', 'Summit', PARAGRAPHS)) });
    const feeds = create(['/rss'], { now: Date.now });
    feeds.start();
    await vi.waitFor(() => expect(changes).toHaveLength(1), { timeout: 5_000, interval: 20 });
    await feeds.stop();
    expect(server.hits('/rss')).toBe(1);
  });

  describe('with saved items', () => {
    /** What a store would keep: the items saved, by origin. */
    const memory = (known: readonly ReadFeedItem[] = []) => {
      const items = new Map(known.map((item) => [item.origin, item] as const));
      const saved: SavedFeedItems = {
        known,
        save: async (item) => void items.set(item.origin, item),
        delete: async (origin) => void items.delete(origin),
      };
      return { items, saved };
    };
    const teaser =
      () => `<item><guid>venue</guid><title>Summit venue named</title><link>${server.url('/venue.html')}</link>
      <description>Officials named the venue.</description></item>`;

    it('saves each item it reads, with its fingerprint, after reporting it', async () => {
      server.routes.set('/rss', { body: rss(rssItem('summit', 'Summit', PARAGRAPHS)) });
      const { items, saved } = memory();
      const order: string[] = [];
      await create(['/rss'], {
        onChange: (change) => void order.push(`change ${change.kind}`),
        saved: {
          ...saved,
          save: async (item) => {
            order.push('save');
            await saved.save(item);
          },
        },
      }).pollDue();
      expect(order).toEqual(['change added', 'save']);
      const [item] = items.values();
      expect(item).toMatchObject({ origin: `${server.url('/rss')} summit`, feedUrl: server.url('/rss') });
      expect(item?.fingerprint).toMatch(/^[0-9a-f]{16}$/);
      expect(item?.article.text).toBe(PARAGRAPHS.join('\n\n'));
    });

    it('starts from saved items: unchanged ones are not reported or read again, a changed one is an update', async () => {
      server.routes.set('/rss', { body: rss(rssItem('storm', 'Storm', STORM) + teaser()), etag: '"v1"' });
      server.routes.set('/venue.html', { type: 'text/html', body: PAGE });
      const first = memory();
      await create(['/rss'], { saved: first.saved }).pollDue();
      await poller?.stop();
      expect(changes.map((change) => change.kind)).toEqual(['added', 'added']);
      expect(server.hits('/venue.html')).toBe(1);

      // A restart: a new poller that knows what was saved; the feed is fetched in full (no ETag yet).
      changes = [];
      const second = memory([...first.items.values()]);
      const feeds = create(['/rss'], { saved: second.saved });
      await feeds.pollDue();
      expect(changes).toEqual([]);
      expect(server.hits('/venue.html')).toBe(1);

      const revised = [STORM[0]!.replace('overnight', 'on Saturday'), ...STORM.slice(1)];
      server.routes.set('/rss', { body: rss(rssItem('storm', 'Storm', revised) + teaser()), etag: '"v2"' });
      await feeds.pollDue();
      const before = first.items.get(`${server.url('/rss')} storm`);
      expect(changes).toEqual([expect.objectContaining({ kind: 'updated', previousArticleId: before?.article.id })]);
      expect(second.items.get(`${server.url('/rss')} storm`)?.article.text).toContain('on Saturday');
      expect(server.hits('/venue.html')).toBe(1);
    });

    it('keeps an item that drops off the feed: not withdrawn, not deleted', async () => {
      server.routes.set('/rss', { body: rss(rssItem('summit', 'Summit', PARAGRAPHS)), etag: '"v1"' });
      const { items, saved } = memory();
      const feeds = create(['/rss'], { saved });
      await feeds.pollDue();
      server.routes.set('/rss', { body: rss(rssItem('storm', 'Storm', STORM)), etag: '"v2"' });
      await feeds.pollDue();
      expect(changes.map((change) => change.kind)).toEqual(['added', 'added']);
      expect([...items.keys()].sort()).toEqual([`${server.url('/rss')} storm`, `${server.url('/rss')} summit`]);
    });

    it('withdraws and deletes the articles of a removed feed, but not one another feed also carries', async () => {
      server.routes.set('/a', {
        body: rss(rssItem('summit', 'Summit', PARAGRAPHS) + rssItem('storm', 'Storm', STORM)),
      });
      server.routes.set('/b', { body: rss(rssItem('summit', 'Summit', PARAGRAPHS)) });
      const { items, saved } = memory();
      const feeds = create(['/a', '/b'], { saved });
      await feeds.pollDue();
      expect(changes.map((change) => change.kind)).toEqual(['added', 'added']);
      const storm = changes.find((change) => change.kind === 'added' && change.article.title === 'Storm');

      expect(await feeds.removeFeed(server.url('/a'))).toBe(true);
      expect(changes.slice(2)).toEqual([
        {
          kind: 'removed',
          origin: `${server.url('/a')} storm`,
          articleId: storm?.kind === 'added' && storm.article.id,
        },
      ]);
      expect([...items.keys()]).toEqual([`${server.url('/b')} summit`]);
      expect(await feeds.removeFeed(server.url('/a'))).toBe(false);
    });

    it('withdraws the saved articles of a feed removed before it was polled again', async () => {
      server.routes.set('/rss', { body: rss(rssItem('summit', 'Summit', PARAGRAPHS)) });
      const first = memory();
      await create(['/rss'], { saved: first.saved }).pollDue();
      await poller?.stop();
      changes = [];
      const second = memory([...first.items.values()]);
      const feeds = create([], { saved: second.saved });
      feeds.addFeed(server.url('/rss'));
      expect(await feeds.removeFeed(server.url('/rss'))).toBe(true);
      expect(changes.map((change) => change.kind)).toEqual(['removed']);
      expect(second.items.size).toBe(0);
      expect(server.hits('/rss')).toBe(1);
    });

    it('reads an item again on the next full fetch when it could not be saved', async () => {
      server.routes.set('/rss', { body: rss(rssItem('summit', 'Summit', PARAGRAPHS)) });
      const { items, saved } = memory();
      let failures = 1;
      const feeds = create(['/rss'], {
        saved: {
          ...saved,
          save: async (item) => {
            if (failures-- > 0) throw new Error('database is locked');
            await saved.save(item);
          },
        },
      });
      await feeds.pollDue();
      expect(items.size).toBe(0);
      expect(logger.entries.some((entry) => entry.message === 'feed item could not be saved')).toBe(true);
      await feeds.pollDue();
      expect(items.size).toBe(1);
      expect(changes.map((change) => change.kind)).toEqual(['added']);
    });
  });

  it('polls a feed added during a round straight after that round, not an interval later', async () => {
    server.routes.set('/slow', { body: rss(rssItem('summit', 'Summit', PARAGRAPHS)), delayMs: 100 });
    server.routes.set('/atom', { type: 'application/atom+xml', body: atom() });
    const feeds = create(['/slow'], { now: Date.now });
    feeds.start();
    await vi.waitFor(() => expect(server.hits('/slow')).toBe(1), { timeout: 5_000, interval: 5 });
    feeds.addFeed(server.url('/atom'));
    feeds.pollSoon();
    await vi.waitFor(() => expect(changes).toHaveLength(2), { timeout: 5_000, interval: 20 });
    expect(server.hits('/atom')).toBe(1);
  });

  it('fetches only a feed just added on pollSoon after a round, not the feeds already read', async () => {
    server.routes.set('/rss', { body: rss(rssItem('summit', 'Summit', PARAGRAPHS)) });
    server.routes.set('/atom', { type: 'application/atom+xml', body: atom() });
    const feeds = create(['/rss'], { now: Date.now });
    feeds.start();
    await vi.waitFor(() => expect(changes).toHaveLength(1), { timeout: 5_000, interval: 20 });
    feeds.addFeed(server.url('/atom'));
    feeds.pollSoon();
    await vi.waitFor(() => expect(changes).toHaveLength(2), { timeout: 5_000, interval: 20 });
    await feeds.stop();
    expect(server.hits('/atom')).toBe(1);
    expect(server.hits('/rss')).toBe(1);
  });

  it('fetches only a feed added during a round on pollSoon, not the feeds that round read', async () => {
    server.routes.set('/slow', { body: rss(rssItem('summit', 'Summit', PARAGRAPHS)), delayMs: 100 });
    server.routes.set('/atom', { type: 'application/atom+xml', body: atom() });
    const feeds = create(['/slow'], { now: Date.now });
    feeds.start();
    await vi.waitFor(() => expect(server.hits('/slow')).toBe(1), { timeout: 5_000, interval: 5 });
    feeds.addFeed(server.url('/atom'));
    feeds.pollSoon();
    feeds.pollSoon();
    await vi.waitFor(() => expect(changes).toHaveLength(2), { timeout: 5_000, interval: 20 });
    await feeds.stop();
    expect(server.hits('/atom')).toBe(1);
    expect(server.hits('/slow')).toBe(1);
  });

  it('still polls every feed on the regular round after a pollSoon', async () => {
    server.routes.set('/rss', { body: rss(rssItem('summit', 'Summit', PARAGRAPHS)) });
    server.routes.set('/atom', { type: 'application/atom+xml', body: atom() });
    const feeds = create(['/rss'], { now: Date.now, intervalMs: 300 });
    feeds.start();
    await vi.waitFor(() => expect(server.hits('/rss')).toBe(1), { timeout: 5_000, interval: 5 });
    feeds.addFeed(server.url('/atom'));
    feeds.pollSoon();
    await vi.waitFor(() => expect(server.hits('/atom')).toBe(1), { timeout: 5_000, interval: 5 });
    expect(server.hits('/rss')).toBe(1);
    await vi.waitFor(() => expect(server.hits('/rss')).toBe(2), { timeout: 5_000, interval: 5 });
    await vi.waitFor(() => expect(server.hits('/atom')).toBe(2), { timeout: 5_000, interval: 5 });
    await feeds.stop();
    expect(changes).toHaveLength(2);
  });

  it('tells members one neutral reason for any failure, keeping the details for the log', async () => {
    server.routes.set('/down', { status: 503, body: 'busy' });
    const feeds = create(['/down', '/missing']);
    await feeds.pollDue();
    expect(feeds.status().map((feed) => feed.lastError)).toEqual([FEED_UNREADABLE, FEED_UNREADABLE]);
    expect(warnings().map((warning) => warning.reason)).toEqual(['HTTP 503', 'HTTP 404']);
  });

  it('follows a redirect between allowed addresses', async () => {
    server.routes.set('/old-rss', { status: 301, body: '', location: '/rss' });
    server.routes.set('/rss', { body: rss(rssItem('summit', 'Summit', PARAGRAPHS)) });
    await create(['/old-rss']).pollDue();
    expect(changes).toHaveLength(1);
  });
});

describe('FeedPoller and internal addresses', () => {
  let server: FeedServer;
  let changes: ArticleChange[];
  let logger: ReturnType<typeof recordingLogger>;
  let poller: FeedPoller | null;
  const saved: ReadFeedItem[] = [];
  /** A made-up public name that resolves to the test server, as a self-hoster's feed host would. */
  const FEED_HOST = 'feeds.example.test';
  const resolved: string[] = [];
  const resolveFeedHost = async (host: string) => {
    resolved.push(host);
    if (host === FEED_HOST) return [{ address: '127.0.0.1', family: 4 }];
    if (host === 'intranet.example.test')
      return [
        { address: '93.184.216.34', family: 4 },
        { address: '10.1.2.3', family: 4 },
      ];
    if (host === 'metadata.example.test') return [{ address: '::ffff:169.254.169.254', family: 6 }];
    throw new Error(`test tried to resolve ${host}`);
  };
  const hostUrl = (path: string) => server.url(path).replace('127.0.0.1', FEED_HOST);

  const create = (feeds: string[], allowedHosts: string[] = []) => {
    poller = new FeedPoller({
      feeds,
      intervalMs: INTERVAL_MS,
      timeoutMs: TIMEOUT_MS,
      logger,
      allowedHosts,
      resolve: resolveFeedHost,
      onChange: (change) => {
        changes.push(change);
      },
      saved: {
        known: [],
        save: async (item) => {
          saved.push(item);
        },
        delete: async () => {},
      },
    });
    return poller;
  };
  const warnings = () => logger.entries.filter((entry) => entry.level === 'warn').map((entry) => entry.data);

  beforeEach(async () => {
    server = await startFeedServer();
    changes = [];
    saved.length = 0;
    resolved.length = 0;
    logger = recordingLogger();
    poller = null;
  });
  afterEach(async () => {
    await poller?.stop();
    await server.close();
  });

  it('refuses a feed on a loopback address unless its host is allowed, asking it nothing', async () => {
    server.routes.set('/rss', { body: rss(rssItem('summit', 'Summit', PARAGRAPHS)) });
    const feeds = create([server.url('/rss')]);
    await feeds.pollDue();
    expect(server.requests).toEqual([]);
    expect(changes).toEqual([]);
    expect(saved).toEqual([]);
    expect(feeds.status()[0]?.lastError).toBe(FEED_UNREADABLE);
    expect(warnings()[0]?.reason).toMatch(/^refused: 127\.0\.0\.1 is an internal address/);
  });

  it('refuses an item page on 127.0.0.1 linked from an allowed feed: the page is not asked, nothing stored', async () => {
    const item = `<item><guid>admin</guid><title>Admin</title><link>${server.url('/admin')}</link></item>`;
    server.routes.set('/rss', { body: rss(item) });
    server.routes.set('/admin', { type: 'text/html', body: PAGE });
    await create([hostUrl('/rss')], [FEED_HOST]).pollDue();
    expect(server.hits('/rss')).toBe(1);
    expect(server.hits('/admin')).toBe(0);
    expect(changes).toEqual([]);
    expect(saved).toEqual([]);
  });

  it('refuses a redirect from an allowed feed to an internal address, checking every hop', async () => {
    server.routes.set('/rss', { status: 302, body: '', location: server.url('/internal-rss') });
    server.routes.set('/internal-rss', { body: rss(rssItem('summit', 'Summit', PARAGRAPHS)) });
    const feeds = create([hostUrl('/rss')], [FEED_HOST]);
    await feeds.pollDue();
    expect(server.hits('/internal-rss')).toBe(0);
    expect(changes).toEqual([]);
    expect(feeds.status()[0]?.lastError).toBe(FEED_UNREADABLE);
  });

  it('refuses a name with any internal address, and IPv4-mapped IPv6 forms of one', async () => {
    const feeds = create([
      'http://intranet.example.test/rss',
      'http://metadata.example.test/latest',
      'http://[::1]:9/',
    ]);
    await feeds.pollDue();
    expect(
      warnings()
        .map((warning) => warning.reason)
        .sort(),
    ).toEqual([
      'refused: ::1 is an internal address',
      'refused: intranet.example.test is an internal address',
      'refused: metadata.example.test is an internal address',
    ]);
  });

  it('connects to the address it checked, resolving the name once, so a second DNS answer cannot differ', async () => {
    server.routes.set('/rss', { body: rss(rssItem('summit', 'Summit', PARAGRAPHS)) });
    await create([hostUrl('/rss')], [FEED_HOST]).pollDue();
    // Only the checking resolver knows this name: had the connection resolved it again, it would have failed.
    expect(changes).toHaveLength(1);
    expect(resolved).toEqual([FEED_HOST]);
    expect(server.requests[0]?.headers.host).toBe(new URL(hostUrl('/rss')).host);
  });
});
