import type { Article } from '../articles/types.js';
import type { Corpus } from '../corpus/corpus.js';
import type { ArticleChange } from '../ingest/article-change.js';
import type { DeliveryTarget, Store } from '../store/types.js';
import { matchesTopic } from './topic-filter.js';
import { buildUpdatePost, type PostableChange } from './update-post.js';

/** The store's `origin` for every article Newsdesk ingests; the article key is the ingest origin. */
export const ARTICLE_NAMESPACE = 'ingest';

export interface AnnounceOptions {
  store: Store;
  /** The corpus with the change already applied. */
  corpus: Corpus;
  /** For an update: the version channels were told about (take it from the corpus before applying). */
  previous?: Article | undefined;
}

export interface Announcement {
  /** What the store made of the article; `withdrawn` for a removal, which is never posted. */
  change: 'new' | 'updated' | 'unchanged' | 'withdrawn';
  updateKey: string | null;
  /** Outbox rows created (0 when every matching channel already has this update). */
  enqueued: number;
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
 * Turns one ingest change into outbox rows: records the article's content hash (so an unchanged
 * re-read announces nothing, and a changed file is an update, not a new story), then enqueues the
 * post, as JSON, for every active every-update subscription whose topic the article matches.
 */
export async function announceChange(change: ArticleChange, options: AnnounceOptions): Promise<Announcement> {
  if (change.kind === 'removed') return { change: 'withdrawn', updateKey: null, enqueued: 0 };
  const { store, corpus } = options;
  const { article } = change;
  const version = await store.recordArticleVersion(ARTICLE_NAMESPACE, change.origin, article.id);
  const updateKey = updateKeyOf(article);
  if (version.change === 'unchanged') return { change: 'unchanged', updateKey, enqueued: 0 };

  const searchable = `${article.title}\n${article.text}`;
  const targets: DeliveryTarget[] = (await store.listActiveSubscriptions())
    .filter((subscription) => subscription.mode === 'every' && matchesTopic(subscription.topic, searchable))
    .map((subscription) => ({
      guildId: subscription.guildId,
      channelId: subscription.channelId,
      subscriptionId: subscription.id,
    }));
  if (targets.length === 0) return { change: version.change, updateKey, enqueued: 0 };

  // The store's verdict wins over the source's: a file changed while the bot was down is an update,
  // and an update of an article the store never saw is, to the channels, a new story.
  const postChange: PostableChange =
    version.change === 'new'
      ? { kind: 'added', origin: change.origin, article }
      : { kind: 'updated', origin: change.origin, previousArticleId: previousIdOf(change), article };
  const post = buildUpdatePost(postChange, corpus, options.previous);
  const enqueued = await store.enqueue(updateKey, targets, { payload: JSON.stringify(post) });
  return { change: version.change, updateKey, enqueued };
}

function previousIdOf(change: PostableChange): string {
  return change.kind === 'updated' ? change.previousArticleId : change.article.id;
}
