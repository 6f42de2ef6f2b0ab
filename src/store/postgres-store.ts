import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Clock } from '../clock.js';
import type { AddedFeed, Feed, FeedArticle, NewFeed, NewFeedArticle } from '../ingest/feed-records.js';
import { checkDay, checkTokens } from '../llm/token-day.js';
import type { Logger } from '../logger.js';
import type { ArticleVersion, SeenArticle } from '../subscriptions/article-versions.js';
import { checkNewSubscription } from '../subscriptions/new-subscription.js';
import {
  DEFAULT_OUTBOX_PAGE,
  type DeliveryTarget,
  type EnqueueOptions,
  type ListOutboxOptions,
  type OutboxRow,
  type OutboxStatus,
  type RetryAt,
} from '../subscriptions/outbox.js';
import type { NewSubscription, Subscription } from '../subscriptions/subscription.js';
import type { LoggedUpdate, NewLoggedUpdate } from '../subscriptions/update-log.js';
import { idempotencyKey } from './idempotency-key.js';
import { CREATE_SCHEMA_MIGRATIONS, MIGRATIONS, type Migration } from './migrations/index.js';
import { PostgresArticleStore } from './postgres-article-store.js';
import { inTransaction } from './postgres-transaction.js';
import {
  byDueThenId,
  type FeedArticleRecord,
  type FeedRecord,
  type OutboxRecord,
  type SubscriptionRecord,
  toFeed,
  toFeedArticle,
  toLoggedUpdate,
  toOutboxRow,
  toSubscription,
  type UpdateRecord,
} from './rows.js';
import type { Store } from './types.js';

/** Serialises migrations between processes starting at once (any constant; "nwsdsk" in ASCII). */
export const MIGRATION_LOCK_KEY = 0x6e77_7364_736b;
/** Fail fast at start-up rather than hang when the server is unreachable. */
export const CONNECT_TIMEOUT_MS = 5_000;

export interface PostgresStoreOptions {
  /** Anything pg.Pool accepts: `connectionString`, `max`, `options: '-c search_path=…'`. */
  pool: pg.PoolConfig;
  now?: Clock;
  /** Told when an idle connection breaks (e.g. the server restarted); the pool reconnects by itself. */
  logger?: Pick<Logger, 'warn'> | undefined;
  /** The migrations to bring the database up to; all of them unless a test is checking an upgrade. */
  migrations?: readonly Migration[];
}

// FOR UPDATE SKIP LOCKED: a row another transaction is leasing is passed over, not waited for, so
// concurrent workers take disjoint rows. https://www.postgresql.org/docs/current/sql-select.html#SQL-FOR-UPDATE-SHARE
const CLAIM = `
  WITH due AS (
    SELECT o.id FROM outbox o
    WHERE o.status = 'pending' AND o.next_attempt_at <= $2
      AND (o.lease_expires_at IS NULL OR o.lease_expires_at <= $2)
      AND NOT EXISTS (SELECT 1 FROM subscriptions s WHERE s.id = o.subscription_id AND s.paused)
    ORDER BY o.next_attempt_at, o.id
    LIMIT $4
    FOR UPDATE OF o SKIP LOCKED
  )
  UPDATE outbox
  SET claimed_by = $1, lease_expires_at = $3, attempts = outbox.attempts + 1, updated_at = $2
  FROM due WHERE outbox.id = due.id
  RETURNING outbox.*`;

// Inserted rows start at version 1; a changed hash bumps the version; an unchanged one returns no
// row. The upsert takes the row lock, so of two processes seeing a new article one gets version 1.
const RECORD_ARTICLE = `
  INSERT INTO articles_seen (origin, article_id, content_hash, version, first_seen_at, last_changed_at)
  VALUES ($1, $2, $3, 1, $4, $4)
  ON CONFLICT (origin, article_id) DO UPDATE
    SET content_hash = excluded.content_hash, version = articles_seen.version + 1, last_changed_at = excluded.last_changed_at
    WHERE articles_seen.content_hash <> excluded.content_hash
  RETURNING version`;

// A free or expired lease is taken, one's own renewed, anyone else's left alone (no row returned).
// The upsert takes the row lock and re-checks the condition on the latest row, so of two processes
// reaching for one lease at once exactly one gets it.
const ACQUIRE_LEASE = `
  INSERT INTO leases (name, holder, expires_at) VALUES ($1, $2, $4)
  ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
    WHERE leases.holder = excluded.holder OR leases.expires_at <= $3
  RETURNING holder`;

/** One statement: a feed article saved again (a changed item) replaces the one saved before. */
const SAVE_FEED_ARTICLE = `
  INSERT INTO feed_articles (origin, feed_url, fingerprint, article_origin, title, date, source, url, author, text, updated_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
  ON CONFLICT (origin) DO UPDATE SET
    feed_url = excluded.feed_url, fingerprint = excluded.fingerprint, article_origin = excluded.article_origin,
    title = excluded.title, date = excluded.date, source = excluded.source, url = excluded.url,
    author = excluded.author, text = excluded.text, updated_at = excluded.updated_at`;

/**
 * Subscriptions and the delivery outbox on PostgreSQL, shared by every bot process (shards, machines).
 * One class, method for method with `Store` and with the SQLite back-end, so the two read side by side.
 */
export class PostgresStore implements Store {
  readonly articles: PostgresArticleStore;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly now: Clock,
  ) {
    this.articles = new PostgresArticleStore(pool);
  }

  /** Connects and brings the schema up to date. */
  static async open(options: PostgresStoreOptions): Promise<PostgresStore> {
    const pool = new pg.Pool({ connectionTimeoutMillis: CONNECT_TIMEOUT_MS, ...options.pool });
    // An idle client's connection can drop (server restart); without a listener that error would
    // crash the process. https://node-postgres.com/apis/pool#error
    pool.on('error', (err) => options.logger?.warn({ err }, 'idle PostgreSQL connection lost'));
    try {
      await migrate(pool, options.migrations ?? MIGRATIONS);
    } catch (err) {
      await pool.end();
      throw err;
    }
    return new PostgresStore(pool, options.now ?? (() => new Date()));
  }

  async addSubscription(subscription: NewSubscription): Promise<Subscription> {
    const digest = checkNewSubscription(subscription);
    const { rows } = await this.pool.query<SubscriptionRecord>(
      `INSERT INTO subscriptions (id, guild_id, channel_id, topic, mode, digest_time, digest_time_zone, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       RETURNING *`,
      [
        randomUUID(),
        subscription.guildId,
        subscription.channelId,
        subscription.topic ?? null,
        subscription.mode,
        digest?.time ?? null,
        digest?.timeZone ?? null,
        subscription.createdBy,
        this.now(),
      ],
    );
    return toSubscription(rows[0]!);
  }

  async removeSubscription(guildId: string, id: string): Promise<boolean> {
    return this.transaction(async (client) => {
      const { rowCount } = await client.query('DELETE FROM subscriptions WHERE id = $1 AND guild_id = $2', [
        id,
        guildId,
      ]);
      if (!rowCount) return false;
      await client.query(
        `UPDATE outbox SET status = 'skipped', reason = 'unsubscribed', claimed_by = NULL, lease_expires_at = NULL, updated_at = $1
         WHERE subscription_id = $2 AND status = 'pending'`,
        [this.now(), id],
      );
      return true;
    });
  }

  async listSubscriptions(guildId: string): Promise<Subscription[]> {
    const { rows } = await this.pool.query<SubscriptionRecord>(
      'SELECT * FROM subscriptions WHERE guild_id = $1 ORDER BY created_at, id',
      [guildId],
    );
    return rows.map(toSubscription);
  }

  async listActiveSubscriptions(): Promise<Subscription[]> {
    const { rows } = await this.pool.query<SubscriptionRecord>(
      'SELECT * FROM subscriptions WHERE NOT paused ORDER BY created_at, id',
    );
    return rows.map(toSubscription);
  }

  async getSubscription(id: string): Promise<Subscription | null> {
    const { rows } = await this.pool.query<SubscriptionRecord>('SELECT * FROM subscriptions WHERE id = $1', [id]);
    return rows[0] ? toSubscription(rows[0]) : null;
  }

  async pauseSubscription(id: string, reason: string): Promise<void> {
    await this.pool.query('UPDATE subscriptions SET paused = TRUE, paused_reason = $1 WHERE id = $2', [reason, id]);
  }

  async resumeSubscription(id: string): Promise<void> {
    await this.pool.query('UPDATE subscriptions SET paused = FALSE, paused_reason = NULL WHERE id = $1', [id]);
  }

  async markDigested(subscriptionId: string, at: Date): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `UPDATE subscriptions SET last_digest_at = $2
       WHERE id = $1 AND (last_digest_at IS NULL OR last_digest_at < $2)`,
      [subscriptionId, at],
    );
    return Boolean(rowCount);
  }

  async addFeed(feed: NewFeed): Promise<AddedFeed> {
    // Two statements on purpose: one (a CTE and a UNION) reads a snapshot taken before a concurrent
    // insert of the same URL committed, and finds nothing. The INSERT waits for that transaction;
    // the SELECT after it takes a new snapshot and finds its row.
    const inserted = await this.pool.query<FeedRecord>(
      `INSERT INTO feeds (url, guild_id, added_by, added_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (url) DO NOTHING RETURNING *`,
      [feed.url, feed.guildId, feed.addedBy, this.now()],
    );
    if (inserted.rows[0]) return { feed: toFeed(inserted.rows[0]), added: true };
    const existing = await this.pool.query<FeedRecord>('SELECT * FROM feeds WHERE url = $1', [feed.url]);
    return { feed: toFeed(existing.rows[0]!), added: false };
  }

  async removeFeed(url: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('DELETE FROM feeds WHERE url = $1', [url]);
    return Boolean(rowCount);
  }

  async listFeeds(): Promise<Feed[]> {
    const { rows } = await this.pool.query<FeedRecord>('SELECT * FROM feeds ORDER BY added_at, url');
    return rows.map(toFeed);
  }

  async saveFeedArticle(article: NewFeedArticle): Promise<void> {
    await this.pool.query(SAVE_FEED_ARTICLE, [
      article.origin,
      article.feedUrl,
      article.fingerprint,
      article.articleOrigin,
      article.title,
      article.date,
      article.source,
      article.url,
      article.author,
      article.text,
      this.now(),
    ]);
  }

  async removeFeedArticle(origin: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('DELETE FROM feed_articles WHERE origin = $1', [origin]);
    return Boolean(rowCount);
  }

  async listFeedArticles(feedUrl?: string): Promise<FeedArticle[]> {
    const { rows } = await this.pool.query<FeedArticleRecord>(
      'SELECT * FROM feed_articles WHERE $1::text IS NULL OR feed_url = $1 ORDER BY updated_at, origin',
      [feedUrl ?? null],
    );
    return rows.map(toFeedArticle);
  }

  async getArticleVersion(origin: string, articleId: string): Promise<SeenArticle | null> {
    const { rows } = await this.pool.query<{ content_hash: string; version: number }>(
      'SELECT content_hash, version FROM articles_seen WHERE origin = $1 AND article_id = $2',
      [origin, articleId],
    );
    return rows[0] ? { contentHash: rows[0].content_hash, version: rows[0].version } : null;
  }

  async recordArticleVersion(origin: string, articleId: string, contentHash: string): Promise<ArticleVersion> {
    const changed = await this.pool.query<{ version: number }>(RECORD_ARTICLE, [
      origin,
      articleId,
      contentHash,
      this.now(),
    ]);
    const version = changed.rows[0]?.version;
    if (version !== undefined) return { change: version === 1 ? 'new' : 'updated', version };
    const seen = await this.pool.query<{ version: number }>(
      'SELECT version FROM articles_seen WHERE origin = $1 AND article_id = $2',
      [origin, articleId],
    );
    return { change: 'unchanged', version: seen.rows[0]!.version };
  }

  async logUpdate(update: NewLoggedUpdate): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `INSERT INTO update_log (update_key, article_id, origin, kind, title, search_text, payload, announced_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (update_key) DO NOTHING`,
      [
        update.updateKey,
        update.articleId,
        update.origin,
        update.kind,
        update.title,
        update.searchText,
        update.payload,
        this.now(),
      ],
    );
    return Boolean(rowCount);
  }

  async listUpdatesSince(since: Date, until?: Date): Promise<LoggedUpdate[]> {
    const { rows } = await this.pool.query<UpdateRecord>(
      `SELECT * FROM update_log WHERE announced_at > $1 AND ($2::timestamptz IS NULL OR announced_at <= $2)
       ORDER BY announced_at, id`,
      [since, until ?? null],
    );
    return rows.map(toLoggedUpdate);
  }

  async listLatestUpdates(since: Date, limit: number): Promise<LoggedUpdate[]> {
    const { rows } = await this.pool.query<UpdateRecord>(
      `SELECT * FROM update_log WHERE announced_at > $1 ORDER BY announced_at DESC, id DESC LIMIT $2`,
      [since, limit],
    );
    return rows.reverse().map(toLoggedUpdate);
  }

  async enqueue(updateKey: string, targets: readonly DeliveryTarget[], options: EnqueueOptions = {}): Promise<number> {
    if (targets.length === 0) return 0;
    // One statement for the whole fan-out: the columns go in as arrays and come out as rows.
    // ON CONFLICT names no constraint on purpose: the idempotency key is unique too, and when two
    // processes insert the same (update, channel) at once, the loser can trip on that index first;
    // an arbiter of (update_key, channel_id) alone would let that surface as a unique violation.
    const { rowCount } = await this.pool.query(
      `INSERT INTO outbox (update_key, guild_id, channel_id, subscription_id, payload, status, next_attempt_at,
                           idempotency_key, created_at, updated_at)
       SELECT $1::text, t.guild_id, t.channel_id, t.subscription_id, $2::text, 'pending', $3::timestamptz, t.key, $3, $3
       FROM unnest($4::text[], $5::text[], $6::text[], $7::text[]) AS t(guild_id, channel_id, subscription_id, key)
       ON CONFLICT DO NOTHING`,
      [
        updateKey,
        options.payload ?? null,
        this.now(),
        targets.map((target) => target.guildId),
        targets.map((target) => target.channelId),
        targets.map((target) => target.subscriptionId ?? null),
        targets.map((target) => idempotencyKey(updateKey, target.channelId)),
      ],
    );
    return rowCount ?? 0;
  }

  async claim(workerId: string, limit: number, leaseMs: number): Promise<OutboxRow[]> {
    const now = this.now();
    const { rows } = await this.pool.query<OutboxRecord>(CLAIM, [
      workerId,
      now,
      new Date(now.getTime() + leaseMs),
      limit,
    ]);
    return rows.map(toOutboxRow).sort(byDueThenId);
  }

  async acquireLease(name: string, holder: string, ttlMs: number): Promise<boolean> {
    const now = this.now();
    const { rowCount } = await this.pool.query(ACQUIRE_LEASE, [name, holder, now, new Date(now.getTime() + ttlMs)]);
    return rowCount === 1;
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    await this.pool.query('DELETE FROM leases WHERE name = $1 AND holder = $2', [name, holder]);
  }

  async leaseHolder(name: string): Promise<string | null> {
    const { rows } = await this.pool.query<{ holder: string }>(
      'SELECT holder FROM leases WHERE name = $1 AND expires_at > $2',
      [name, this.now()],
    );
    return rows[0]?.holder ?? null;
  }

  async releaseClaims(workerId: string): Promise<number> {
    const { rowCount } = await this.pool.query(
      `UPDATE outbox SET claimed_by = NULL, lease_expires_at = NULL, updated_at = $1
       WHERE claimed_by = $2 AND status = 'pending'`,
      [this.now(), workerId],
    );
    return rowCount ?? 0;
  }

  async markSent(id: number, messageId: string): Promise<void> {
    await this.transaction(async (client) => {
      const now = this.now();
      await client.query(
        `UPDATE outbox SET status = 'sent', sent_message_id = $1, reason = NULL, claimed_by = NULL,
                           lease_expires_at = NULL, updated_at = $2
         WHERE id = $3`,
        [messageId, now, id],
      );
      await client.query(
        'UPDATE subscriptions SET last_delivery_at = $1 WHERE id = (SELECT subscription_id FROM outbox WHERE id = $2)',
        [now, id],
      );
    });
  }

  async markFailed(id: number, reason: string, retryAt: RetryAt): Promise<void> {
    const permanent = retryAt === 'permanent';
    await this.transaction(async (client) => {
      const now = this.now();
      await client.query(
        `UPDATE outbox SET status = $1, reason = $2, next_attempt_at = COALESCE($3, next_attempt_at), claimed_by = NULL,
                           lease_expires_at = NULL, updated_at = $4
         WHERE id = $5`,
        [permanent ? 'failed' : 'pending', reason, permanent ? null : retryAt, now, id],
      );
      await client.query(
        `UPDATE subscriptions
         SET last_failure_at = $1, last_failure_reason = $2,
             paused = paused OR $3, paused_reason = CASE WHEN $3 THEN $2 ELSE paused_reason END
         WHERE id = (SELECT subscription_id FROM outbox WHERE id = $4)`,
        [now, reason, permanent, id],
      );
    });
  }

  async markSkipped(id: number, reason: string): Promise<void> {
    await this.pool.query(
      `UPDATE outbox SET status = 'skipped', reason = $1, claimed_by = NULL, lease_expires_at = NULL, updated_at = $2
       WHERE id = $3`,
      [reason, this.now(), id],
    );
  }

  async listOutbox(guildId: string, options: ListOutboxOptions = {}): Promise<OutboxRow[]> {
    const { rows } = await this.pool.query<OutboxRecord>(
      `SELECT * FROM outbox WHERE guild_id = $1 AND ($2::text IS NULL OR status = $2)
       ORDER BY created_at DESC, id DESC LIMIT $3`,
      [guildId, options.status ?? null, options.limit ?? DEFAULT_OUTBOX_PAGE],
    );
    return rows.map(toOutboxRow);
  }

  async countOutbox(guildId: string, status: OutboxStatus): Promise<number> {
    // COUNT(*) is a bigint, which node-postgres returns as text.
    const { rows } = await this.pool.query<{ count: string }>(
      'SELECT COUNT(*) AS count FROM outbox WHERE guild_id = $1 AND status = $2',
      [guildId, status],
    );
    return Number(rows[0]!.count);
  }

  async addTokens(guildId: string, day: string, tokens: number): Promise<number> {
    // The upsert locks the day's row, so concurrent additions from any process queue up and all count.
    const { rows } = await this.pool.query<{ tokens: string }>(
      `INSERT INTO llm_tokens (guild_id, day, tokens) VALUES ($1, $2, $3)
       ON CONFLICT (guild_id, day) DO UPDATE SET tokens = llm_tokens.tokens + excluded.tokens
       RETURNING tokens`,
      [guildId, checkDay(day), checkTokens(tokens)],
    );
    return Number(rows[0]!.tokens);
  }

  async reserveTokens(guildId: string, day: string, tokens: number, limit: number): Promise<number | null> {
    // One statement: the upsert locks the day's row and re-reads it before the WHERE, so reservations
    // from any number of processes queue on the row and none passes the limit.
    const { rows } = await this.pool.query<{ tokens: string }>(
      `INSERT INTO llm_tokens (guild_id, day, tokens)
       SELECT $1, $2, $3::bigint WHERE $3::bigint <= $4::bigint
       ON CONFLICT (guild_id, day) DO UPDATE SET tokens = llm_tokens.tokens + excluded.tokens
       WHERE llm_tokens.tokens + excluded.tokens <= $4::bigint
       RETURNING tokens`,
      [guildId, checkDay(day), checkTokens(tokens), checkTokens(limit)],
    );
    return rows[0] ? Number(rows[0].tokens) : null;
  }

  async refundTokens(guildId: string, day: string, tokens: number): Promise<number> {
    const { rows } = await this.pool.query<{ tokens: string }>(
      'UPDATE llm_tokens SET tokens = GREATEST(0, tokens - $1::bigint) WHERE guild_id = $2 AND day = $3 RETURNING tokens',
      [checkTokens(tokens), guildId, checkDay(day)],
    );
    return rows[0] ? Number(rows[0].tokens) : 0;
  }

  async tokensUsed(guildId: string, day: string): Promise<number> {
    const { rows } = await this.pool.query<{ tokens: string }>(
      'SELECT tokens FROM llm_tokens WHERE guild_id = $1 AND day = $2',
      [guildId, checkDay(day)],
    );
    return rows[0] ? Number(rows[0].tokens) : 0;
  }

  async probe(): Promise<void> {
    // A write that touches nothing still needs a connection and a writable transaction (a
    // read-only replica or default_transaction_read_only refuses it).
    await this.pool.query('UPDATE schema_migrations SET version = version WHERE false');
  }

  async migrationVersions(): Promise<number[]> {
    const { rows } = await this.pool.query<{ version: number }>(
      'SELECT version FROM schema_migrations ORDER BY version',
    );
    return rows.map((row) => row.version);
  }

  async close(): Promise<void> {
    if (!this.pool.ended) await this.pool.end();
  }

  private transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, work);
  }
}

/**
 * Applies each migration not yet recorded, each in its own transaction. A transaction-scoped
 * advisory lock makes processes starting together take turns, so each migration runs once.
 * https://www.postgresql.org/docs/current/explicit-locking.html#ADVISORY-LOCKS
 */
async function migrate(pool: pg.Pool, migrations: readonly Migration[]): Promise<void> {
  for (const migration of migrations) {
    await inTransaction(pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      await client.query(CREATE_SCHEMA_MIGRATIONS);
      const applied = await client.query('SELECT 1 FROM schema_migrations WHERE version = $1', [migration.version]);
      if (applied.rowCount) return;
      await client.query(migration.postgres);
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        new Date().toISOString(),
      ]);
    });
  }
}
