import type { Article } from '../articles/types.js';
import type { Corpus } from '../corpus/corpus.js';
import type { ArticleChange } from '../ingest/article-change.js';
import type { Logger } from '../logger.js';
import { isStoreUnavailable } from '../store/store-errors.js';
import type { Store } from '../store/types.js';
import { announceChange } from './announce.js';
import { retryDelayMs } from './backoff.js';

/** Announcements made in a row before the catch-up lets other work run. */
const CATCH_UP_YIELD_EVERY = 50;

/**
 * The first wait before an announcement the store could not take is tried again; it doubles, with
 * jitter, so that processes sharing a database that went away do not all come back at once.
 */
const FIRST_RETRY_MS = 500;
/** The longest wait between tries while the store is out (a recovery noticed sooner tries at once). */
const MAX_RETRY_MS = 30_000;
/** A change failing for a reason other than the store being out (a bug) is given up after this many tries. */
const ATTEMPTS_ON_OTHER_ERRORS = 5;

export interface AnnouncerOptions {
  store: Store;
  corpus: Corpus;
  logger: Logger;
  /** Rows were queued: wake the delivery worker so the post goes out now, not at its next poll. */
  onQueued: () => void;
  /** Waits before a retry; a parameter so tests need not wait. */
  setTimer?: (run: () => void, ms: number) => { cancel(): void };
}

interface Held {
  change: ArticleChange;
  /** The version channels were told about, from the first change held for this origin. */
  previous: Article | undefined;
  /** Tries that failed for a reason other than the store being out. */
  otherFailures: number;
}

/**
 * Tells subscribed channels about article changes, as the ingest applies them, and catches up at
 * start-up with what changed while Newsdesk was not running (the store remembers each origin's
 * content hash, so an unchanged file announces nothing and an edited one is an update).
 *
 * A change the store cannot take (the database down, read-only, locked) is held in memory, in
 * arrival order, one per origin, and tried again with backoff for as long as it takes, and at once
 * when the store is seen to be back (`retryNow`): an outage delays posts, never loses them, and
 * never holds up the ingest. While changes are held, new ones queue behind them so they are
 * announced in the order they came.
 */
export class Announcer {
  private readonly log: Logger;
  private readonly held = new Map<string, Held>();
  /** Retries scheduled since the store last took a change. */
  private retries = 0;
  private timer: { cancel(): void } | null = null;
  private draining: Promise<void> | null = null;
  private stopped = false;
  private readonly setTimer: NonNullable<AnnouncerOptions['setTimer']>;

  constructor(private readonly options: AnnouncerOptions) {
    this.log = options.logger.child({ module: 'announce' });
    this.setTimer =
      options.setTimer ??
      ((run, ms) => {
        const timer = setTimeout(run, ms);
        timer.unref();
        return { cancel: () => clearTimeout(timer) };
      });
  }

  /** For `startIngest`'s afterChange hook. */
  readonly afterChange = (change: ArticleChange, previous: Article | undefined): Promise<void> =>
    this.announce(change, previous);

  /** Announcements waiting for the store. */
  get heldCount(): number {
    return this.held.size;
  }

  async announce(change: ArticleChange, previous?: Article): Promise<void> {
    if (this.held.size > 0 || this.draining) {
      this.hold(change, previous);
      this.scheduleRetry();
      return;
    }
    try {
      await this.announceOnce(change, previous);
    } catch (err) {
      this.hold(change, previous);
      this.failed(change.origin, err);
    }
  }

  /** Tries the held announcements now (the store was seen to come back). */
  retryNow(): Promise<void> {
    this.retries = 0;
    return this.drain();
  }

  /** Stops retrying; what is still held is logged (a restart's catch-up announces the seeds again). */
  stop(): void {
    this.stopped = true;
    this.timer?.cancel();
    this.timer = null;
    if (this.held.size) {
      this.log.warn({ held: [...this.held.keys()] }, 'stopping with announcements the store never took');
    }
  }

  /**
   * Announces every loaded article the store has not seen in this version, earliest first, so of
   * several outlets' copies of one wire story the first report is the one posted.
   */
  async catchUp(articles: readonly Article[]): Promise<void> {
    const byDate = [...articles].sort((a, b) => (a.date ?? '9999').localeCompare(b.date ?? '9999'));
    for (const [n, article] of byDate.entries()) {
      await this.announce({ kind: 'added', origin: article.origin, article });
      // SQLite answers synchronously, so without this a first start's 10,000 announcements would hold
      // the event loop for seconds, past Discord's 3-second window for the first interactions.
      if (n % CATCH_UP_YIELD_EVERY === CATCH_UP_YIELD_EVERY - 1) await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private async announceOnce(change: ArticleChange, previous: Article | undefined): Promise<void> {
    const result = await announceChange(change, { store: this.options.store, corpus: this.options.corpus, previous });
    if (result.enqueued > 0) this.options.onQueued();
    if (result.copyOf) {
      this.log.info(
        { origin: change.origin, copyOf: result.copyOf },
        'same wire story as one announced; not posted again',
      );
    } else if (result.change !== 'unchanged') {
      this.log.info({ origin: change.origin, change: result.change, queued: result.enqueued }, 'announced');
    }
  }

  /** A later change of an origin replaces the held one (it is what the file or item now says). */
  private hold(change: ArticleChange, previous: Article | undefined): void {
    const earlier = this.held.get(change.origin);
    this.held.delete(change.origin);
    this.held.set(change.origin, {
      change,
      previous: earlier ? earlier.previous : previous,
      otherFailures: earlier?.otherFailures ?? 0,
    });
  }

  private failed(origin: string, err: unknown): void {
    const entry = this.held.get(origin);
    if (!isStoreUnavailable(err) && entry) {
      entry.otherFailures++;
      if (entry.otherFailures >= ATTEMPTS_ON_OTHER_ERRORS) {
        this.held.delete(origin);
        this.log.error(
          { err, origin },
          'could not announce an article change; it will be announced when the file changes or at the next start',
        );
        return;
      }
    }
    this.log.warn(
      { err, origin, held: this.held.size, retries: this.retries },
      'announcing failed; held until the store takes it',
    );
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.stopped || this.timer || this.draining) return;
    this.retries++;
    const delay = retryDelayMs(this.retries, { baseMs: FIRST_RETRY_MS, maxMs: MAX_RETRY_MS });
    this.timer = this.setTimer(() => {
      this.timer = null;
      void this.drain();
    }, delay);
  }

  /** Announces the held changes in order; the first that fails again stops the round until the next try. */
  private drain(): Promise<void> {
    this.timer?.cancel();
    this.timer = null;
    this.draining ??= (async () => {
      let announced = 0;
      try {
        for (const [origin, entry] of this.held) {
          if (this.stopped) return;
          try {
            await this.announceOnce(entry.change, entry.previous);
          } catch (err) {
            this.failed(origin, err);
            return;
          }
          // A newer change may have replaced this one while it was announced: keep that one.
          if (this.held.get(origin) === entry) this.held.delete(origin);
          announced++;
        }
        this.retries = 0;
      } finally {
        if (announced)
          this.log.info({ announced, stillHeld: this.held.size }, 'announced changes held while the store was out');
        this.draining = null;
        // Changes that arrived during the last step of the round.
        if (this.held.size && !this.timer) this.scheduleRetry();
      }
    })();
    return this.draining;
  }
}
