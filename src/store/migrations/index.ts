import { subscriptionsArticlesOutbox } from './001-subscriptions-articles-outbox.js';
import { feedsUpdateLogDigestsTokens } from './002-feeds-update-log-digests-tokens.js';
import { feedArticles } from './003-feed-articles.js';
import { storedArticles } from './004-stored-articles.js';
import { leasesCorpusChanges } from './005-leases-corpus-changes.js';
import { compactCorpusChanges } from './006-compact-corpus-changes.js';
import type { Migration } from './migration.js';

export { CREATE_SCHEMA_MIGRATIONS, type Migration } from './migration.js';

/** Every migration, in the order they are applied. */
export const MIGRATIONS: readonly Migration[] = [
  subscriptionsArticlesOutbox,
  feedsUpdateLogDigestsTokens,
  feedArticles,
  storedArticles,
  leasesCorpusChanges,
  compactCorpusChanges,
];
