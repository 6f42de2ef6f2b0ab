import type { Article } from '../articles/types.js';
import type { Corpus } from '../corpus/corpus.js';
import { targetOf } from './delivery-target.js';
import type { DeliveryTarget } from './outbox.js';
import type { Subscription } from './subscription.js';
import { matchesTopic } from './topic-filter.js';
import type { LoggedUpdate, UpdateLog } from './update-log.js';

/** A post compares with at most this many earlier updates: enough for a story's recent run, cheap per announcement. */
export const MAX_TOLD_UPDATES = 200;
/** Facts older than a week are worth repeating to a channel; it also bounds the log read per announcement. */
export const TOLD_WINDOW_DAYS = 7;
const MS_PER_DAY = 86_400_000;

/** Channels told the same articles about the story: they get the same post. */
export interface ToldGroup {
  /** The articles the channels were sent, oldest first; empty when none (or none still in the corpus). */
  told: Article[];
  targets: DeliveryTarget[];
}

export interface ToldGroupOptions {
  store: UpdateLog;
  corpus: Corpus;
  /** The every-update subscriptions the new article goes to. */
  subscriptions: readonly Subscription[];
  /** The update being announced: never counted as told, even when a crashed run already logged it. */
  updateKey: string;
  now: Date;
}

/**
 * Groups the channels an update goes to by what each was already told about the story: the
 * updates logged since its subscription was created (within the window above) that its topic
 * matches, as articles still in the corpus. One log read for all of them; a channel with several
 * subscriptions was told what any of them matched. Channels subscribed together with the same
 * topic land in one group, so a thousand of them cost one post.
 */
export async function groupByTold(options: ToldGroupOptions): Promise<ToldGroup[]> {
  const { store, corpus, subscriptions, updateKey } = options;
  if (subscriptions.length === 0) return [];
  const earliest = subscriptions.reduce(
    (min, subscription) => Math.min(min, subscription.createdAt.getTime()),
    Infinity,
  );
  const since = Math.max(earliest, options.now.getTime() - TOLD_WINDOW_DAYS * MS_PER_DAY);
  // One more than the bound, since this update may be among them (logged by a run that crashed).
  const updates = (await store.listLatestUpdates(new Date(since), MAX_TOLD_UPDATES + 1))
    .filter((update) => update.updateKey !== updateKey)
    .slice(-MAX_TOLD_UPDATES);
  const articles = updates.map((update) => corpus.get(update.articleId));

  // Which updates each topic matches, worked out once per distinct topic, not once per channel.
  const matchesByTopic = new Map<string | null, boolean[]>();
  const matchesOf = (topic: string | null): boolean[] => {
    let matches = matchesByTopic.get(topic);
    if (!matches) {
      matches = updates.map((update, i) => articles[i] !== undefined && matchesTopic(topic, update.searchText));
      matchesByTopic.set(topic, matches);
    }
    return matches;
  };

  const channels = new Map<string, { told: Set<number>; targets: DeliveryTarget[] }>();
  for (const subscription of subscriptions) {
    const channelKey = `${subscription.guildId}/${subscription.channelId}`;
    let channel = channels.get(channelKey);
    if (!channel) {
      channel = { told: new Set(), targets: [] };
      channels.set(channelKey, channel);
    }
    channel.targets.push(targetOf(subscription));
    const matches = matchesOf(subscription.topic);
    const after = firstAfter(updates, subscription.createdAt.getTime());
    for (let i = after; i < updates.length; i++) if (matches[i]) channel.told.add(i);
  }

  const groups = new Map<string, ToldGroup>();
  for (const channel of channels.values()) {
    const indexes = [...channel.told].sort((a, b) => a - b);
    const key = indexes.join(',');
    let group = groups.get(key);
    if (!group) {
      group = { told: indexes.map((i) => articles[i]!), targets: [] };
      groups.set(key, group);
    }
    group.targets.push(...channel.targets);
  }
  return [...groups.values()];
}

/**
 * The index of the first update logged after `at` (the log is oldest first; "after", as
 * `listUpdatesSince` reads it, so an update logged the same millisecond counts as before).
 */
function firstAfter(updates: readonly LoggedUpdate[], at: number): number {
  let low = 0;
  let high = updates.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (updates[mid]!.announcedAt.getTime() > at) high = mid;
    else low = mid + 1;
  }
  return low;
}
