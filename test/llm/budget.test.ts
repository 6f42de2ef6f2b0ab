import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BudgetRefusal, LlmBudget, type TokenLedger } from '../../src/llm/budget.js';
import { createLlmAnswerer } from '../../src/llm/llm-answerer.js';
import { createLogger } from '../../src/logger.js';
import { PostgresStore } from '../../src/store/postgres-store.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import type { Store } from '../../src/store/types.js';
import { DATABASE_URL, POSTGRES_REQUIRED, probePostgres, TestSchemas } from '../store/postgres-database.js';
import { FakeOpenAi } from './fake-openai.js';
import { damStory, deskOf, lettersPage } from './fixtures.js';
import { chatFor } from './model-services.js';

function clock(start = Date.UTC(2025, 4, 1, 12)) {
  let now = start;
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

const DAY = '2025-08-10';
const noon = () => Date.parse(`${DAY}T12:00:00Z`);

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

  it('refuses a reservation the rest of the allowance cannot cover, and renews it at midnight UTC', async () => {
    const time = clock();
    const budget = new LlmBudget({ cooldownSeconds: 0, dailyTokensPerServer: 1000, now: time.now });
    await (await budget.reserve('g1', 600)).settle(600);
    expect(budget.remaining('g1')).toBe(400);
    expect(budget.remaining('g2')).toBe(1000);
    const refusal = await budget.reserve('g1', 500).catch((err: unknown) => err);
    expect(refusal).toBeInstanceOf(BudgetRefusal);
    expect((refusal as BudgetRefusal).message).toBe(
      "This server has used today's model allowance; it renews in 12 h 0 min (00:00 UTC).",
    );
    await budget.reserve('g1', 400);
    expect(budget.check('u1', 'g1')).toMatchObject({ ok: false, reason: 'budget', retryAfterSeconds: 12 * 3600 });
    time.advance(12 * 3600 * 1000);
    expect(budget.remaining('g1')).toBe(1000);
  });

  it('gives back what a call reserved and did not use, and charges what it used beyond', async () => {
    const budget = new LlmBudget({ dailyTokensPerServer: 1000 });
    const small = await budget.reserve('g1', 700);
    expect(budget.remaining('g1')).toBe(300);
    await small.settle(250);
    expect(budget.remaining('g1')).toBe(750);
    await (await budget.reserve('g1', 100)).settle(300);
    expect(budget.remaining('g1')).toBe(450);
  });

  it('gives direct messages one shared allowance', async () => {
    const budget = new LlmBudget({ dailyTokensPerServer: 100 });
    await budget.reserve(null, 30);
    expect(budget.remaining(null)).toBe(70);
  });
});

describe('LlmBudget kept in the store', () => {
  it('does not grant a new allowance after a restart or in a second process', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'newsdesk-budget-'));
    const store = await SqliteStore.open(join(dir, 'store.sqlite'));
    try {
      const before = new LlmBudget({ dailyTokensPerServer: 1000, cooldownSeconds: 0, now: noon, ledger: store });
      await (await before.reserve('guild-1', 900)).settle(700);
      expect(await store.tokensUsed('guild-1', DAY)).toBe(700);

      // Restarted, or another process: the store decides, whatever this process has seen.
      const after = new LlmBudget({ dailyTokensPerServer: 1000, cooldownSeconds: 0, now: noon });
      after.useLedger(store);
      await expect(after.reserve('guild-1', 400)).rejects.toBeInstanceOf(BudgetRefusal);
      await (await after.reserve('guild-1', 300)).settle(300);
      expect(await store.tokensUsed('guild-1', DAY)).toBe(1000);
      expect(after.remaining('guild-1')).toBe(0);
    } finally {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('decides in this process when the store fails, and says so', async () => {
    const problems: unknown[] = [];
    const fail = () => Promise.reject(new Error('database is locked'));
    const broken: TokenLedger = { addTokens: fail, reserveTokens: fail, refundTokens: fail, tokensUsed: fail };
    const budget = new LlmBudget({ dailyTokensPerServer: 1000, cooldownSeconds: 0 });
    budget.useLedger(broken, (err) => problems.push(err));
    await (await budget.reserve('guild-1', 600)).settle(600);
    expect(budget.remaining('guild-1')).toBe(400);
    await expect(budget.reserve('guild-1', 600)).rejects.toBeInstanceOf(BudgetRefusal);
    expect(problems.length).toBeGreaterThan(0);
  });
});

// 20 members asking at the same moment, through the answerer, the real openai client and the
// local OpenAI-compatible server, with the allowance kept in each real store.
const ALLOWANCE = 2_500;
const ASKERS = 20;
const USAGE = { prompt_tokens: 700, completion_tokens: 150 };
const USED_PER_CALL = USAGE.prompt_tokens + USAGE.completion_tokens;

const unreachable = await probePostgres();
const schemas = new TestSchemas();
const dirs: string[] = [];
afterAll(async () => {
  await schemas.dropAll();
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/** Each back-end makes a fresh database and opens stores on it, one per "process". */
const backEnds: { name: string; skip: boolean; freshDatabase: () => Promise<() => Promise<Store>> }[] = [
  {
    name: 'SQLite',
    skip: false,
    async freshDatabase() {
      const dir = await mkdtemp(join(tmpdir(), 'newsdesk-budget-'));
      dirs.push(dir);
      return () => SqliteStore.open(join(dir, 'store.sqlite'));
    },
  },
  {
    name: 'PostgreSQL',
    skip: unreachable !== undefined && !POSTGRES_REQUIRED,
    async freshDatabase() {
      const pool = schemas.poolConfig(await schemas.create('budget'));
      return () => PostgresStore.open({ pool });
    },
  },
];

for (const backEnd of backEnds) {
  const label = `${backEnd.name}${backEnd.skip ? `, skipped: ${DATABASE_URL} unreachable` : ''}`;
  describe.skipIf(backEnd.skip)(`the daily allowance under load (${label})`, () => {
    it('is never overspent by members asking at the same moment, from two processes', async () => {
      const fake = await FakeOpenAi.start();
      const open = await backEnd.freshDatabase();
      const stores: Store[] = [];
      try {
        // Two processes on one database: each its own budget and view, one ledger.
        stores.push(await open(), await open());
        for (let n = 0; n < ASKERS; n++) fake.reply({ content: 'The repairs cost 4 million euros [1].', usage: USAGE });
        const desk = deskOf([damStory, lettersPage]);
        const logger = createLogger({ level: 'silent' });
        const answerers = stores.map((store) => {
          const budget = new LlmBudget({ cooldownSeconds: 10, dailyTokensPerServer: ALLOWANCE, now: noon });
          budget.useLedger(store);
          return createLlmAnswerer({ chat: chatFor(fake), ...desk, logger, budget });
        });
        const answers = await Promise.all(
          Array.from({ length: ASKERS }, (_, n) =>
            answerers[n % answerers.length]!.answer('How much did the repairs cost?', {
              userId: `member-${n}`,
              guildId: 'guild-1',
            }),
          ),
        );
        // A reservation is settled just after its answer is returned; let the last ones land.
        await new Promise((resolve) => setTimeout(resolve, 200));
        const calls = fake.requests.length;
        expect(calls).toBeGreaterThan(0);
        expect(calls * USED_PER_CALL).toBeLessThanOrEqual(ALLOWANCE);
        expect(await stores[0]!.tokensUsed('guild-1', DAY)).toBe(calls * USED_PER_CALL);
        const refused = answers.filter((answer) => answer.fallback && answer.reason === 'budget');
        expect(refused).toHaveLength(ASKERS - calls);
        expect(fake.unexpected).toEqual([]);
      } finally {
        for (const store of stores) await store.close();
        await fake.close();
      }
    });
  });
}
