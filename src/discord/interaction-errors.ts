import { randomUUID } from 'node:crypto';
import { DiscordAPIError, HTTPError, RateLimitError, RESTJSONErrorCodes, type RepliableInteraction } from 'discord.js';
import { UserFacingError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Reply } from '../reply.js';
import { replyOrEdit } from './send.js';

/** The same refusal the console prints, so both transports answer identically. */
export function errorReply(message: string): Reply {
  return { tone: 'error', title: 'Could not do that', intro: message, items: [], citations: [], ephemeral: true };
}

/** A short id the user can quote and the logs can be searched for. */
export function newIncidentId(): string {
  return randomUUID().slice(0, 8);
}

export function apology(incident: string): Reply {
  return errorReply(`Sorry, something went wrong on our side. If it keeps happening, report incident ${incident}.`);
}

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
 * The one error policy for interactions, like Sapphire's: a UserFacingError is shown as written;
 * anything else is logged in full under an incident id and the user gets a short apology with it.
 * Both are ephemeral. If even the apology cannot be sent (Discord failing), that is logged and
 * dropped: the process carries on.
 */
export async function answerWithError(interaction: RepliableInteraction, err: unknown, log: Logger): Promise<void> {
  const failure = describeDiscordFailure(err);
  if (failure) {
    // Discord refused our answer; telling the user would most likely be refused too.
    log.warn({ err, failure }, 'could not answer the interaction');
    return;
  }
  let reply: Reply;
  if (err instanceof UserFacingError) {
    log.debug({ problem: err.message }, 'refused');
    reply = errorReply(err.message);
  } else {
    const incident = newIncidentId();
    log.error({ err, incident }, 'interaction failed');
    reply = apology(incident);
  }
  try {
    await replyOrEdit(interaction, reply);
  } catch (sendErr) {
    log.warn({ err: sendErr, failure: describeDiscordFailure(sendErr) ?? 'unexpected' }, 'could not send the error');
  }
}
