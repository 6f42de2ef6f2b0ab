import { describe, expect, it } from 'vitest';
import { LlmBudget } from '../../src/llm/budget.js';

function clock(start = Date.UTC(2025, 4, 1, 12)) {
  let now = start;
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('LlmBudget', () => {
  it('makes a person wait out the cooldown and says how long', () => {
    const time = clock();
    const budget = new LlmBudget({ cooldownSeconds: 10, now: time.now });
    expect(budget.check('u1', 'g1')).toEqual({ ok: true });
    time.advance(3500);
    expect(budget.check('u1', 'g1')).toMatchObject({ ok: false, reason: 'cooldown', retryAfterSeconds: 7 });
    expect(budget.check('u2', 'g1')).toEqual({ ok: true });
    time.advance(6500);
    expect(budget.check('u1', 'g1')).toEqual({ ok: true });
  });

  it('stops a server at its daily allowance and renews it at midnight UTC', () => {
    const time = clock();
    const budget = new LlmBudget({ cooldownSeconds: 0, dailyTokensPerServer: 1000, now: time.now });
    budget.spend('g1', 600);
    expect(budget.remaining('g1')).toBe(400);
    expect(budget.remaining('g2')).toBe(1000);
    budget.spend('g1', 600);
    const refused = budget.check('u1', 'g1');
    expect(refused).toMatchObject({ ok: false, reason: 'budget', retryAfterSeconds: 12 * 3600 });
    expect(!refused.ok && refused.message).toBe(
      "This server has used today's model allowance; it renews in 12 h 0 min (00:00 UTC).",
    );
    time.advance(12 * 3600 * 1000);
    expect(budget.remaining('g1')).toBe(1000);
  });

  it('gives direct messages one shared allowance', () => {
    const budget = new LlmBudget({ dailyTokensPerServer: 100 });
    budget.spend(null, 30);
    expect(budget.remaining(null)).toBe(70);
  });
});
