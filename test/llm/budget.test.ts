import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LlmBudget } from '../../src/llm/budget.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';

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

describe('LlmBudget kept in the store', () => {
  const settled = () => new Promise((resolve) => setTimeout(resolve, 20));

  it('does not grant a new allowance after a restart or in a second process', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'newsdesk-budget-'));
    const store = await SqliteStore.open(join(dir, 'store.sqlite'));
    try {
      const now = () => Date.parse('2025-08-10T12:00:00Z');
      const before = new LlmBudget({ dailyTokensPerServer: 1000, cooldownSeconds: 0, now, ledger: store });
      before.spend('guild-1', 700);
      await settled();
      expect(await store.tokensUsed('guild-1', '2025-08-10')).toBe(700);

      // Restarted, or another process: the first check reads the day's count from the store.
      const after = new LlmBudget({ dailyTokensPerServer: 1000, cooldownSeconds: 0, now });
      after.useLedger(store);
      after.check('user-1', 'guild-1');
      await settled();
      expect(after.remaining('guild-1')).toBe(300);
      after.spend('guild-1', 400);
      await settled();
      expect(after.check('user-1', 'guild-1')).toMatchObject({ ok: false, reason: 'budget' });
      expect(await store.tokensUsed('guild-1', '2025-08-10')).toBe(1100);
    } finally {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('keeps counting in memory when the store fails, and says so', async () => {
    const problems: unknown[] = [];
    const broken = {
      addTokens: () => Promise.reject(new Error('database is locked')),
      tokensUsed: () => Promise.reject(new Error('database is locked')),
    };
    const budget = new LlmBudget({ dailyTokensPerServer: 1000, cooldownSeconds: 0 });
    budget.useLedger(broken, (err) => problems.push(err));
    expect(budget.check('user-1', 'guild-1').ok).toBe(true);
    budget.spend('guild-1', 600);
    await settled();
    expect(budget.remaining('guild-1')).toBe(400);
    expect(problems).toHaveLength(2);
  });
});
