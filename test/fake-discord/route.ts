import type { CommandRegistry } from './commands.js';
import { invalidFormBody } from './errors.js';
import type { Gateway } from './gateway.js';
import type { Interactions } from './interactions.js';
import { carriesMessageContent, checkAllowedMentions, checkMessageLimits, type Problem } from './limits.js';
import type { Messages, UploadedFile } from './messages.js';
import type { RecordedRequest, Recorder } from './recorder.js';
import type { World } from './world.js';

export interface RouteContext {
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
  files: UploadedFile[];
  request: RecordedRequest;
}

export interface RouteResult {
  status: number;
  body?: unknown;
}

export interface Route {
  method: string;
  /** Path below `/api/v10` with `:param` segments. */
  template: string;
  /** Interaction callbacks and webhook-token routes are authorised by their token, not the bot's. */
  auth: boolean;
  handle(context: RouteContext): RouteResult;
}

/** What route handlers share. */
export interface RouteDeps {
  world: World;
  messages: Messages;
  commands: CommandRegistry;
  interactions: Interactions;
  recorder: Recorder;
  gateway: Gateway;
  gatewayUrl: () => string;
  maxAcknowledgeMs: number;
}

export const ok = (body: unknown): RouteResult => ({ status: 200, body });
export const noContent = (): RouteResult => ({ status: 204 });

/**
 * Checks a message create/edit body: mentions must be disabled (recorded, the request still succeeds,
 * as Discord would accept it) and limits must hold (recorded, and rejected with 400 like Discord).
 */
export function checkMessageBody(deps: RouteDeps, body: unknown, context: RouteContext, interactionId?: string): void {
  if (!carriesMessageContent(body)) return;
  const where = { request: `${context.request.method} ${context.request.path}`, interactionId };
  for (const p of checkAllowedMentions(body)) deps.recorder.violation(p.rule, p.message, where);
  rejectProblems(deps, checkMessageLimits(body), context, interactionId);
}

export function rejectProblems(deps: RouteDeps, problems: Problem[], context: RouteContext, interactionId?: string) {
  if (problems.length === 0) return;
  const where = { request: `${context.request.method} ${context.request.path}`, interactionId };
  for (const p of problems) deps.recorder.violation(p.rule, p.message, where);
  throw invalidFormBody(problems.map((p) => p.message));
}

export function asObject(body: unknown): Record<string, unknown> {
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}
