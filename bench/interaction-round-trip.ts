import { performance } from 'node:perf_hooks';
import type { FakeDiscord, RecordedRequest } from '../test/fake-discord/index.js';

type OptionValues = Record<string, unknown>;

// The three requests that can answer a slash command: the interaction callback, an edit of the
// deferred @original, or a follow-up (an ephemeral page after a public "thinking…" is deleted).
// https://discord.com/developers/docs/interactions/receiving-and-responding#responding-to-an-interaction
const CALLBACK = 'POST /interactions/:interaction_id/:interaction_token/callback';
const EDIT_MESSAGE = 'PATCH /webhooks/:application_id/:token/messages/:message_id';
const FOLLOW_UP = 'POST /webhooks/:application_id/:token';
/** CHANNEL_MESSAGE_WITH_SOURCE: a callback that is itself the answer (5 would be a deferral). */
const CALLBACK_REPLY = 4;
/** https://discord.com/developers/docs/resources/message#message-object-message-flags */
const EPHEMERAL = 1 << 6;
const HTTP_ERROR = 400;

export interface RoundTrip {
  /** Inject → the first successful callback (the user sees "thinking…" or the answer). */
  ackMs: number;
  /** Inject → the request that carries the answer. */
  finalMs: number;
  deferred: boolean;
  ephemeral: boolean;
  /** The answer's request body, for callers that read it (e.g. /status). */
  answer: unknown;
}

/**
 * Injects one slash command and times the bot's answer as seen by the fake. Both waits are
 * registered before the event loop can deliver anything, and each is stamped the moment the fake
 * records the request, so a waiting bench adds no polling delay to the numbers.
 */
export async function timeRoundTrip(
  fake: FakeDiscord,
  command: string,
  options: OptionValues,
  timeoutMs: number,
): Promise<RoundTrip> {
  const start = performance.now();
  const { id, token } = fake.inject.command(command, options);
  const stamp = (request: RecordedRequest) => ({ request, ms: performance.now() - start });
  const acknowledged = fake.waitFor((r) => isAcknowledgement(r, id), timeoutMs).then(stamp);
  const answered = fake.waitFor((r) => isAnswer(r, id, token), timeoutMs).then(stamp);
  const [ack, answer] = await Promise.allSettled([acknowledged, answered]);
  if (ack.status === 'rejected') throw new Error(`/${command} was not acknowledged within ${timeoutMs} ms`);
  if (answer.status === 'rejected') throw new Error(`/${command} was not answered within ${timeoutMs} ms`);
  const body = answer.value.request.body;
  return {
    ackMs: ack.value.ms,
    finalMs: answer.value.ms,
    deferred: answer.value.request !== ack.value.request,
    ephemeral: (messageFlags(answer.value.request) & EPHEMERAL) !== 0,
    answer: body,
  };
}

function isAcknowledgement(request: RecordedRequest, id: string): boolean {
  return request.route === CALLBACK && request.params.interaction_id === id && request.status < HTTP_ERROR;
}

function isAnswer(request: RecordedRequest, id: string, token: string): boolean {
  if (request.status >= HTTP_ERROR) return false;
  if (request.route === CALLBACK)
    return request.params.interaction_id === id && callbackType(request) === CALLBACK_REPLY;
  if (request.params.token !== token) return false;
  return (request.route === EDIT_MESSAGE && request.params.message_id === '@original') || request.route === FOLLOW_UP;
}

function callbackType(request: RecordedRequest): number {
  return Number((request.body as { type?: unknown } | null)?.type);
}

function messageFlags(request: RecordedRequest): number {
  const body = request.body as { flags?: unknown; data?: { flags?: unknown } } | null;
  return Number((request.route === CALLBACK ? body?.data?.flags : body?.flags) ?? 0) || 0;
}
