import type { Reply } from '../reply.js';

/**
 * Where the delivery worker sends a post: the Discord adapter implements it (sending the
 * idempotency key as the message `nonce` with `enforce_nonce`, so a resend after a crash returns
 * the message already posted instead of a second one), tests use a recording fake.
 * https://discord.com/developers/docs/resources/message#create-message
 */
export interface Poster {
  post(channelId: string, reply: Reply, idempotencyKey: string): Promise<{ messageId: string }>;
}

/**
 * - `rate_limited`: a 429; try again after `retryAfterMs` (Discord's `retry_after`).
 * - `transient`: a 5xx, a timeout, a dropped connection; try again with backoff.
 * - `permanent`: the channel is gone or the bot lost access (404 Unknown Channel, 403 Missing
 *   Access / Missing Permissions); retrying cannot help, so the subscription is paused.
 */
export type PostErrorKind = 'rate_limited' | 'transient' | 'permanent';

export class PostError extends Error {
  override readonly name = 'PostError';

  constructor(
    readonly kind: PostErrorKind,
    message: string,
    /** For `rate_limited`: how long the platform asked us to wait. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}
