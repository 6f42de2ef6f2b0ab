import type { Article } from '../articles/types.js';
import type { Corpus } from '../corpus/corpus.js';
import type { ArticleChange } from '../ingest/article-change.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/types.js';
import { announceChange } from './announce.js';

/** Announcements made in a row before the catch-up lets other work run. */
const CATCH_UP_YIELD_EVERY = 50;

/** Attempts at one announcement before it is given up on (the store unreachable throughout). */
const ATTEMPTS = 5;
const FIRST_RETRY_MS = 500;

export interface AnnouncerOptions {
  store: Store;
  corpus: Corpus;
  logger: Logger;
  /** Rows were queued: wake the delivery worker so the post goes out now, not at its next poll. */
  onQueued: () => void;
  /** Waits between attempts; a parameter so tests need not wait. */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Tells subscribed channels about article changes, as the ingest applies them, and catches up at
 * start-up with what changed while Newsdesk was not running (the store remembers each origin's
 * content hash, so an unchanged file announces nothing and an edited one is an update). A store
 * outage is retried with backoff; it never stops ingest, and what it could not record is logged.
 */
export class Announcer {
  private readonly log: Logger;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: AnnouncerOptions) {
    this.log = options.logger.child({ module: 'announce' });
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** For `startIngest`'s afterChange hook. */
  readonly afterChange = (change: ArticleChange, previous: Article | undefined): Promise<void> =>
    this.announce(change, previous);

  async announce(change: ArticleChange, previous?: Article): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await announceChange(change, {
          store: this.options.store,
          corpus: this.options.corpus,
          previous,
        });
        if (result.enqueued > 0) this.options.onQueued();
        if (result.copyOf) {
          this.log.info(
            { origin: change.origin, copyOf: result.copyOf },
            'same wire story as one announced; not posted again',
          );
        } else if (result.change !== 'unchanged') {
          this.log.info({ origin: change.origin, change: result.change, queued: result.enqueued }, 'announced');
        }
        return;
      } catch (err) {
        if (attempt >= ATTEMPTS) {
          this.log.error(
            { err, origin: change.origin },
            'could not announce an article change; it will be announced when the file changes or at the next start',
          );
          return;
        }
        this.log.warn({ err, origin: change.origin, attempt }, 'announcing failed; retrying');
        await this.sleep(FIRST_RETRY_MS * 2 ** (attempt - 1));
      }
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
}
