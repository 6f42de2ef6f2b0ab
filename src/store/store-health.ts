import type { Logger } from '../logger.js';
import { describeStoreProblem, isStoreUnavailable, StoreUnavailableError } from './store-errors.js';
import type { Store } from './types.js';

/** How often the store is proved writable while it is. */
export const PROBE_INTERVAL_MS = 15_000;
/** While it is not: sooner, so posts held back go out soon after it returns. */
export const FAILING_PROBE_INTERVAL_MS = 2_000;

export interface StoreHealthOptions {
  /** The store as opened (not the monitored one): probing it must not report itself. */
  store: Pick<Store, 'probe'>;
  logger: Logger;
  intervalMs?: number;
  failingIntervalMs?: number;
}

/**
 * Whether the store can be written, for /healthz, /status, /subscriptions and /subscribe. Two
 * sources: every store call that fails for a reason outside Newsdesk (`monitorStore`), and a
 * cheap write probe at start and every interval, which also catches what calls cannot (a SQLite
 * file deleted under the process still takes writes, into a file nobody will read again). Only
 * a probe clears a problem, since a call that succeeds may have written into that deleted file.
 * A change either way is logged once, loudly when it breaks; `onRecovered` tells what waits for it.
 */
export class StoreHealth {
  private current: string | null = null;
  private timer: NodeJS.Timeout | null = null;
  private probing: Promise<void> | null = null;
  private readonly recovered = new Set<() => void>();
  private readonly log: Logger;
  private readonly intervalMs: number;
  private readonly failingIntervalMs: number;
  private stopped = false;

  constructor(private readonly options: StoreHealthOptions) {
    this.log = options.logger.child({ module: 'store-health' });
    this.intervalMs = options.intervalMs ?? PROBE_INTERVAL_MS;
    this.failingIntervalMs = options.failingIntervalMs ?? FAILING_PROBE_INTERVAL_MS;
  }

  /** Null while the store can be written; otherwise what is wrong, in words for the operator. */
  problem(): string | null {
    return this.current;
  }

  /** Probes now, then on a timer until `stop`. */
  async start(): Promise<void> {
    await this.probe();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.stopped = true;
  }

  onRecovered(listener: () => void): () => void {
    this.recovered.add(listener);
    return () => this.recovered.delete(listener);
  }

  /** A store call failed because the store is out of reach. */
  failed(err: unknown): void {
    this.setProblem(describeStoreProblem(err), err);
    // Look again soon rather than at the healthy pace.
    if (!this.stopped) this.schedule(this.failingIntervalMs);
  }

  /** Proves the store writable now; one probe at a time. */
  probe(): Promise<void> {
    this.probing ??= this.runProbe().finally(() => {
      this.probing = null;
    });
    return this.probing;
  }

  private async runProbe(): Promise<void> {
    try {
      await this.options.store.probe();
      if (this.current !== null) {
        this.log.info({ was: this.current }, 'the store can be written again');
        this.current = null;
        for (const listener of this.recovered) listener();
      }
    } catch (err) {
      if (!isStoreUnavailable(err)) {
        this.log.error({ err }, 'the store probe failed unexpectedly');
      }
      this.setProblem(describeStoreProblem(err), err);
    } finally {
      if (!this.stopped) this.schedule(this.current === null ? this.intervalMs : this.failingIntervalMs);
    }
  }

  private setProblem(problem: string, err: unknown): void {
    if (this.current === problem) return;
    const first = this.current === null;
    this.current = problem;
    // Loud once when it breaks; a change of symptom during the same outage is only a warning.
    if (first) this.log.error({ err, problem }, 'the store cannot be written');
    else this.log.warn({ err, problem }, 'the store still cannot be written');
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.probe(), ms);
    this.timer.unref();
  }
}

/**
 * The store as the rest of Newsdesk uses it: every call that fails because the database is out
 * of reach is reported to `health` and rethrown as a StoreUnavailableError, which the one error
 * policy shows as written ("cannot reach its database") instead of an apology for a bug. Other
 * errors pass through untouched. A Proxy, so that every method of `Store`, present and future,
 * is covered without a hand-written forwarder for each, and so are the ports it holds (the stored
 * articles), whose writes go to the same database.
 */
export function monitorStore(store: Store, health: StoreHealth): Store {
  return monitored(store, health, { articles: monitored(store.articles, health) });
}

/** `port` with its methods' outages reported; `ports` are handed out in place of the properties they name. */
function monitored<T extends object>(port: T, health: StoreHealth, ports: Partial<T> = {}): T {
  return new Proxy(port, {
    get(target, property, receiver) {
      if (Object.hasOwn(ports, property)) return ports[property as keyof T];
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || property === 'close') return value;
      return (...args: unknown[]) => {
        const result = (value as (...a: unknown[]) => unknown).apply(target, args);
        if (!(result instanceof Promise)) return result;
        return result.catch((err: unknown) => {
          if (!isStoreUnavailable(err)) throw err;
          health.failed(err);
          throw err instanceof StoreUnavailableError
            ? err
            : new StoreUnavailableError(describeStoreProblem(err), { cause: err });
        });
      };
    },
  });
}
