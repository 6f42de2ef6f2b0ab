import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export interface Latency {
  /** Calls measured. */
  n: number;
  p50: number;
  p99: number;
  max: number;
  /** Calls that threw (their time still counts). */
  errors: number;
}

export interface MemoryUse {
  heapMB: number;
  rssMB: number;
}

/**
 * Node hides `gc()` unless started with --expose-gc; setting the flag at run time and reading
 * `gc` from a fresh context exposes it without changing how `npm run bench` starts node.
 */
export function garbageCollector(): () => void {
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    if (typeof gc === 'function') return () => gc();
  } catch {
    // Some runtimes refuse the flag; the bench then measures memory without a collection first.
  }
  return () => {};
}

export function memoryUse(): MemoryUse {
  const { heapUsed, rss } = process.memoryUsage();
  return { heapMB: heapUsed / 2 ** 20, rssMB: rss / 2 ** 20 };
}

/** Milliseconds one call takes. */
export function timeOnce(run: () => unknown): number {
  const start = performance.now();
  try {
    run();
  } catch {
    // Counted by `timeEach`; a single timed call reports its time either way.
  }
  return performance.now() - start;
}

export async function timeAsync<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await run();
  return { value, ms: performance.now() - start };
}

/** Latency percentiles over one call per input. */
export function timeEach<T>(inputs: readonly T[], run: (input: T) => unknown): Latency {
  const times: number[] = [];
  let errors = 0;
  for (const input of inputs) {
    const start = performance.now();
    try {
      run(input);
    } catch {
      errors++;
    }
    times.push(performance.now() - start);
  }
  return latencyOf(times, errors);
}

/** Nearest-rank percentiles of measured times (any order); `errors` counts calls that failed. */
export function latencyOf(times: readonly number[], errors = 0): Latency {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    max: sorted.at(-1) ?? 0,
    errors,
  };
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], share: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] ?? 0;
}
