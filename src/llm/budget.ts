/**
 * Cost controls for model calls: a cooldown per person between questions, and a daily token
 * allowance per server (UTC days). Direct messages (no server) share one allowance under
 * `DM_BUDGET_KEY`. Cooldowns live in memory (a restart forgives them). Token counts are kept in a
 * ledger (the store) when one is given, so a restart or a second process does not grant a new
 * allowance; checks stay synchronous and read the counts cached here, refreshed from the ledger
 * on each charge and on the first check of a server's day, so after a restart at most the answer
 * in flight can overshoot.
 */
import { utcDay } from '../store/token-day.js';

export const DEFAULT_COOLDOWN_SECONDS = 10;
export const DEFAULT_DAILY_TOKENS_PER_SERVER = 200_000;
export const DM_BUDGET_KEY = 'dm';
const MS_PER_DAY = 86_400_000;

/** Where token counts are kept between restarts and shared between processes (the Store). */
export interface TokenLedger {
  /** Adds tokens to a server's count for a UTC day (`YYYY-MM-DD`) and returns the day's total. */
  addTokens(guildId: string, day: string, tokens: number): Promise<number>;
  tokensUsed(guildId: string, day: string): Promise<number>;
}

export interface LlmBudgetOptions {
  cooldownSeconds?: number;
  dailyTokensPerServer?: number;
  now?: () => number;
  ledger?: TokenLedger;
  /** Told when the ledger cannot be read or written; counting goes on in memory. */
  onLedgerError?: (err: unknown) => void;
}

export type BudgetCheck =
  | { ok: true }
  | { ok: false; reason: 'cooldown' | 'budget'; retryAfterSeconds: number; message: string };

export class LlmBudget {
  private readonly cooldownMs: number;
  private readonly dailyTokens: number;
  private readonly now: () => number;
  private readonly lastAsked = new Map<string, number>();
  private readonly spent = new Map<string, { day: number; tokens: number }>();

  private ledger: TokenLedger | undefined;
  private onLedgerError: ((err: unknown) => void) | undefined;

  constructor(options: LlmBudgetOptions = {}) {
    this.ledger = options.ledger;
    this.onLedgerError = options.onLedgerError;
    this.cooldownMs = (options.cooldownSeconds ?? DEFAULT_COOLDOWN_SECONDS) * 1000;
    this.dailyTokens = options.dailyTokensPerServer ?? DEFAULT_DAILY_TOKENS_PER_SERVER;
    this.now = options.now ?? Date.now;
  }

  /** Keeps token counts in `ledger` from now on (the store, once the composition root has opened it). */
  useLedger(ledger: TokenLedger, onError?: (err: unknown) => void): void {
    this.ledger = ledger;
    this.onLedgerError = onError;
  }

  /**
   * Whether this person may ask the model now; when they may, their cooldown starts, so a burst of
   * questions cannot all get through before the first is charged.
   */
  check(userId: string, guildId: string | null): BudgetCheck {
    const now = this.now();
    const last = this.lastAsked.get(userId);
    if (last !== undefined && now - last < this.cooldownMs) {
      const retryAfterSeconds = Math.ceil((this.cooldownMs - (now - last)) / 1000);
      return {
        ok: false,
        reason: 'cooldown',
        retryAfterSeconds,
        message: `Please wait ${retryAfterSeconds} s before asking the model again.`,
      };
    }
    this.refresh(guildId ?? DM_BUDGET_KEY);
    if (this.remaining(guildId) <= 0) {
      const retryAfterSeconds = Math.ceil((MS_PER_DAY - (now % MS_PER_DAY)) / 1000);
      return {
        ok: false,
        reason: 'budget',
        retryAfterSeconds,
        message: `This server has used today's model allowance; it renews in ${formatWait(retryAfterSeconds)} (00:00 UTC).`,
      };
    }
    // Re-inserted so the map stays in order of asking, which `forgetOldCooldowns` relies on.
    this.lastAsked.delete(userId);
    this.lastAsked.set(userId, now);
    this.forgetOldCooldowns(now);
    return { ok: true };
  }

  /** Charges tokens a model call used to the server's allowance for today. */
  spend(guildId: string | null, tokens: number): void {
    const key = guildId ?? DM_BUDGET_KEY;
    const day = this.today();
    const entry = this.spent.get(key);
    const already = entry?.day === day ? entry.tokens : 0;
    const charged = Math.max(0, Math.round(tokens));
    this.spent.set(key, { day, tokens: already + charged });
    const { ledger } = this;
    if (!ledger || charged === 0) return;
    ledger
      .addTokens(key, utcDay(new Date(day * MS_PER_DAY)), charged)
      .then((total) => this.settle(key, day, total))
      .catch((err: unknown) => this.onLedgerError?.(err));
  }

  /** The first check of a server's day reads its count from the ledger (other processes, earlier runs). */
  private refresh(key: string): void {
    const { ledger } = this;
    const day = this.today();
    if (!ledger || this.spent.get(key)?.day === day) return;
    this.spent.set(key, { day, tokens: 0 });
    ledger
      .tokensUsed(key, utcDay(new Date(day * MS_PER_DAY)))
      .then((total) => this.settle(key, day, total))
      .catch((err: unknown) => this.onLedgerError?.(err));
  }

  /** The ledger's total is authoritative; a charge made here meanwhile is already in it or still on its way. */
  private settle(key: string, day: number, total: number): void {
    const entry = this.spent.get(key);
    if (entry?.day === day) entry.tokens = Math.max(entry.tokens, total);
    else if (day === this.today()) this.spent.set(key, { day, tokens: total });
  }

  /** Tokens left today for the server, for /status. */
  remaining(guildId: string | null): number {
    const entry = this.spent.get(guildId ?? DM_BUDGET_KEY);
    const used = entry?.day === this.today() ? entry.tokens : 0;
    return Math.max(0, this.dailyTokens - used);
  }

  get dailyAllowance(): number {
    return this.dailyTokens;
  }

  private today(): number {
    return Math.floor(this.now() / MS_PER_DAY);
  }

  /** Cooldowns that have run out are forgotten, so the map holds only people who asked lately. */
  private forgetOldCooldowns(now: number): void {
    for (const [user, at] of this.lastAsked) {
      if (now - at < this.cooldownMs) break;
      this.lastAsked.delete(user);
    }
  }
}

/** Day number since the epoch → the ledger's `YYYY-MM-DD`. */
function formatWait(seconds: number): string {
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.ceil((seconds % 3600) / 60);
  return hours ? `${hours} h ${minutes} min` : `${minutes} min`;
}
