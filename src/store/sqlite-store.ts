import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Clock } from '../clock.js';
import type { AddedFeed, Feed, FeedArticle, NewFeed, NewFeedArticle } from '../ingest/feed-records.js';
import { checkDay, checkTokens } from '../llm/token-day.js';
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
import { SqliteArticleStore } from './sqlite-article-store.js';
import { StoreUnavailableError } from './store-errors.js';
import type { Store } from './types.js';

/**
 * How long a connection waits for another connection's write lock before giving up. Several
 * processes can share the file; SQLite lets one write at a time. https://sqlite.org/wal.html
 */
export const SQLITE_BUSY_TIMEOUT_MS = 5_000;
/**
 * The page cache of the store's connection, in KiB (SQLite's own default; better-sqlite3 raises it
 * to 16 MB). Articles, texts and analyses are read by id, each page rarely twice in a row, and the
 * operating system caches the file anyway: at 10k articles the larger cache filled with pages read
 * once and was ~19 MB of a warm process's peak. The passage index keeps the larger cache: its
 * searches read the same lists again and again.
 */
const PAGE_CACHE_KIB = 2000;

export interface SqliteStoreOptions {
  now?: Clock;
  /** The migrations to bring the file up to; all of them unless a test is checking an upgrade. */
  migrations?: readonly Migration[];
}

// Times are integer milliseconds (see the migration). One UPDATE … RETURNING is atomic in SQLite:
// the write lock is held for the whole statement, so two connections never lease the same row.
const CLAIM = `
  UPDATE outbox
  SET claimed_by = @workerId, lease_expires_at = @leaseUntil, attempts = attempts + 1, updated_at = @now
  WHERE id IN (
    SELECT o.id FROM outbox o
    WHERE o.status = 'pending' AND o.next_attempt_at <= @now
      AND (o.lease_expires_at IS NULL OR o.lease_expires_at <= @now)
      AND NOT EXISTS (SELECT 1 FROM subscriptions s WHERE s.id = o.subscription_id AND s.paused = 1)
    ORDER BY o.next_attempt_at, o.id
    LIMIT @limit
  )
  RETURNING *`;

// Inserted rows start at version 1; a changed hash bumps the version; an unchanged one returns no row.
const RECORD_ARTICLE = `
  INSERT INTO articles_seen (origin, article_id, content_hash, version, first_seen_at, last_changed_at)
  VALUES (@origin, @articleId, @hash, 1, @now, @now)
  ON CONFLICT (origin, article_id) DO UPDATE
    SET content_hash = excluded.content_hash, version = articles_seen.version + 1, last_changed_at = excluded.last_changed_at
    WHERE articles_seen.content_hash <> excluded.content_hash
  RETURNING version`;

// A free or expired lease is taken, one's own renewed, anyone else's left alone (no row returned);
// one statement under the write lock, so of two connections exactly one gets it.
const ACQUIRE_LEASE = `
  INSERT INTO leases (name, holder, expires_at) VALUES (@name, @holder, @until)
  ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
    WHERE leases.holder = excluded.holder OR leases.expires_at <= @now
  RETURNING holder`;

/** One statement: a feed article saved again (a changed item) replaces the one saved before. */
const SAVE_FEED_ARTICLE = `
  INSERT INTO feed_articles (origin, feed_url, fingerprint, article_origin, title, date, source, url, author, text, updated_at)
  VALUES (@origin, @feedUrl, @fingerprint, @articleOrigin, @title, @date, @source, @url, @author, @text, @now)
  ON CONFLICT (origin) DO UPDATE SET
    feed_url = excluded.feed_url, fingerprint = excluded.fingerprint, article_origin = excluded.article_origin,
    title = excluded.title, date = excluded.date, source = excluded.source, url = excluded.url,
    author = excluded.author, text = excluded.text, updated_at = excluded.updated_at`;

/**
 * Subscriptions and the delivery outbox in one SQLite file (WAL), for a single machine. One class,
 * method for method with `Store` and with the PostgreSQL back-end, so the two read side by side.
 */
export class SqliteStore implements Store {
  readonly articles: SqliteArticleStore;

  private constructor(
    private readonly db: Database.Database,
    private readonly now: Clock,
    private readonly file: string,
    /** The file opened, by device and inode: a path that later names another file (or none) is noticed. */
    private readonly identity: { dev: number; ino: number },
  ) {
    this.articles = new SqliteArticleStore(db);
  }

  /** Opens (creating if needed) the database file and brings its schema up to date. */
  static async open(file: string, options: SqliteStoreOptions = {}): Promise<SqliteStore> {
    const db = new Database(file, { timeout: SQLITE_BUSY_TIMEOUT_MS });
    let identity: { dev: number; ino: number };
    try {
      db.pragma('journal_mode = WAL');
      db.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
      migrate(db, options.migrations ?? MIGRATIONS);
      const { dev, ino } = statSync(file);
      identity = { dev, ino };
    } catch (err) {
      db.close();
      throw err;
    }
    return new SqliteStore(db, options.now ?? (() => new Date()), file, identity);
  }

  async addSubscription(subscription: NewSubscription): Promise<Subscription> {
    const digest = checkNewSubscription(subscription);
    const record = this.db
      .prepare<unknown[], SubscriptionRecord>(
        `INSERT INTO subscriptions (id, guild_id, channel_id, topic, mode, digest_time, digest_time_zone, created_by, created_at)
         VALUES (@id, @guildId, @channelId, @topic, @mode, @digestTime, @digestTimeZone, @createdBy, @now)
         RETURNING *`,
      )
      .get({
        id: randomUUID(),
        guildId: subscription.guildId,
        channelId: subscription.channelId,
        topic: subscription.topic ?? null,
        mode: subscription.mode,
        digestTime: digest?.time ?? null,
        digestTimeZone: digest?.timeZone ?? null,
        createdBy: subscription.createdBy,
        now: this.millis(),
      });
    return toSubscription(record!);
  }

  async removeSubscription(guildId: string, id: string): Promise<boolean> {
    const remove = this.db.transaction(() => {
      const { changes } = this.db.prepare('DELETE FROM subscriptions WHERE id = ? AND guild_id = ?').run(id, guildId);
      if (changes === 0) return false;
      this.db
        .prepare(
          `UPDATE outbox SET status = 'skipped', reason = 'unsubscribed', claimed_by = NULL, lease_expires_at = NULL, updated_at = ?
           WHERE subscription_id = ? AND status = 'pending'`,
        )
        .run(this.millis(), id);
      return true;
    });
    return remove.immediate();
  }

  async listSubscriptions(guildId: string): Promise<Subscription[]> {
    return this.db
      .prepare<unknown[], SubscriptionRecord>('SELECT * FROM subscriptions WHERE guild_id = ? ORDER BY created_at, id')
      .all(guildId)
      .map(toSubscription);
  }

  async listActiveSubscriptions(): Promise<Subscription[]> {
    return this.db
      .prepare<unknown[], SubscriptionRecord>('SELECT * FROM subscriptions WHERE paused = 0 ORDER BY created_at, id')
      .all()
      .map(toSubscription);
  }

  async getSubscription(id: string): Promise<Subscription | null> {
    const record = this.db.prepare<unknown[], SubscriptionRecord>('SELECT * FROM subscriptions WHERE id = ?').get(id);
    return record ? toSubscription(record) : null;
  }

  async pauseSubscription(id: string, reason: string): Promise<void> {
    this.db.prepare('UPDATE subscriptions SET paused = 1, paused_reason = ? WHERE id = ?').run(reason, id);
  }

  async resumeSubscription(id: string): Promise<void> {
    this.db.prepare('UPDATE subscriptions SET paused = 0, paused_reason = NULL WHERE id = ?').run(id);
  }

  async markDigested(subscriptionId: string, at: Date): Promise<boolean> {
    const { changes } = this.db
      .prepare(
        `UPDATE subscriptions SET last_digest_at = @at
         WHERE id = @id AND (last_digest_at IS NULL OR last_digest_at < @at)`,
      )
      .run({ id: subscriptionId, at: at.getTime() });
    return changes > 0;
  }

  async addFeed(feed: NewFeed): Promise<AddedFeed> {
    const add = this.db.transaction((): AddedFeed => {
      const inserted = this.db
        .prepare<unknown[], FeedRecord>(
          `INSERT INTO feeds (url, guild_id, added_by, added_at) VALUES (@url, @guildId, @addedBy, @now)
           ON CONFLICT (url) DO NOTHING RETURNING *`,
        )
        .get({ url: feed.url, guildId: feed.guildId, addedBy: feed.addedBy, now: this.millis() });
      if (inserted) return { feed: toFeed(inserted), added: true };
      const existing = this.db.prepare<unknown[], FeedRecord>('SELECT * FROM feeds WHERE url = ?').get(feed.url);
      return { feed: toFeed(existing!), added: false };
    });
    return add.immediate();
  }

  async removeFeed(url: string): Promise<boolean> {
    return this.db.prepare('DELETE FROM feeds WHERE url = ?').run(url).changes > 0;
  }

  async listFeeds(): Promise<Feed[]> {
    return this.db.prepare<unknown[], FeedRecord>('SELECT * FROM feeds ORDER BY added_at, url').all().map(toFeed);
  }

  async saveFeedArticle(article: NewFeedArticle): Promise<void> {
    this.db.prepare(SAVE_FEED_ARTICLE).run({ ...article, now: this.millis() });
  }

  async removeFeedArticle(origin: string): Promise<boolean> {
    return this.db.prepare('DELETE FROM feed_articles WHERE origin = ?').run(origin).changes > 0;
  }

  async listFeedArticles(feedUrl?: string): Promise<FeedArticle[]> {
    return this.db
      .prepare<unknown[], FeedArticleRecord>(
        'SELECT * FROM feed_articles WHERE @feedUrl IS NULL OR feed_url = @feedUrl ORDER BY updated_at, origin',
      )
      .all({ feedUrl: feedUrl ?? null })
      .map(toFeedArticle);
  }

  async getArticleVersion(origin: string, articleId: string): Promise<SeenArticle | null> {
    const seen = this.db
      .prepare<unknown[], { content_hash: string; version: number }>(
        'SELECT content_hash, version FROM articles_seen WHERE origin = ? AND article_id = ?',
      )
      .get(origin, articleId);
    return seen ? { contentHash: seen.content_hash, version: seen.version } : null;
  }

  async recordArticleVersion(origin: string, articleId: string, contentHash: string): Promise<ArticleVersion> {
    const record = this.db.transaction(() => {
      const changed = this.db
        .prepare<unknown[], { version: number }>(RECORD_ARTICLE)
        .get({ origin, articleId, hash: contentHash, now: this.millis() });
      if (changed) return { change: changed.version === 1 ? 'new' : 'updated', version: changed.version } as const;
      const seen = this.db
        .prepare<unknown[], { version: number }>(
          'SELECT version FROM articles_seen WHERE origin = ? AND article_id = ?',
        )
        .get(origin, articleId);
      return { change: 'unchanged', version: seen!.version } as const;
    });
    return record.immediate();
  }

  async logUpdate(update: NewLoggedUpdate): Promise<boolean> {
    const { changes } = this.db
      .prepare(
        `INSERT INTO update_log (update_key, article_id, origin, kind, title, search_text, payload, announced_at)
         VALUES (@updateKey, @articleId, @origin, @kind, @title, @searchText, @payload, @now)
         ON CONFLICT (update_key) DO NOTHING`,
      )
      .run({
        updateKey: update.updateKey,
        articleId: update.articleId,
        origin: update.origin,
        kind: update.kind,
        title: update.title,
        searchText: update.searchText,
        payload: update.payload,
        now: this.millis(),
      });
    return changes > 0;
  }

  async listUpdatesSince(since: Date, until?: Date): Promise<LoggedUpdate[]> {
    return this.db
      .prepare<unknown[], UpdateRecord>(
        `SELECT * FROM update_log WHERE announced_at > @since AND (@until IS NULL OR announced_at <= @until)
         ORDER BY announced_at, id`,
      )
      .all({ since: since.getTime(), until: until?.getTime() ?? null })
      .map(toLoggedUpdate);
  }

  async listLatestUpdates(since: Date, limit: number): Promise<LoggedUpdate[]> {
    return this.db
      .prepare<unknown[], UpdateRecord>(
        `SELECT * FROM update_log WHERE announced_at > @since ORDER BY announced_at DESC, id DESC LIMIT @limit`,
      )
      .all({ since: since.getTime(), limit })
      .reverse()
      .map(toLoggedUpdate);
  }

  async enqueue(updateKey: string, targets: readonly DeliveryTarget[], options: EnqueueOptions = {}): Promise<number> {
    // Any unique conflict (the (update, channel) pair or its idempotency key) means "already queued",
    // as in the PostgreSQL store.
    const insert = this.db.prepare(
      `INSERT INTO outbox (update_key, guild_id, channel_id, subscription_id, payload, status, next_attempt_at,
                           idempotency_key, created_at, updated_at)
       VALUES (@updateKey, @guildId, @channelId, @subscriptionId, @payload, 'pending', @now, @key, @now, @now)
       ON CONFLICT DO NOTHING`,
    );
    const enqueueAll = this.db.transaction(() => {
      const now = this.millis();
      let created = 0;
      for (const target of targets) {
        created += insert.run({
          updateKey,
          guildId: target.guildId,
          channelId: target.channelId,
          subscriptionId: target.subscriptionId ?? null,
          payload: options.payload ?? null,
          key: idempotencyKey(updateKey, target.channelId),
          now,
        }).changes;
      }
      return created;
    });
    return enqueueAll.immediate();
  }

  async claim(workerId: string, limit: number, leaseMs: number): Promise<OutboxRow[]> {
    const now = this.millis();
    return this.db
      .prepare<unknown[], OutboxRecord>(CLAIM)
      .all({ workerId, limit, now, leaseUntil: now + leaseMs })
      .map(toOutboxRow)
      .sort(byDueThenId);
  }

  async acquireLease(name: string, holder: string, ttlMs: number): Promise<boolean> {
    const now = this.millis();
    return this.db.prepare(ACQUIRE_LEASE).get({ name, holder, now, until: now + ttlMs }) !== undefined;
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    this.db.prepare('DELETE FROM leases WHERE name = ? AND holder = ?').run(name, holder);
  }

  async leaseHolder(name: string): Promise<string | null> {
    const row = this.db
      .prepare('SELECT holder FROM leases WHERE name = ? AND expires_at > ?')
      .get(name, this.millis()) as { holder: string } | undefined;
    return row?.holder ?? null;
  }

  async releaseClaims(workerId: string): Promise<number> {
    const { changes } = this.db
      .prepare(
        `UPDATE outbox SET claimed_by = NULL, lease_expires_at = NULL, updated_at = ?
         WHERE claimed_by = ? AND status = 'pending'`,
      )
      .run(this.millis(), workerId);
    return changes;
  }

  async markSent(id: number, messageId: string): Promise<void> {
    const markSent = this.db.transaction(() => {
      const now = this.millis();
      this.db
        .prepare(
          `UPDATE outbox SET status = 'sent', sent_message_id = ?, reason = NULL, claimed_by = NULL,
                             lease_expires_at = NULL, updated_at = ?
           WHERE id = ?`,
        )
        .run(messageId, now, id);
      this.db
        .prepare(
          'UPDATE subscriptions SET last_delivery_at = ? WHERE id = (SELECT subscription_id FROM outbox WHERE id = ?)',
        )
        .run(now, id);
    });
    markSent.immediate();
  }

  async markFailed(id: number, reason: string, retryAt: RetryAt): Promise<void> {
    const markFailed = this.db.transaction(() => {
      const now = this.millis();
      const permanent = retryAt === 'permanent';
      this.db
        .prepare(
          `UPDATE outbox SET status = ?, reason = ?, next_attempt_at = COALESCE(?, next_attempt_at), claimed_by = NULL,
                             lease_expires_at = NULL, updated_at = ?
           WHERE id = ?`,
        )
        .run(permanent ? 'failed' : 'pending', reason, permanent ? null : retryAt.getTime(), now, id);
      this.db
        .prepare(
          `UPDATE subscriptions
           SET last_failure_at = @now, last_failure_reason = @reason,
               paused = CASE WHEN @permanent = 1 THEN 1 ELSE paused END,
               paused_reason = CASE WHEN @permanent = 1 THEN @reason ELSE paused_reason END
           WHERE id = (SELECT subscription_id FROM outbox WHERE id = @id)`,
        )
        .run({ now, reason, permanent: permanent ? 1 : 0, id });
    });
    markFailed.immediate();
  }

  async markSkipped(id: number, reason: string): Promise<void> {
    this.db
      .prepare(
        `UPDATE outbox SET status = 'skipped', reason = ?, claimed_by = NULL, lease_expires_at = NULL, updated_at = ?
         WHERE id = ?`,
      )
      .run(reason, this.millis(), id);
  }

  async listOutbox(guildId: string, options: ListOutboxOptions = {}): Promise<OutboxRow[]> {
    return this.db
      .prepare<unknown[], OutboxRecord>(
        `SELECT * FROM outbox WHERE guild_id = @guildId AND (@status IS NULL OR status = @status)
         ORDER BY created_at DESC, id DESC LIMIT @limit`,
      )
      .all({ guildId, status: options.status ?? null, limit: options.limit ?? DEFAULT_OUTBOX_PAGE })
      .map(toOutboxRow);
  }

  async countOutbox(guildId: string, status: OutboxStatus): Promise<number> {
    const row = this.db
      .prepare<unknown[], { count: number }>('SELECT COUNT(*) AS count FROM outbox WHERE guild_id = ? AND status = ?')
      .get(guildId, status);
    return row!.count;
  }

  async addTokens(guildId: string, day: string, tokens: number): Promise<number> {
    // One statement: SQLite holds the write lock for all of it, so concurrent additions all count.
    const row = this.db
      .prepare<unknown[], { tokens: number }>(
        `INSERT INTO llm_tokens (guild_id, day, tokens) VALUES (?, ?, ?)
         ON CONFLICT (guild_id, day) DO UPDATE SET tokens = llm_tokens.tokens + excluded.tokens
         RETURNING tokens`,
      )
      .get(guildId, checkDay(day), checkTokens(tokens));
    return row!.tokens;
  }

  async reserveTokens(guildId: string, day: string, tokens: number, limit: number): Promise<number | null> {
    // One statement, so one write lock: the check and the addition cannot be split by another
    // connection. No row comes back when the WHERE refuses the insert or the update.
    const amount = checkTokens(tokens);
    const row = this.db
      .prepare<unknown[], { tokens: number }>(
        `INSERT INTO llm_tokens (guild_id, day, tokens) SELECT @guildId, @day, @amount WHERE @amount <= @limit
         ON CONFLICT (guild_id, day) DO UPDATE SET tokens = llm_tokens.tokens + excluded.tokens
         WHERE llm_tokens.tokens + excluded.tokens <= @limit
         RETURNING tokens`,
      )
      .get({ guildId, day: checkDay(day), amount, limit: checkTokens(limit) });
    return row?.tokens ?? null;
  }

  async refundTokens(guildId: string, day: string, tokens: number): Promise<number> {
    const row = this.db
      .prepare<unknown[], { tokens: number }>(
        'UPDATE llm_tokens SET tokens = MAX(0, tokens - ?) WHERE guild_id = ? AND day = ? RETURNING tokens',
      )
      .get(checkTokens(tokens), guildId, checkDay(day));
    return row?.tokens ?? 0;
  }

  async tokensUsed(guildId: string, day: string): Promise<number> {
    const row = this.db
      .prepare<unknown[], { tokens: number }>('SELECT tokens FROM llm_tokens WHERE guild_id = ? AND day = ?')
      .get(guildId, checkDay(day));
    return row?.tokens ?? 0;
  }

  async probe(): Promise<void> {
    // SQLite keeps writing to a file deleted under it: everything written since is lost at the next
    // start. Only the path can tell, so it is compared with the file opened.
    let current: { dev: number; ino: number } | null = null;
    try {
      current = statSync(this.file);
    } catch {
      current = null;
    }
    if (!current || current.dev !== this.identity.dev || current.ino !== this.identity.ino) {
      throw new StoreUnavailableError(
        `the database file ${this.file} was ${current ? 'replaced' : 'deleted'} while Newsdesk was running; what is stored now will be lost at the next start (restore the file or restart)`,
      );
    }
    // A write that matches no row: refused on a read-only file or a full disk, a no-op otherwise.
    this.db.prepare('UPDATE schema_migrations SET version = version WHERE 0').run();
  }

  async migrationVersions(): Promise<number[]> {
    return this.db
      .prepare<unknown[], { version: number }>('SELECT version FROM schema_migrations ORDER BY version')
      .all()
      .map((row) => row.version);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  private millis(): number {
    return this.now().getTime();
  }
}

/**
 * Applies each migration not yet recorded, each in its own IMMEDIATE transaction (which takes the
 * write lock first), re-checking inside it so two processes opening one file apply it once.
 */
function migrate(db: Database.Database, migrations: readonly Migration[]): void {
  db.exec(CREATE_SCHEMA_MIGRATIONS);
  const applied = db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?');
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const migration of migrations) {
    const apply = db.transaction(() => {
      if (applied.get(migration.version)) return;
      db.exec(migration.sqlite);
      record.run(migration.version, migration.name, new Date().toISOString());
    });
    apply.immediate();
  }
}
