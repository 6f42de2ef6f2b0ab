import { DiscordAPIError, HTTPError, RateLimitError, RESTJSONErrorCodes, type RepliableInteraction } from 'discord.js';
import { replyToError } from '../error-reply.js';
import type { Logger } from '../logger.js';
import { replyOrEdit } from './send.js';

/**
 * Discord refusing or failing a request is not a bug in Newsdesk: the interaction expired (10062),
 * was already answered (40060), the bot lacks a permission (50013) or the channel is gone (10003),
 * a rate limit outlasted discord.js's own retries (429), or Discord itself failed (5xx).
 * https://discord.com/developers/docs/topics/opcodes-and-status-codes#json-json-error-codes
 */
export function describeDiscordFailure(err: unknown): string | null {
  if (err instanceof RateLimitError) return 'rate limited';
  if (err instanceof DiscordAPIError) {
    switch (err.code) {
      case RESTJSONErrorCodes.UnknownInteraction:
        return 'interaction expired or unknown';
      case RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged:
        return 'interaction already acknowledged';
      case RESTJSONErrorCodes.MissingPermissions:
      case RESTJSONErrorCodes.MissingAccess:
        return 'missing permissions';
      case RESTJSONErrorCodes.UnknownChannel:
      case RESTJSONErrorCodes.UnknownMessage:
        return 'channel or message is gone';
      default:
        if (err.status === 429) return 'rate limited';
        if (err.status >= 500) return 'Discord failed';
        return null;
    }
  }
  if (err instanceof HTTPError && (err.status === 429 || err.status >= 500)) return 'Discord failed';
  // discord.js aborts a request that gets no answer in time (rest.timeout).
  if (err instanceof Error && err.name === 'AbortError') return 'Discord did not answer in time';
  return null;
}

/**
 * Answers an interaction that ended in an error, under the one error policy (`replyToError`), sent
 * the one way every Discord answer is (`replyOrEdit`: reply if not yet acknowledged, edit if
 * deferred, follow up if already replied). A refusal from Discord itself is only logged: telling
 * the user would most likely be refused too. If even the apology cannot be sent, that is logged
 * and dropped: the process carries on.
 */
export async function answerWithError(interaction: RepliableInteraction, err: unknown, log: Logger): Promise<void> {
  const failure = describeDiscordFailure(err);
  if (failure) {
    log.warn({ err, failure }, 'could not answer the interaction');
    return;
  }
  const { reply } = replyToError(err, log, 'interaction failed');
  try {
    await replyOrEdit(interaction, reply);
  } catch (sendErr) {
    log.warn({ err: sendErr, failure: describeDiscordFailure(sendErr) ?? 'unexpected' }, 'could not send the error');
  }
}
