// Discord's rate limits, opt-in: a global limit on every bot request and the per-channel limit on
// posting messages, with the headers discord.js reads to queue proactively.
// https://discord.com/developers/docs/topics/rate-limits

/** Discord's own per-channel message limit: 5 messages per 5 seconds. */
export const DISCORD_CHANNEL_MESSAGE_LIMIT = { limit: 5, windowMs: 5000 } as const;

const MESSAGE_ROUTE = 'POST /channels/:channel_id/messages';
/** One hash for the message route in every channel; the channel is the bucket's major parameter. */
const MESSAGE_BUCKET = 'fake-channel-messages';

export interface RateLimitOptions {
  /**
   * Requests per second a bot may make in all, as Discord's global limit (50). Interaction
   * callbacks and the interaction webhook are exempt, as on Discord.
   */
  globalRequestsPerSecond?: number;
  /** Limits POST /channels/:id/messages per channel; `true` for Discord's 5 per 5 seconds. */
  channelMessageLimit?: boolean | { limit: number; windowMs: number };
}

/** 429s the fake answered, by cause. */
export interface RateLimitCounts {
  /** From `globalRequestsPerSecond`. */
  global: number;
  /** From `channelMessageLimit`. */
  channel: number;
  /** From `failNext({ status: 429 })`. */
  injected: number;
}

export type RateLimitDecision =
  | { limited: false; headers: Record<string, string> }
  | { limited: true; scope: 'global' | 'channel'; headers: Record<string, string>; body: Record<string, unknown> };

interface Window {
  start: number;
  count: number;
}

/**
 * Fixed windows that open with the first request after the last one closed — the shape discord.js
 * itself assumes for the global limit. Discord documents the limits but not their algorithm.
 */
export class RateLimiter {
  readonly counts: RateLimitCounts = { global: 0, channel: 0, injected: 0 };
  private readonly perSecond: number | undefined;
  private readonly channelLimit: { limit: number; windowMs: number } | undefined;
  private global: Window = { start: 0, count: 0 };
  private readonly channels = new Map<string, Window>();

  constructor(options: RateLimitOptions = {}) {
    this.perSecond = options.globalRequestsPerSecond;
    const channel = options.channelMessageLimit;
    this.channelLimit = channel === true ? DISCORD_CHANNEL_MESSAGE_LIMIT : channel || undefined;
  }

  /**
   * Counts one request against the limits that apply to it. `route` is `METHOD /template`;
   * `botAuthorised` is false for routes authorised by an interaction token, which the global limit
   * leaves out.
   */
  check(route: string, params: Record<string, string>, botAuthorised: boolean, now = Date.now()): RateLimitDecision {
    if (this.perSecond !== undefined && botAuthorised) {
      const window = current(this.global, 1000, now);
      this.global = window;
      if (window.count >= this.perSecond) {
        this.counts.global++;
        const retryAfter = (window.start + 1000 - now) / 1000;
        return {
          limited: true,
          scope: 'global',
          headers: {
            'Retry-After': String(Math.ceil(retryAfter)),
            'X-RateLimit-Global': 'true',
            'X-RateLimit-Scope': 'global',
          },
          body: { message: 'You are being rate limited.', retry_after: retryAfter, global: true, code: 0 },
        };
      }
      window.count++;
    }
    if (!this.channelLimit || route !== MESSAGE_ROUTE) return { limited: false, headers: {} };
    const channelId = params.channel_id ?? '';
    const { limit, windowMs } = this.channelLimit;
    const window = current(this.channels.get(channelId), windowMs, now);
    this.channels.set(channelId, window);
    const resetAt = window.start + windowMs;
    const bucket = (remaining: number) => ({
      'X-RateLimit-Limit': String(limit),
      'X-RateLimit-Remaining': String(remaining),
      'X-RateLimit-Reset': (resetAt / 1000).toFixed(3),
      'X-RateLimit-Reset-After': ((resetAt - now) / 1000).toFixed(3),
      'X-RateLimit-Bucket': MESSAGE_BUCKET,
    });
    if (window.count >= limit) {
      this.counts.channel++;
      const retryAfter = (resetAt - now) / 1000;
      return {
        limited: true,
        scope: 'channel',
        headers: { ...bucket(0), 'Retry-After': String(Math.ceil(retryAfter)), 'X-RateLimit-Scope': 'user' },
        body: { message: 'You are being rate limited.', retry_after: retryAfter, global: false, code: 0 },
      };
    }
    window.count++;
    return { limited: false, headers: bucket(limit - window.count) };
  }
}

function current(window: Window | undefined, lengthMs: number, now: number): Window {
  return window && now < window.start + lengthMs ? window : { start: now, count: 0 };
}
