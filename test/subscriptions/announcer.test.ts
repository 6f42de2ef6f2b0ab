import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { buildArticle } from '../../src/articles/article.js';
import type { Reply } from '../../src/reply.js';
import { StoreUnavailableError } from '../../src/store/store-errors.js';
import type { Store } from '../../src/store/types.js';
import { Announcer } from '../../src/subscriptions/announcer.js';
import {
  corpusOf,
  ferryArticle,
  freshStore,
  GUILD,
  NEW_SENTENCE,
  ORIGIN,
  removeStores,
  SECOND_VERSION,
  subscribe,
  TestClock,
} from './helpers.js';

afterAll(removeStores);

/** A real SQLite store behind a switch: while it is down every call fails as an unreachable database does. */
function switchable(store: Store) {
  let down = false;
  const proxy = new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) =>
        down
          ? Promise.reject(new StoreUnavailableError('switched off by the test'))
          : (value as (...a: unknown[]) => unknown).apply(target, args);
    },
  });
  return { store: proxy, down: () => (down = true), up: () => (down = false) };
}

/** Retry timers the test fires by hand, so nothing waits on the clock. */
function manualTimers() {
  const due: (() => void)[] = [];
  return {
    setTimer: (run: () => void) => {
      due.push(run);
      return { cancel: () => due.splice(due.indexOf(run) >>> 0, 1) };
    },
    fire: () => {
      for (const run of due.splice(0)) run();
    },
    pending: () => due.length,
  };
}

const other = (title: string, body: string, origin: string) =>
  buildArticle(body, { title, date: '2025-08-12', source: 'Bay Herald' }, origin);

/** Titles of the outbox rows, oldest first (the store lists newest first). */
function postTitles(posts: { payload: string | null }[]): string[] {
  return [...posts].reverse().map((row) => (JSON.parse(row.payload ?? '{}') as Reply).title);
}

describe('the announcer while the store is out', () => {
  it('holds every change, gives none up, and announces them in arrival order once the store is back', async () => {
    const real = await freshStore(new TestClock());
    await subscribe(real, 'channel-1');
    const { store, down, up } = switchable(real);
    const timers = manualTimers();
    const first = ferryArticle();
    const second = other(
      'Tram line closes for repairs',
      'The river tram will close for three weeks of rail repairs.',
      'tram.md',
    );
    const corpus = corpusOf(first, second);
    const announcer = new Announcer({
      store,
      corpus,
      logger: pino({ level: 'silent' }),
      onQueued: () => {},
      setTimer: timers.setTimer,
    });

    down();
    await announcer.announce({ kind: 'added', origin: ORIGIN, article: first });
    await announcer.announce({ kind: 'added', origin: 'tram.md', article: second });
    for (let attempt = 0; attempt < 10; attempt++) {
      expect(timers.pending()).toBe(1);
      timers.fire();
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(announcer.heldCount).toBe(2);

    up();
    await announcer.retryNow();
    expect(announcer.heldCount).toBe(0);
    expect(postTitles(await real.listOutbox(GUILD))).toEqual([first.title, second.title]);
  });

  it('keeps only the latest change of an article, told as an update of the version channels last saw', async () => {
    const real = await freshStore(new TestClock());
    await subscribe(real, 'channel-1');
    const { store, down, up } = switchable(real);
    const timers = manualTimers();
    const first = ferryArticle();
    const second = ferryArticle(SECOND_VERSION);
    const corpus = corpusOf(first);
    const announcer = new Announcer({
      store,
      corpus,
      logger: pino({ level: 'silent' }),
      onQueued: () => {},
      setTimer: timers.setTimer,
    });
    await announcer.announce({ kind: 'added', origin: ORIGIN, article: first });

    down();
    corpus.add([second]);
    await announcer.announce({ kind: 'updated', origin: ORIGIN, previousArticleId: first.id, article: second }, first);
    await announcer.announce({ kind: 'updated', origin: ORIGIN, previousArticleId: first.id, article: second }, second);
    expect(announcer.heldCount).toBe(1);
    up();
    await announcer.retryNow();

    const posts = (await real.listOutbox(GUILD)).map((row) => JSON.parse(row.payload ?? '{}') as Reply);
    expect(posts).toHaveLength(2);
    expect(posts.map((post) => post.items[0]?.text)).toContain(`Updated: ${NEW_SENTENCE}`);
  });
});
