/**
 * Cost controls for model calls: a cooldown per person between questions, and a daily token
 * allowance per server (UTC days). In memory: a restart forgives both, which errs on the side of
 * answering. Direct messages (no server) share one allowance under `DM_BUDGET_KEY`.
 */

export const DEFAULT_COOLDOWN_SECONDS = 10;
export const DEFAULT_DAILY_TOKENS_PER_SERVER = 200_000;
export const DM_BUDGET_KEY = 'dm';
const MS_PER_DAY = 86_400_000;

export interface LlmBudgetOptions {
  cooldownSeconds?: number;
  dailyTokensPerServer?: number;
  now?: () => number;
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

  constructor(options: LlmBudgetOptions = {}) {
    this.cooldownMs = (options.cooldownSeconds ?? DEFAULT_COOLDOWN_SECONDS) * 1000;
    this.dailyTokens = options.dailyTokensPerServer ?? DEFAULT_DAILY_TOKENS_PER_SERVER;
    this.now = options.now ?? Date.now;
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
    this.spent.set(key, { day, tokens: already + Math.max(0, Math.round(tokens)) });
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

function formatWait(seconds: number): string {
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.ceil((seconds % 3600) / 60);
  return hours ? `${hours} h ${minutes} min` : `${minutes} min`;
}
