import { randomUUID } from 'node:crypto';
import { UserFacingError } from './errors.js';
import type { Logger } from './logger.js';
import type { Reply } from './reply.js';

/**
 * The one error policy, shared by every transport (console, slash commands, buttons, messages),
 * like Sapphire's single handler: a UserFacingError is shown as written; anything else is a bug,
 * logged in full under a short incident id that the apology repeats, so a report can be found in
 * the logs. Transports decide only how the reply is sent.
 */
export interface ErrorReply {
  reply: Reply;
  /** For metrics: refused (the person's request could not be done) or failed (a bug). */
  outcome: 'refused' | 'failed';
  /** Set for a bug: the id logged with the error and quoted in the apology. */
  incident?: string;
}

/** Turns an error into what the person is told, logging it as the policy says. */
export function replyToError(
  err: unknown,
  log: Logger,
  failure = 'command failed',
  fields: Readonly<Record<string, unknown>> = {},
): ErrorReply {
  if (err instanceof UserFacingError) {
    log.debug({ ...fields, problem: err.message }, 'refused');
    return { reply: errorReply(err.message), outcome: 'refused' };
  }
  const incident = newIncidentId();
  log.error({ ...fields, err, incident }, failure);
  return { reply: apology(incident), outcome: 'failed', incident };
}

/** A refusal as every transport shows it: only to the person who asked. */
export function errorReply(message: string): Reply {
  return { tone: 'error', title: 'Could not do that', intro: message, items: [], citations: [], ephemeral: true };
}

export function apology(incident: string): Reply {
  return errorReply(`Sorry, something went wrong on our side. If it keeps happening, report incident ${incident}.`);
}

/** A short id the person can quote and the logs can be searched for. */
function newIncidentId(): string {
  return randomUUID().slice(0, 8);
}
