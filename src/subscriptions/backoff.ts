/** Retry timing for deliveries that failed for a reason that may pass (429, 5xx, a timeout). */
export const DEFAULT_BACKOFF_BASE_MS = 5_000;
export const DEFAULT_BACKOFF_MAX_MS = 60 * 60 * 1000;

export interface BackoffOptions {
  baseMs?: number;
  maxMs?: number;
  /** A number in [0, 1); injectable so tests are deterministic. */
  random?: () => number;
}

/**
 * Exponential backoff with "equal jitter": half the delay is fixed, half random, so workers that
 * failed together do not retry together.
 * https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/
 */
export function retryDelayMs(attempts: number, options: BackoffOptions = {}): number {
  const { baseMs = DEFAULT_BACKOFF_BASE_MS, maxMs = DEFAULT_BACKOFF_MAX_MS, random = Math.random } = options;
  const exponent = Math.max(0, attempts - 1);
  const ceiling = Math.min(maxMs, baseMs * 2 ** exponent);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** When a row that has been tried `attempts` times should next be tried. */
export function nextRetryAt(now: Date, attempts: number, options?: BackoffOptions): Date {
  return new Date(now.getTime() + retryDelayMs(attempts, options));
}
