import type { Clock } from '../clock.js';
import type { CorpusFollower } from '../corpus/corpus-follower.js';
import type { Logger } from '../logger.js';
import type { FeedControl } from './feed-manager.js';
import { isDeadLocalHolder, type Leases } from './lease.js';
import type { Ingest } from './start-ingest.js';

/** The lease whose holder watches the seeds folder and polls the feeds for every process on the store. */
export const INGEST_LEASE = 'ingest';
/** How long a holder that stops renewing keeps the lease; it renews three times as often. */
const DEFAULT_INGEST_LEASE_MS = 30_000;

export interface SharedIngestOptions {
  leases: Leases;
  /** This process, unique among those sharing the store (`holderName()`). */
  holder: string;
  /** Follows the store while another process ingests. */
  follower: CorpusFollower;
  /** Starts ingesting into the corpus, which the follower has brought up to date. */
  startIngest: () => Promise<Ingest>;
  /** The feeds /feed shows and changes while following (never polled here). */
  idleFeeds: FeedControl;
  /** After each turn, whichever the role (e.g. bringing the feeds polled in step with the store). */
  afterTurn?: () => Promise<void>;
  /**
   * On `close`, after the ingest has stopped and before the lease goes (e.g. writing what the ingest
   * queued for the store), so the next holder catches up with everything this one read.
   */
  beforeRelease?: () => Promise<void>;
  logger: Logger;
  leaseMs?: number;
  now?: Clock;
}

export interface SharedIngest {
  /** True while this process holds the lease and ingests. */
  ingesting(): boolean;
  /** Takes or renews the lease and starts or stops ingesting to match; runs on a timer after `start`. */
  turn(): Promise<void>;
  start(): Promise<void>;
  /** The feeds being polled when ingesting, the idle list when following. */
  readonly feeds: FeedControl;
  /** Stops ingesting or following, and lets the lease go so another process takes over at once. */
  close(): Promise<void>;
}

/**
 * One ingest for every process on a shared store: the holder of the ingest lease watches the seeds
 * folder and polls the feeds (writing what it reads to the store, which logs it); the others follow
 * the store's change log, and keep reaching for the lease, so one of them starts ingesting when
 * the holder stops renewing (it died, or lost the database for longer than the lease). When the
 * store cannot be reached, each process keeps the role it had, the holder only while the lease it
 * last renewed outlasts the next turn: then it stops ingesting, as another may take the lease.
 */
export function shareIngest(options: SharedIngestOptions): SharedIngest {
  const log = options.logger.child({ module: 'shared-ingest' });
  const leaseMs = options.leaseMs ?? DEFAULT_INGEST_LEASE_MS;
  const turnMs = Math.max(1, Math.floor(leaseMs / 3));
  const now = options.now ?? (() => new Date());
  /** When the last renewal that succeeded was asked for: the lease is this process's until `leaseMs` later. */
  let renewedAt = Number.NEGATIVE_INFINITY;
  let ingest: Ingest | null = null;
  let timer: NodeJS.Timeout | null = null;
  let closed = false;
  let running: Promise<void> = Promise.resolve();

  const letGo = () =>
    answeredWithin(options.leases.releaseLease(INGEST_LEASE, options.holder), turnMs).catch((err: unknown) =>
      log.warn({ err }, 'could not release the ingest lease; it expires by itself'),
    );

  /**
   * Starts ingesting once the corpus holds whatever the last holder stored (the poller's feed items
   * and the seeds watcher start from it); null, with the lease let go, when the change log cannot be
   * read or the ingest will not start, so this process goes on following rather than ingesting
   * from a stale corpus or holding a lease it does nothing with.
   */
  const takeOver = async (): Promise<Ingest | null> => {
    try {
      await options.follower.poll();
    } catch (err) {
      log.warn({ err }, 'could not read the corpus change log before taking over the ingest; following instead');
      await letGo();
      return null;
    }
    try {
      const started = await options.startIngest();
      log.info({ holder: options.holder }, 'holding the ingest lease: watching the seeds folder and polling the feeds');
      return started;
    } catch (err) {
      log.error({ err }, 'could not start ingesting; following instead');
      await letGo();
      return null;
    }
  };

  const once = async (): Promise<void> => {
    if (closed) return;
    let held: boolean;
    const asked = now().getTime();
    try {
      const answer = options.leases.acquireLease(INGEST_LEASE, options.holder, leaseMs);
      // A store that never answers (a stalled connection) counts as out of reach once the lease is at
      // risk, or, for a follower, by the next turn.
      held = await answeredWithin(answer, ingest ? renewedAt + leaseMs - turnMs - asked : turnMs);
      if (held) renewedAt = asked;
    } catch (err) {
      // The lease may run out before the next turn: another process could take it and ingest too.
      held = ingest !== null && now().getTime() + turnMs < renewedAt + leaseMs;
      if (ingest && !held)
        log.warn({ err }, 'could not renew the ingest lease before it runs out; stopping the ingest');
      else log.warn({ err }, 'could not reach the ingest lease; keeping the current role');
    }
    if (held && !ingest) {
      await options.follower.stop();
      ingest = await takeOver();
      // Not ingesting after all: the lease goes back, and the next turn (here or elsewhere) tries again.
      if (!ingest) held = false;
    } else if (!held && ingest) {
      const stopping = ingest;
      ingest = null;
      await stopping.close();
      log.warn({ holder: options.holder }, 'lost the ingest lease: following the process that holds it');
    }
    if (!held) options.follower.start();
    await options.afterTurn?.().catch((err: unknown) => log.warn({ err }, 'could not bring the feeds in step'));
  };

  const turn = (): Promise<void> => {
    running = running.then(once).catch((err: unknown) => log.error({ err }, 'could not start or stop ingesting'));
    return running;
  };

  const schedule = () => {
    if (closed) return;
    timer = setTimeout(() => void turn().finally(schedule), turnMs);
  };

  const current = (): FeedControl => ingest?.feeds ?? options.idleFeeds;

  /**
   * Frees the lease of a holder that died without letting it go (`kill -9`, a crash) when this
   * process can tell it has gone, so a restart ingests at once rather than after the lease expires.
   * The release names that holder, so a lease taken meanwhile by a live process is left alone.
   */
  const freeDeadHoldersLease = async (): Promise<void> => {
    try {
      const holder = await answeredWithin(options.leases.leaseHolder(INGEST_LEASE), turnMs);
      if (holder === null || holder === options.holder || !isDeadLocalHolder(holder)) return;
      log.info({ holder }, 'the ingest lease was held by a process of this process space that has stopped; freeing it');
      await answeredWithin(options.leases.releaseLease(INGEST_LEASE, holder), turnMs);
    } catch (err) {
      log.warn({ err }, 'could not check who holds the ingest lease; it is taken when it expires');
    }
  };

  return {
    ingesting: () => ingest !== null,
    turn,
    async start() {
      await freeDeadHoldersLease();
      await turn();
      schedule();
    },
    feeds: {
      addFeed: (url) => current().addFeed(url),
      removeFeed: (url) => current().removeFeed(url),
      status: () => current().status(),
      pollSoon: () => current().pollSoon(),
    },
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await running.catch(() => {});
      await options.follower.stop();
      // A follower's reach for the lease that timed out may still have been granted: let it go too.
      if (!ingest) return void (await letGo());
      await ingest.close();
      ingest = null;
      await options
        .beforeRelease?.()
        .catch((err: unknown) => log.warn({ err }, 'could not finish the ingest’s writes'));
      await letGo();
    },
  };
}

/** `answer`, or a rejection once `ms` have passed without one. */
function answeredWithin<T>(answer: Promise<T>, ms: number): Promise<T> {
  if (!Number.isFinite(ms)) return answer;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('the store did not answer in time')), Math.max(0, ms));
  });
  answer.catch(() => {});
  return Promise.race([answer, late]).finally(() => clearTimeout(timer));
}
