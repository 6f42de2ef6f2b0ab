import type { ArticleStore } from '../corpus/article-store.js';
import type { FeedStore } from '../ingest/feed-records.js';
import type { Leases } from '../ingest/lease.js';
import type { TokenLedger } from '../llm/budget.js';
import type { ArticleVersions } from '../subscriptions/article-versions.js';
import type { OutboxStore } from '../subscriptions/outbox.js';
import type { SubscriptionStore } from '../subscriptions/subscription.js';
import type { UpdateLog } from '../subscriptions/update-log.js';

/**
 * What Newsdesk keeps between restarts, in one database (SQLite by default, PostgreSQL with
 * DATABASE_URL): each service owns its records and the port it needs (subscriptions, outbox,
 * update log, article versions, feeds, the model's token ledger, stored articles, leases), and the stores
 * in this folder implement them all. Every operation is async so SQLite and PostgreSQL fit the
 * same interface.
 */
export interface Store
  extends SubscriptionStore,
    OutboxStore,
    UpdateLog,
    ArticleVersions,
    FeedStore,
    TokenLedger,
    Leases {
  /** Articles and their analysis, kept across restarts (src/corpus/article-store.ts). */
  readonly articles: ArticleStore;

  /**
   * Proves the store can be written now, leaving no trace (a write that matches no row), and for
   * SQLite that the file open is still the one at its path (not deleted or replaced). Throws when
   * it cannot; see `isStoreUnavailable`.
   */
  probe(): Promise<void>;

  /** Versions of the schema migrations applied, ascending. */
  migrationVersions(): Promise<number[]>;
  close(): Promise<void>;
}
