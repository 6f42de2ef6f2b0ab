import type { FeedControl } from '../../src/ingest/feed-manager.js';
import { type FeedStatus, unreadFeedStatus } from '../../src/ingest/feed-poller.js';

/**
 * A poller that only keeps the list of feeds it was given, as the real one reports them before its
 * first read, and counts the reads asked of it (`soon`).
 */
export function listingPoller(): FeedControl & { soon: number } {
  const urls = new Set<string>();
  const poller = {
    soon: 0,
    addFeed: (url: string) => void urls.add(url),
    removeFeed: async (url: string) => urls.delete(url),
    pollSoon: () => {
      poller.soon += 1;
    },
    status: (): FeedStatus[] => [...urls].map(unreadFeedStatus),
  };
  return poller;
}
