import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { buildArticle } from '../../src/articles/article.js';
import type { ArticleMeta } from '../../src/articles/types.js';
import type { Reply } from '../../src/reply.js';
import { announceChange } from '../../src/subscriptions/announce.js';
import { Announcer } from '../../src/subscriptions/announcer.js';
import { corpusOf, freshStore, GUILD, removeStores, subscribe, TestClock } from './helpers.js';

afterAll(removeStores);

const WIRE = [
  'ANCHORAGE, Alaska (AP) — President Donald Trump and Russian President Vladimir Putin will meet in Alaska on Friday, the White House said Saturday, in their first face-to-face talks since the war in Ukraine began.',
  'The summit at a military base outside Anchorage is expected to focus on a possible ceasefire, officials said, though neither side has published an agenda and Ukraine has not been invited.',
  'Ukrainian President Volodymyr Zelenskyy said any deal reached without Kyiv would be "dead on arrival" and urged European leaders to press Washington to include his government.',
];
const article = (paragraphs: readonly string[], meta: Partial<ArticleMeta>, origin: string) =>
  buildArticle(paragraphs.join('\n\n'), meta, origin);
const ap = article(WIRE, { title: 'Trump and Putin to meet Friday', source: 'AP', date: '2025-08-09' }, 'ap.txt');
/** The same AP copy as another outlet runs it, a day later, with a local paragraph. */
const republished = article(
  [...WIRE.slice(0, 2), 'Local officials in Anchorage said roads near the base would close from Thursday evening.'],
  { title: 'Trump, Putin to meet in Alaska', source: 'Anchorage Daily', date: '2025-08-10' },
  'anchorage-daily.txt',
);

describe('announcing the same wire story from several outlets', () => {
  it('posts it once: a copy of a story already announced is not posted again', async () => {
    const store = await freshStore(new TestClock());
    await subscribe(store, 'channel-a');
    const corpus = corpusOf(ap);
    expect((await announceChange({ kind: 'added', origin: ap.origin, article: ap }, { store, corpus })).enqueued).toBe(
      1,
    );
    corpus.add([republished]);
    const copy = await announceChange(
      { kind: 'added', origin: republished.origin, article: republished },
      { store, corpus },
    );
    expect(copy).toMatchObject({ enqueued: 0, copyOf: ap.id });
    expect(await store.listOutbox(GUILD)).toHaveLength(1);
    await store.close();
  });

  it('names the other outlets when their copies arrive together, and posts the first report only', async () => {
    const store = await freshStore(new TestClock());
    await subscribe(store, 'channel-a');
    const corpus = corpusOf(republished, ap);
    const announcer = new Announcer({ store, corpus, logger: pino({ level: 'silent' }), onQueued: () => {} });
    await announcer.catchUp([republished, ap]);
    const rows = await store.listOutbox(GUILD);
    expect(rows).toHaveLength(1);
    const post = JSON.parse(rows[0]?.payload ?? '{}') as Reply;
    expect(post.title).toBe('Trump and Putin to meet Friday');
    expect(post.intro).toBe('AP · 2025-08-09 · also reported by Anchorage Daily');
    await store.close();
  });
});
