import type { Article } from '../articles/types.js';
import type { Corpus } from '../corpus/corpus.js';
import type { ArticleChange } from '../ingest/article-change.js';
import { otherOutlets, wireCopies } from '../ingest/wire-groups.js';
import type { ArticleVersions } from './article-versions.js';
import { targetOf } from './delivery-target.js';
import type { OutboxStore } from './outbox.js';
import type { SubscriptionStore } from './subscription.js';
import { groupByTold, type ToldGroup } from './told-groups.js';
import { matchesTopic } from './topic-filter.js';
import type { UpdateLog } from './update-log.js';
import { type PostableChange, prepareUpdatePost } from './update-post.js';

/** The store's `origin` for every article Newsdesk ingests; the article key is the ingest origin. */
export const ARTICLE_NAMESPACE = 'ingest';

export interface AnnounceOptions {
  store: SubscriptionStore & OutboxStore & UpdateLog & ArticleVersions;
  /** The corpus with the change already applied. */
  corpus: Corpus;
  /** For an update: the version channels were told about (take it from the corpus before applying). */
  previous?: Article | undefined;
  /** The store's clock, for how far back a channel's earlier posts are read (default: the wall clock). */
  now?: () => Date;
}

export interface Announcement {
  /** What the store made of the article; `withdrawn` for a removal, which is never posted or logged. */
  change: 'new' | 'updated' | 'unchanged' | 'withdrawn';
  updateKey: string | null;
  /** Outbox rows created (0 when every matching channel already has this update). */
  enqueued: number;
  /** Set when the article is another outlet's copy of a wire story already announced: not posted. */
  copyOf?: string;
}

/** Copies of a wire story run within days of each other; the window keeps the comparison cheap. */
export const WIRE_WINDOW_DAYS = 3;
const MAX_NEIGHBOURS = 500;
const MS_PER_DAY = 86_400_000;

/** The articles a new one could be a copy of: those dated near it (the latest ones when it is undated). */
function neighbours(corpus: Corpus, article: Article): Article[] {
  const all = corpus.articles();
  if (!article.date) return all.slice(-MAX_NEIGHBOURS);
  const day = Date.parse(article.date);
  if (Number.isNaN(day)) return [];
  const window = WIRE_WINDOW_DAYS * MS_PER_DAY;
  // `corpus.articles()` is sorted by date, an ISO day (YYYY-MM-DD), undated last, so the window is
  // one run of it: found by bisection on the days either side, then checked exactly as before.
  const first = isoDay(day - window);
  const last = isoDay(day + window);
  const from = first === null ? 0 : firstDatedFrom(all, first);
  const to = last === null ? all.length : firstDatedFrom(all, `${last}\uffff`);
  return all
    .slice(from, to)
    .filter((other) => other.date && Math.abs(Date.parse(other.date) - day) <= window)
    .slice(-MAX_NEIGHBOURS);
}

/** The index of the first article of `sorted` (by date, undated last) dated `day` or later. */
function firstDatedFrom(sorted: readonly Article[], day: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid]!.date ?? '9999') < day) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The ISO day of an instant; null outside years 0000-9999, where the bisection would not hold (no bound then). */
function isoDay(ms: number): string | null {
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  return year >= 0 && year <= 9999 ? date.toISOString().slice(0, 10) : null;
}

/**
 * The outbox key of an article's content: the same words are never announced twice to a channel,
 * whatever the file is called, however often it is seen, across restarts (MonitoRSS deduplicates
 * by content hash the same way). An article's id is already the hash of its text.
 */
export function updateKeyOf(article: Article): string {
  return `article:${article.id}`;
}

/**
 * Turns one ingest change into an announcement: decides from the store whether the article is new,
 * an update of one already seen, or unchanged (an unchanged re-read announces nothing, and a
 * changed file is an update, not a new story); when any subscription's topic matches, logs the
 * update for digests and enqueues the post, as JSON, for every matching every-update subscription.
 * A new article's post leaves out what each channel was already told (see `groupByTold`): one
 * post per group of channels told the same, while the log keeps the post for a reader told nothing.
 *
 * Crash-safe without a transaction across steps: each write is idempotent by the update key, and
 * the article's version is recorded last. A crash before that leaves the article "not yet
 * announced", so the next time it is seen (a restart re-reads every seed, a feed's next poll) the
 * same steps run again and only fill in what is missing; after it, everything was done. Either
 * way each channel gets one outbox row, and the log one entry.
 */
export async function announceChange(change: ArticleChange, options: AnnounceOptions): Promise<Announcement> {
  if (change.kind === 'removed') return { change: 'withdrawn', updateKey: null, enqueued: 0 };
  const { store, corpus } = options;
  const { article } = change;
  const updateKey = updateKeyOf(article);
  const seen = await store.getArticleVersion(ARTICLE_NAMESPACE, change.origin);
  if (seen?.contentHash === article.id) return { change: 'unchanged', updateKey, enqueued: 0 };

  // The store's verdict wins over the source's: a file changed while the bot was down is an update,
  // and an update of an article the store never saw is, to the channels, a new story.
  const kind = seen === null ? 'new' : 'updated';
  const postChange: PostableChange =
    kind === 'new'
      ? { kind: 'added', origin: change.origin, article }
      : { kind: 'updated', origin: change.origin, previousArticleId: previousIdOf(change), article };
  const subscriptions = await store.listActiveSubscriptions();
  // Read only when some channel follows the story: a stored article's text is a read from the
  // store, which a first start's catch-up made for each of its articles with no channel to tell.
  const searchable = subscriptions.length > 0 ? `${article.title}\n${article.text}` : '';
  const interested = subscriptions.filter((subscription) => matchesTopic(subscription.topic, searchable));
  // No channel follows this (a first start, or a topic nobody asked for): nothing to post or to
  // gather into a digest later, since digests only gather what came after their subscription.
  if (interested.length === 0) {
    await store.recordArticleVersion(ARTICLE_NAMESPACE, change.origin, article.id);
    return { change: kind, updateKey, enqueued: 0 };
  }
  // The same wire story from another outlet: announced once. A copy of a story already announced
  // is recorded and not posted; the first report of a story whose copies are all still to be
  // announced (they arrived together) is posted naming them, and they are not posted after it.
  const copies = kind === 'new' ? wireCopies(article, neighbours(corpus, article)) : [];
  for (const copy of copies) {
    const announced = await store.getArticleVersion(ARTICLE_NAMESPACE, copy.origin);
    if (announced?.contentHash === copy.id) {
      await store.recordArticleVersion(ARTICLE_NAMESPACE, change.origin, article.id);
      return { change: kind, updateKey, enqueued: 0, copyOf: copy.id };
    }
  }
  const alsoReportedBy = otherOutlets(article, copies);
  const post = prepareUpdatePost(postChange, corpus, options.previous, alsoReportedBy);
  // The log keeps the post for a reader told nothing: digests gather it alongside other updates.
  const payload = JSON.stringify(post.build());
  const every = interested.filter((subscription) => subscription.mode === 'every');
  // A new article's post says what is new to each channel, so channels told different earlier
  // articles get different posts (one per group); an update is told against its previous version.
  // This update is never among what a channel was told, so a rerun after a crash (which finds it
  // logged) groups the channels as the first run did, and enqueue fills in only missing rows.
  const groups: ToldGroup[] =
    kind === 'new'
      ? await groupByTold({ store, corpus, subscriptions: every, updateKey, now: (options.now ?? wallClock)() })
      : [{ told: [], targets: every.map(targetOf) }];
  await store.logUpdate({
    updateKey,
    articleId: article.id,
    origin: change.origin,
    kind,
    title: article.title,
    searchText: searchable,
    payload,
  });
  let enqueued = 0;
  for (const group of groups) {
    if (group.targets.length === 0) continue;
    const groupPayload = group.told.length > 0 ? JSON.stringify(post.build(group.told)) : payload;
    enqueued += await store.enqueue(updateKey, group.targets, { payload: groupPayload });
  }
  await store.recordArticleVersion(ARTICLE_NAMESPACE, change.origin, article.id);
  return { change: kind, updateKey, enqueued };
}

function wallClock(): Date {
  return new Date();
}

function previousIdOf(change: PostableChange): string {
  return change.kind === 'updated' ? change.previousArticleId : change.article.id;
}
