import { describe, expect, it } from 'vitest';
import { nextRetryAt, retryDelayMs } from '../../src/subscriptions/backoff.js';

describe('retry backoff', () => {
  it('doubles the delay with each attempt, between half and all of it', () => {
    const options = { baseMs: 1_000, maxMs: 60_000 };
    expect([1, 2, 3, 4].map((attempts) => retryDelayMs(attempts, { ...options, random: () => 0 }))).toEqual([
      500, 1_000, 2_000, 4_000,
    ]);
    expect(retryDelayMs(3, { ...options, random: () => 0.999_999 })).toBe(4_000);
  });

  it('never waits longer than the cap', () => {
    expect(retryDelayMs(40, { baseMs: 1_000, maxMs: 60_000, random: () => 0.999_999 })).toBe(60_000);
  });

  it('counts from the given time', () => {
    const now = new Date('2025-03-01T12:00:00Z');
    expect(nextRetryAt(now, 1, { baseMs: 2_000, random: () => 0 })).toEqual(new Date('2025-03-01T12:00:01Z'));
  });
});
