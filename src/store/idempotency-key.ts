import { createHash } from 'node:crypto';

/**
 * Discord accepts a message `nonce` of at most 25 characters and, with `enforce_nonce`, returns the
 * message already created with that nonce instead of posting it again.
 * https://discord.com/developers/docs/resources/message#create-message
 */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 25;

/** The same (update, channel) always gets the same key, so a resend after a crash is recognised. */
export function idempotencyKey(updateKey: string, channelId: string): string {
  return createHash('sha256')
    .update(`${updateKey}\n${channelId}`)
    .digest('base64url')
    .slice(0, MAX_IDEMPOTENCY_KEY_LENGTH);
}
