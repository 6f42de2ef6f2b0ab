/**
 * Cost controls for model calls: a cooldown per person between questions, and a daily token
 * allowance per server (UTC days). Direct messages (no server) share one allowance under
 * `DM_BUDGET_KEY`. Cooldowns live in memory (a restart forgives them).
 *
 * The allowance is a limit, not a tally: every call reserves what it could cost (its prompt plus
 * the most it may write) before it is made, and the reservation is settled with the real usage
 * after. With a ledger (the store) the reservation is one atomic step there, so however many
 * people ask at once, in however many processes, the day's count never passes the allowance. The
 * counts cached here only serve /status and the quick refusal in `check`.
 */
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { estimateTokens, failureReason } from './chat.js';
import { utcDay } from './token-day.js';

export const DEFAULT_COOLDOWN_SECONDS = 10;
export const DEFAULT_DAILY_TOKENS_PER_SERVER = 200_000;
export const DM_BUDGET_KEY = 'dm';
const MS_PER_DAY = 86_400_000;

/** Where token counts are kept between restarts and shared between processes (the Store). */
export interface TokenLedger {
  /**
   * Adds model tokens to a server's count for a UTC day (`YYYY-MM-DD`, see `utcDay`) and returns
   * the day's new total. Atomic: concurrent calls, from any process, all count.
   */
  addTokens(guildId: string, day: string, tokens: number): Promise<number>;
  /**
   * Adds tokens to the day's count only if the total stays within `limit`, and returns the new
   * total, or null (nothing added) when it would not. One atomic step: however many processes
   * reserve at once, the count never passes the limit through reservations.
   */
  reserveTokens(guildId: string, day: string, tokens: number, limit: number): Promise<number | null>;
  /** Takes back tokens reserved but not used (never below 0); returns the day's new total. */
  refundTokens(guildId: string, day: string, tokens: number): Promise<number>;
  /** A server's model tokens on a UTC day; 0 when none. */
  tokensUsed(guildId: string, day: string): Promise<number>;
}

/** A model call refused because the server's allowance cannot cover what it might cost. */
export class BudgetRefusal extends Error {
  override readonly name = 'BudgetRefusal';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/** Tokens held for one model call until its real usage is known. */
export interface TokenReservation {
  readonly tokens: number;
  /** Settles the reservation at the call's real usage: the difference is refunded (or charged). */
  settle(used: number): Promise<void>;
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
      return { ok: false, reason: 'budget', retryAfterSeconds: this.untilMidnight(), message: this.exhausted() };
    }
    // Re-inserted so the map stays in order of asking, which `forgetOldCooldowns` relies on.
    this.lastAsked.delete(userId);
    this.lastAsked.set(userId, now);
    this.forgetOldCooldowns(now);
    return { ok: true };
  }

  /**
   * Holds `tokens` of the server's allowance for today, or throws a BudgetRefusal when what is left
   * cannot cover them. With a ledger the decision is the ledger's, in one atomic step; if the
   * ledger cannot be reached it is made here (one process's view) and the failure reported.
   */
  async reserve(guildId: string | null, tokens: number): Promise<TokenReservation> {
    const key = guildId ?? DM_BUDGET_KEY;
    const day = this.today();
    const amount = Math.max(0, Math.round(tokens));
    let total: number | null | undefined;
    let inLedger = false;
    const { ledger } = this;
    if (ledger) {
      try {
        total = await ledger.reserveTokens(key, utcDay(new Date(day * MS_PER_DAY)), amount, this.dailyTokens);
        inLedger = true;
      } catch (err) {
        this.onLedgerError?.(err);
      }
    }
    if (total === undefined) total = this.reserveHere(key, day, amount);
    if (total === null) {
      if (inLedger) this.reread(key, day);
      throw new BudgetRefusal(this.exhausted(), this.untilMidnight());
    }
    this.settleCount(key, day, total);
    return this.reservation(key, day, amount, inLedger);
  }

  /**
   * Runs one model call within the allowance: reserves its prompt plus `maxTokens` (the most it may
   * write), makes the call, then settles at the tokens it reports. A call refused with an error
   * costs nothing; one that timed out keeps its prompt's share, which the endpoint may well have
   * read (and billed).
   */
  async metered<T extends { tokens: number }>(
    guildId: string | null,
    messages: readonly ChatCompletionMessageParam[],
    maxTokens: number,
    call: () => Promise<T>,
  ): Promise<T> {
    const prompt = estimateTokens(messages, '');
    const reservation = await this.reserve(guildId, prompt + maxTokens);
    try {
      const reply = await call();
      void reservation.settle(reply.tokens);
      return reply;
    } catch (err) {
      void reservation.settle(failureReason(err) === 'timeout' ? prompt : 0);
      throw err;
    }
  }

  private reservation(key: string, day: number, reserved: number, inLedger: boolean): TokenReservation {
    let settled = false;
    return {
      tokens: reserved,
      settle: async (used) => {
        if (settled) return;
        settled = true;
        const difference = Math.max(0, Math.round(used)) - reserved;
        if (difference === 0) return;
        const entry = this.spent.get(key);
        if (entry?.day === day) entry.tokens = Math.max(0, entry.tokens + difference);
        const { ledger } = this;
        if (!ledger || !inLedger) return;
        const dayText = utcDay(new Date(day * MS_PER_DAY));
        try {
          // More than reserved (an endpoint ignoring max_tokens) is charged all the same: it was spent.
          const total =
            difference > 0
              ? await ledger.addTokens(key, dayText, difference)
              : await ledger.refundTokens(key, dayText, -difference);
          const current = this.spent.get(key);
          if (current?.day === day) current.tokens = total;
        } catch (err) {
          this.onLedgerError?.(err);
        }
      },
    };
  }

  /** Without a ledger (or while it is unreachable): the same check and addition, atomic within this process. */
  private reserveHere(key: string, day: number, amount: number): number | null {
    const entry = this.spent.get(key);
    const used = entry?.day === day ? entry.tokens : 0;
    if (used + amount > this.dailyTokens) return null;
    this.spent.set(key, { day, tokens: used + amount });
    return used + amount;
  }

  /** The first check of a server's day reads its count from the ledger (other processes, earlier runs). */
  private refresh(key: string): void {
    const day = this.today();
    if (!this.ledger || this.spent.get(key)?.day === day) return;
    this.spent.set(key, { day, tokens: 0 });
    this.reread(key, day);
  }

  private reread(key: string, day: number): void {
    this.ledger
      ?.tokensUsed(key, utcDay(new Date(day * MS_PER_DAY)))
      .then((total) => this.settleCount(key, day, total))
      .catch((err: unknown) => this.onLedgerError?.(err));
  }

  /** The ledger's total is the truth for the cached count. */
  private settleCount(key: string, day: number, total: number): void {
    if (day === this.today()) this.spent.set(key, { day, tokens: total });
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

  private untilMidnight(): number {
    return Math.ceil((MS_PER_DAY - (this.now() % MS_PER_DAY)) / 1000);
  }

  private exhausted(): string {
    return `This server has used today's model allowance; it renews in ${formatWait(this.untilMidnight())} (00:00 UTC).`;
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
