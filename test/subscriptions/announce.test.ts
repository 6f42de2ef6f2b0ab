import { afterAll, describe, expect, it } from 'vitest';
import { buildArticle } from '../../src/articles/article.js';
import type { Reply } from '../../src/reply.js';
import type { Store } from '../../src/store/types.js';
import { ARTICLE_NAMESPACE, announceChange, updateKeyOf } from '../../src/subscriptions/announce.js';
import {
  corpusOf,
  FIRST_VERSION,
  ferryArticle,
  freshDataDir,
  freshStore,
  GUILD,
  NEW_SENTENCE,
  ORIGIN,
  removeStores,
  SECOND_VERSION,
  storeAt,
  subscribe,
  TestClock,
} from './helpers.js';

afterAll(removeStores);

function postOf(payload: string | null): Reply {
  expect(payload).not.toBeNull();
  return JSON.parse(payload!) as Reply;
}

/**
 * The store as a process that dies after `calls` store calls sees it: those calls complete, and
 * the next one (and any after) throws instead of running. Each store call is atomic, so "after k
 * calls" covers every point a kill -9 could hit.
 */
function crashingAfter(store: Store, calls: number): Store & { crashed: () => boolean } {
  let made = 0;
  let crashed = false;
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'crashed') return () => crashed;
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (made++ >= calls) {
          crashed = true;
          return Promise.reject(new Error(`crashed before ${String(property)}`));
        }
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  }) as Store & { crashed: () => boolean };
}

/** A store proxy that counts the calls made through it. */
function counting(store: Store): { store: Store; calls: () => number } {
  let calls = 0;
  const proxy = new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls++;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store: proxy, calls: () => calls };
}

/** How many store calls one announcement of a new article makes, counted on a scratch store. */
async function storeCallsOfAnAnnouncement(): Promise<number> {
  const store = await freshStore(new TestClock());
  await subscribe(store, 'channel-a');
  const counted = counting(store);
  const article = ferryArticle();
  await announceChange({ kind: 'added', origin: ORIGIN, article }, { store: counted.store, corpus: corpusOf(article) });
  await store.close();
  return counted.calls();
}

/** How many store calls announcing an update makes (it reads no told-sets, so fewer than a new article). */
async function storeCallsOfAnUpdate(): Promise<number> {
  const store = await freshStore(new TestClock());
  await subscribe(store, 'channel-a');
  const first = ferryArticle(FIRST_VERSION);
  await announceChange({ kind: 'added', origin: ORIGIN, article: first }, { store, corpus: corpusOf(first) });
  const second = ferryArticle(SECOND_VERSION);
  const counted = counting(store);
  await announceChange(
    { kind: 'updated', origin: ORIGIN, previousArticleId: first.id, article: second },
    { store: counted.store, corpus: corpusOf(second), previous: first },
  );
  await store.close();
  return counted.calls();
}

describe('announcing an article change', () => {
  it('records a new article without reading its text when no channel follows the story', async () => {
    const store = await freshStore(new TestClock());
    const article = ferryArticle();
    const corpus = corpusOf(article);
    // A stored article's text is a read from the store: with no channel to tell, none is made.
    const unread = Object.defineProperty({ ...article }, 'text', {
      get: () => {
        throw new Error('text read');
      },
    });
    const result = await announceChange({ kind: 'added', origin: ORIGIN, article: unread }, { store, corpus });
    expect(result).toMatchObject({ change: 'new', enqueued: 0 });
    expect((await store.getArticleVersion(ARTICLE_NAMESPACE, ORIGIN))?.contentHash).toBe(article.id);
    await store.close();
  });

  it('enqueues one post per subscribed channel for a new article, verbatim and cited', async () => {
    const store = await freshStore(new TestClock());
    await subscribe(store, 'channel-a');
    await subscribe(store, 'channel-b');
    const paused = await subscribe(store, 'channel-paused');
    await store.pauseSubscription(paused.id, 'missing access');
    const article = ferryArticle();

    const announcement = await announceChange(
      { kind: 'added', origin: ORIGIN, article },
      { store, corpus: corpusOf(article) },
    );

    expect(announcement).toMatchObject({ change: 'new', enqueued: 2 });
    const rows = await store.listOutbox(GUILD);
    expect(rows.map((row) => row.channelId).sort()).toEqual(['channel-a', 'channel-b']);
    const post = postOf(rows[0]!.payload);
    expect(post.title).toBe('Ferry strike ends after nine days');
    expect(post.intro).toBe('Harbour Gazette · 2025-08-12');
    expect(post.citations).toHaveLength(1);
    const [citation] = post.citations;
    expect(citation).toMatchObject({ n: 1, articleId: article.id, source: 'Harbour Gazette', date: '2025-08-12' });
    expect(citation!.excerpt).toBe(article.text.slice(citation!.start, citation!.end));
    const summary = post.items.filter((item) => !item.text.startsWith('“'));
    expect(summary.length).toBeGreaterThanOrEqual(2);
    expect(summary.length).toBeLessThanOrEqual(3);
    for (const item of summary) {
      expect(article.text).toContain(item.text);
      expect(item.cites).toEqual([1]);
    }
    const quote = post.items.find((item) => item.text.startsWith('“'));
    expect(quote?.text).toContain('“This agreement protects every crew member on the harbour,”'.slice(0, -2));
    expect(quote?.text).toContain('Maria Lopez');
    expect(quote?.cites).toEqual([1]);
    await store.close();
  });

  it('announces nothing when the same content is seen again, even after a restart', async () => {
    const clock = new TestClock();
    const dataDir = freshDataDir();
    const before = await storeAt(dataDir, clock);
    await subscribe(before, 'channel-a');
    const article = ferryArticle();
    const corpus = corpusOf(article);
    await announceChange({ kind: 'added', origin: ORIGIN, article }, { store: before, corpus });
    await before.close();
    const store = await storeAt(dataDir, clock);

    const again = await announceChange({ kind: 'added', origin: ORIGIN, article }, { store, corpus });

    expect(again).toMatchObject({ change: 'unchanged', enqueued: 0 });
    expect(await store.listOutbox(GUILD)).toHaveLength(1);
    await store.close();
  });

  it('announces a changed file as an update with the sentences that are new', async () => {
    const store = await freshStore(new TestClock());
    await subscribe(store, 'channel-a');
    const first = ferryArticle(FIRST_VERSION);
    await announceChange({ kind: 'added', origin: ORIGIN, article: first }, { store, corpus: corpusOf(first) });
    const second = ferryArticle(SECOND_VERSION);

    const announcement = await announceChange(
      { kind: 'updated', origin: ORIGIN, previousArticleId: first.id, article: second },
      { store, corpus: corpusOf(second), previous: first },
    );

    expect(announcement).toMatchObject({ change: 'updated', enqueued: 1 });
    const [latest] = await store.listOutbox(GUILD, { limit: 1 });
    const post = postOf(latest!.payload);
    expect(post.title).toBe('Updated: Ferry strike ends after nine days');
    expect(post.items[0]).toEqual({ text: `Updated: ${NEW_SENTENCE}`, cites: [1] });
    expect(post.citations[0]?.excerpt).toBe(NEW_SENTENCE);
    await store.close();
  });

  it('treats a file the store has seen with other content as an update even when the source calls it new', async () => {
    const store = await freshStore(new TestClock());
    await subscribe(store, 'channel-a');
    const first = ferryArticle(FIRST_VERSION);
    await announceChange({ kind: 'added', origin: ORIGIN, article: first }, { store, corpus: corpusOf(first) });
    const second = ferryArticle(SECOND_VERSION);

    const announcement = await announceChange(
      { kind: 'added', origin: ORIGIN, article: second },
      { store, corpus: corpusOf(second) },
    );

    expect(announcement.change).toBe('updated');
    const [latest] = await store.listOutbox(GUILD, { limit: 1 });
    expect(postOf(latest!.payload).title).toMatch(/^Updated: /);
    await store.close();
  });

  it('sends an article only to channels whose topic words or people it mentions', async () => {
    const store = await freshStore(new TestClock());
    await subscribe(store, 'by-person', 'maria lopez');
    await subscribe(store, 'by-word', 'STRIKE');
    await subscribe(store, 'by-either', 'airport, Ferry Workers Union');
    await subscribe(store, 'other-story', 'airport');
    await subscribe(store, 'part-of-a-word', 'strik');
    await subscribe(store, 'everything', null);
    const article = ferryArticle();

    await announceChange({ kind: 'added', origin: ORIGIN, article }, { store, corpus: corpusOf(article) });

    const channels = (await store.listOutbox(GUILD)).map((row) => row.channelId).sort();
    expect(channels).toEqual(['by-either', 'by-person', 'by-word', 'everything']);
    await store.close();
  });

  it('announces nothing for a withdrawn article', async () => {
    const store = await freshStore(new TestClock());
    await subscribe(store, 'channel-a');

    const announcement = await announceChange(
      { kind: 'removed', origin: ORIGIN, articleId: 'gone' },
      { store, corpus: corpusOf() },
    );

    expect(announcement).toEqual({ change: 'withdrawn', updateKey: null, enqueued: 0 });
    expect(await store.listOutbox(GUILD)).toEqual([]);
    await store.close();
  });

  it('logs every update for digests, whether or not a channel wants it at once, and only once', async () => {
    const store = await freshStore(new TestClock());
    await subscribe(store, 'other-story', 'airport');
    await store.addSubscription({
      guildId: GUILD,
      channelId: 'digest-channel',
      mode: 'digest',
      digest: { time: '18:00', timeZone: 'Europe/London' },
      createdBy: 'user-1',
    });
    const first = ferryArticle(FIRST_VERSION);
    const second = ferryArticle(SECOND_VERSION);
    const corpus = corpusOf(first);

    expect(await announceChange({ kind: 'added', origin: ORIGIN, article: first }, { store, corpus })).toMatchObject({
      change: 'new',
      enqueued: 0,
    });
    await announceChange({ kind: 'added', origin: ORIGIN, article: first }, { store, corpus });
    await announceChange(
      { kind: 'updated', origin: ORIGIN, previousArticleId: first.id, article: second },
      { store, corpus: corpusOf(second), previous: first },
    );

    expect(await store.listOutbox(GUILD)).toEqual([]);
    const logged = await store.listUpdatesSince(new Date(0));
    expect(logged.map((update) => [update.updateKey, update.kind, update.origin, update.title])).toEqual([
      [updateKeyOf(first), 'new', ORIGIN, first.title],
      [updateKeyOf(second), 'updated', ORIGIN, second.title],
    ]);
    expect(logged[1]).toMatchObject({ articleId: second.id, searchText: `${second.title}\n${second.text}` });
    expect(postOf(logged[1]!.payload).items[0]).toEqual({ text: `Updated: ${NEW_SENTENCE}`, cites: [1] });
    await store.close();
  });

  describe('a new article in a story a channel already follows', () => {
    const LEAD = 'Ferry workers ended their nine-day strike on Tuesday after unions accepted a revised pay offer.';
    const earlier = buildArticle(
      'Unions accepted a revised pay offer on Tuesday, and ferry workers ended their nine-day strike.',
      { title: 'Ferry unions accept offer', date: '2025-08-12', source: 'Harbour Gazette' },
      'earlier.md',
    );
    const later = buildArticle(
      [
        LEAD,
        'Services will resume at 6 a.m. on Wednesday, the operator said. The operator said the offer raises wages by 6 percent over two years.',
        'Harbour commuters had queued for hours at bus stops during the strike, the council said.',
      ].join('\n\n'),
      { title: 'Ferries to sail again', date: '2025-08-13', source: 'Coast Post' },
      'later.md',
    );

    /** Announces `earlier` to a channel subscribed before it; then subscribes a second channel. */
    async function followedStory(dataDir: string, clock: TestClock): Promise<void> {
      const store = await storeAt(dataDir, clock);
      await subscribe(store, 'told-earlier');
      clock.advance(60_000);
      await announceChange(
        { kind: 'added', origin: earlier.origin, article: earlier },
        { store, corpus: corpusOf(earlier), now: clock.now },
      );
      clock.advance(60_000);
      await subscribe(store, 'joined-later');
      clock.advance(60_000);
      await store.close();
    }

    async function postsFor(store: Store): Promise<Map<string, Reply>> {
      const rows = (await store.listOutbox(GUILD, { limit: 100 })).filter(
        (row) => row.updateKey === updateKeyOf(later),
      );
      return new Map(rows.map((row) => [row.channelId, postOf(row.payload)]));
    }

    it('skips, for each channel, the facts it was already sent, once per channel even after a crash', async () => {
      const corpus = corpusOf(earlier, later);
      for (let crashAfter = 0; ; crashAfter++) {
        const clock = new TestClock();
        const dataDir = freshDataDir();
        await followedStory(dataDir, clock);
        const before = await storeAt(dataDir, clock);
        const crashing = crashingAfter(before, crashAfter);
        const first = await announceChange(
          { kind: 'added', origin: later.origin, article: later },
          { store: crashing, corpus, now: clock.now },
        ).catch((err: Error) => err);
        await before.close();
        const store = await storeAt(dataDir, clock);
        if (first instanceof Error) {
          expect(first.message).toMatch(/crashed/);
          clock.advance(60_000);
          const again = await announceChange(
            { kind: 'added', origin: later.origin, article: later },
            { store, corpus, now: clock.now },
          );
          expect(again.change, `crash after ${crashAfter} calls`).toBe('new');
        }
        expect(
          await announceChange(
            { kind: 'added', origin: later.origin, article: later },
            { store, corpus, now: clock.now },
          ),
        ).toMatchObject({ change: 'unchanged', enqueued: 0 });

        const posts = await postsFor(store);
        expect([...posts.keys()].sort(), `crash after ${crashAfter} calls`).toEqual(['joined-later', 'told-earlier']);
        expect(await store.listOutbox(GUILD, { limit: 100 })).toHaveLength(3);
        const texts = (channel: string) => posts.get(channel)!.items.map((item) => item.text);
        expect(texts('told-earlier')).not.toContain(LEAD);
        expect(texts('told-earlier').length).toBeGreaterThanOrEqual(2);
        expect(texts('joined-later')).toContain(LEAD);
        for (const post of posts.values()) {
          for (const item of post.items) expect(later.text).toContain(item.text);
          expect(post.citations).toHaveLength(1);
        }
        // Digests read the log, which keeps the post for a reader told nothing.
        const logged = (await store.listUpdatesSince(new Date(0))).map((update) => update.updateKey);
        expect(logged).toEqual([updateKeyOf(earlier), updateKeyOf(later)]);
        const [, entry] = await store.listUpdatesSince(new Date(0));
        expect(postOf(entry!.payload)).toEqual(posts.get('joined-later'));
        await store.close();
        if (!(first instanceof Error)) break;
      }
    });

    it('forgets what was told more than a week ago', async () => {
      const clock = new TestClock();
      const dataDir = freshDataDir();
      await followedStory(dataDir, clock);
      clock.advance(8 * 86_400_000);
      const store = await storeAt(dataDir, clock);

      await announceChange(
        { kind: 'added', origin: later.origin, article: later },
        { store, corpus: corpusOf(earlier, later), now: clock.now },
      );

      for (const post of (await postsFor(store)).values()) expect(post.items.map((item) => item.text)).toContain(LEAD);
      await store.close();
    });
  });

  describe('after a crash at any point, announcing again', () => {
    const CHANNELS = ['channel-a', 'channel-b'];

    it('enqueues a new article exactly once per channel and logs it once', async () => {
      const calls = await storeCallsOfAnAnnouncement();
      expect(calls).toBeGreaterThanOrEqual(4);
      const article = ferryArticle();
      const corpus = corpusOf(article);
      for (let crashAfter = 0; crashAfter < calls; crashAfter++) {
        const clock = new TestClock();
        const dataDir = freshDataDir();
        const before = await storeAt(dataDir, clock);
        for (const channel of CHANNELS) await subscribe(before, channel);
        const crashing = crashingAfter(before, crashAfter);
        await expect(
          announceChange({ kind: 'added', origin: ORIGIN, article }, { store: crashing, corpus }),
        ).rejects.toThrow(/crashed/);
        expect(crashing.crashed()).toBe(true);
        await before.close();

        const store = await storeAt(dataDir, clock);
        const again = await announceChange({ kind: 'added', origin: ORIGIN, article }, { store, corpus });
        expect(again.change, `crash after ${crashAfter} calls`).toBe('new');
        const rows = await store.listOutbox(GUILD, { limit: 100 });
        expect(rows.map((row) => row.channelId).sort(), `crash after ${crashAfter} calls`).toEqual(CHANNELS);
        for (const row of rows) {
          expect(row.updateKey).toBe(updateKeyOf(article));
          expect(postOf(row.payload).title).toBe(article.title);
        }
        expect((await store.listUpdatesSince(new Date(0))).map((update) => update.updateKey)).toEqual([
          updateKeyOf(article),
        ]);
        expect(await store.getArticleVersion(ARTICLE_NAMESPACE, ORIGIN)).toEqual({
          contentHash: article.id,
          version: 1,
        });
        expect(await announceChange({ kind: 'added', origin: ORIGIN, article }, { store, corpus })).toMatchObject({
          change: 'unchanged',
          enqueued: 0,
        });
        expect(await store.listOutbox(GUILD, { limit: 100 })).toHaveLength(CHANNELS.length);
        await store.close();
      }
    });

    it('still announces an update as an update, once per channel, when the restarted source calls it new', async () => {
      const calls = await storeCallsOfAnUpdate();
      const first = ferryArticle(FIRST_VERSION);
      const second = ferryArticle(SECOND_VERSION);
      for (let crashAfter = 0; crashAfter < calls; crashAfter++) {
        const clock = new TestClock();
        const dataDir = freshDataDir();
        const before = await storeAt(dataDir, clock);
        for (const channel of CHANNELS) await subscribe(before, channel);
        await announceChange(
          { kind: 'added', origin: ORIGIN, article: first },
          { store: before, corpus: corpusOf(first) },
        );
        await expect(
          announceChange(
            { kind: 'updated', origin: ORIGIN, previousArticleId: first.id, article: second },
            { store: crashingAfter(before, crashAfter), corpus: corpusOf(second), previous: first },
          ),
        ).rejects.toThrow(/crashed/);
        await before.close();

        const store = await storeAt(dataDir, clock);
        const again = await announceChange(
          { kind: 'added', origin: ORIGIN, article: second },
          { store, corpus: corpusOf(second) },
        );
        expect(again.change, `crash after ${crashAfter} calls`).toBe('updated');
        const rows = await store.listOutbox(GUILD, { limit: 100 });
        const updates = rows.filter((row) => row.updateKey === updateKeyOf(second));
        expect(updates.map((row) => row.channelId).sort(), `crash after ${crashAfter} calls`).toEqual(CHANNELS);
        expect(rows).toHaveLength(2 * CHANNELS.length);
        for (const row of updates) expect(postOf(row.payload).title).toBe(`Updated: ${second.title}`);
        expect((await store.listUpdatesSince(new Date(0))).map((update) => update.kind)).toEqual(['new', 'updated']);
        expect(await store.getArticleVersion(ARTICLE_NAMESPACE, ORIGIN)).toEqual({
          contentHash: second.id,
          version: 2,
        });
        await store.close();
      }
    });
  });
});
