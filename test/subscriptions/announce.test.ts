import { afterAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/reply.js';
import { announceChange } from '../../src/subscriptions/announce.js';
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

describe('announcing an article change', () => {
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
});
