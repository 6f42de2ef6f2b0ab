import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyseArticle } from '../../src/articles/analysis.js';
import { buildArticle } from '../../src/articles/article.js';
import type { Article } from '../../src/articles/types.js';
import { Corpus } from '../../src/corpus/corpus.js';
import type { Reply } from '../../src/reply.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/types.js';
import type { DeliveryLogger } from '../../src/subscriptions/delivery-worker.js';
import type { Poster } from '../../src/subscriptions/poster.js';

export const GUILD = 'guild-1';
export const ORIGIN = 'ferry-strike.md';

export const FIRST_VERSION = [
  'Ferry workers ended their nine-day strike on Tuesday after unions accepted a revised pay offer.',
  '“This agreement protects every crew member on the harbour,” said Maria Lopez, general secretary of the Ferry Workers Union.',
  'Services will resume at 6 a.m. on Wednesday, the operator said. The operator said the offer raises wages by 6 percent over two years.',
].join('\n\n');

export const NEW_SENTENCE = 'The first sailing left Pier 4 on time on Wednesday morning, officials said.';
export const SECOND_VERSION = `${FIRST_VERSION}\n\n${NEW_SENTENCE}`;

export function ferryArticle(text = FIRST_VERSION): Article {
  return buildArticle(
    text,
    { title: 'Ferry strike ends after nine days', date: '2025-08-12', source: 'Harbour Gazette' },
    ORIGIN,
  );
}

export function corpusOf(...articles: Article[]): Corpus {
  const corpus = new Corpus(analyseArticle);
  corpus.add(articles);
  return corpus;
}

/** A store clock the test moves by hand, so leases and backoff expire without waiting. */
export class TestClock {
  private current = new Date('2025-08-12T09:00:00Z');
  readonly now = () => new Date(this.current);
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

const roots: string[] = [];

/** A real SQLite store in a fresh temporary data directory. */
export async function freshStore(clock: TestClock): Promise<Store> {
  return storeAt(freshDataDir(), clock);
}

export function freshDataDir(): string {
  const root = mkdtempSync(join(tmpdir(), 'newsdesk-subscriptions-'));
  roots.push(root);
  return join(root, 'data');
}

/** Opens (or reopens, as after a restart) the SQLite store in `dataDir`. */
export function storeAt(dataDir: string, clock: TestClock): Promise<Store> {
  return openStore({ dataDir, now: clock.now });
}

export function removeStores(): void {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
}

export async function subscribe(store: Store, channelId: string, topic: string | null = null) {
  return store.addSubscription({ guildId: GUILD, channelId, topic, mode: 'every', createdBy: 'user-1' });
}

export interface PostCall {
  channelId: string;
  reply: Reply;
  idempotencyKey: string;
}

/**
 * A poster that records every call and, like Discord with `enforce_nonce`, answers a repeated
 * nonce in a channel with the message already created. `failures` are thrown, in order, before
 * the call is recorded as delivered.
 */
export class RecordingPoster implements Poster {
  readonly calls: PostCall[] = [];
  readonly messages = new Map<string, string>();
  readonly failures: Error[] = [];

  async post(channelId: string, reply: Reply, idempotencyKey: string): Promise<{ messageId: string }> {
    const failure = this.failures.shift();
    if (failure) throw failure;
    this.calls.push({ channelId, reply, idempotencyKey });
    const key = `${channelId}/${idempotencyKey}`;
    const messageId = this.messages.get(key) ?? `message-${this.messages.size + 1}`;
    this.messages.set(key, messageId);
    return { messageId };
  }

  /** Messages that exist in each channel: what a person scrolling the channel would see. */
  postedPerChannel(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const key of this.messages.keys()) {
      const channel = key.split('/')[0]!;
      counts.set(channel, (counts.get(channel) ?? 0) + 1);
    }
    return counts;
  }
}

export function silentLogger(): DeliveryLogger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, info: () => undefined, warn: (_data, message) => warnings.push(message), error: () => undefined };
}
