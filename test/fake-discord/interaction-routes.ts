import { DiscordHttpError, ErrorCode, notFound } from './errors.js';
import { type InteractionRecord, InteractionType } from './interactions.js';
import { checkAutocompleteChoices, checkModal } from './limits.js';
import { MessageFlag } from './messages.js';
import {
  asObject,
  checkMessageBody,
  noContent,
  ok,
  type Route,
  type RouteContext,
  type RouteDeps,
  rejectProblems,
} from './route.js';
import type { FakeMessage } from './world.js';

// Callback types: https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-response-object-interaction-callback-type
const Callback = { Reply: 4, Deferred: 5, DeferredUpdate: 6, Update: 7, Autocomplete: 8, Modal: 9 };
const ALLOWED_CALLBACKS: Record<number, number[]> = {
  [InteractionType.ApplicationCommand]: [Callback.Reply, Callback.Deferred, Callback.Modal],
  [InteractionType.MessageComponent]: [
    Callback.Reply,
    Callback.Deferred,
    Callback.DeferredUpdate,
    Callback.Update,
    Callback.Modal,
  ],
  [InteractionType.Autocomplete]: [Callback.Autocomplete],
  [InteractionType.ModalSubmit]: [Callback.Reply, Callback.Deferred, Callback.DeferredUpdate, Callback.Update],
};
// Interaction tokens stay valid for follow-ups for 15 minutes.
// https://discord.com/developers/docs/interactions/receiving-and-responding#followup-messages
const TOKEN_LIFETIME_MS = 15 * 60 * 1000;

/** Interaction callbacks and the interaction webhook (follow-ups, @original edits). */
export function interactionRoutes(deps: RouteDeps): Route[] {
  const { world, messages, interactions, recorder } = deps;
  const route = (method: string, template: string, handle: Route['handle']): Route => ({
    method,
    template,
    auth: false,
    handle,
  });

  const byWebhook = (c: RouteContext): InteractionRecord => {
    const record = interactions.byToken(c.params.token ?? '');
    if (!record || c.params.application_id !== world.applicationId)
      throw notFound(ErrorCode.UnknownWebhook, 'Unknown Webhook');
    const where = { request: `${c.request.method} ${c.request.path}`, interactionId: record.id };
    if (c.request.at - record.injectedAt > TOKEN_LIFETIME_MS) {
      recorder.violation(
        'interaction-token-expired',
        'interaction webhook used after the 15-minute token lifetime',
        where,
      );
      throw notFound(ErrorCode.UnknownWebhook, 'Unknown Webhook');
    }
    if (!record.ack) {
      recorder.violation(
        'follow-up-before-ack',
        'interaction webhook used before the interaction was acknowledged',
        where,
      );
      throw notFound(ErrorCode.UnknownWebhook, 'Unknown Webhook');
    }
    return record;
  };
  const webhookMessage = (record: InteractionRecord, messageId: string | undefined): FakeMessage => {
    const message = messageId === '@original' ? record.original : record.followUps.find((m) => m.id === messageId);
    if (!message || message.deleted) throw notFound(ErrorCode.UnknownMessage, 'Unknown Message');
    return message;
  };
  const interactionMeta = (record: InteractionRecord) => ({
    id: record.id,
    type: record.type,
    user: record.user,
    commandType: record.type === InteractionType.ApplicationCommand ? 1 : undefined,
  });

  return [
    // https://discord.com/developers/docs/interactions/receiving-and-responding#create-interaction-response
    route('POST', '/interactions/:interaction_id/:interaction_token/callback', (c) => {
      const record = interactions.records.get(c.params.interaction_id ?? '');
      if (!record || record.token !== c.params.interaction_token)
        throw notFound(ErrorCode.UnknownInteraction, 'Unknown interaction');
      if (record.ack)
        throw new DiscordHttpError(400, ErrorCode.AlreadyAcknowledged, 'Interaction has already been acknowledged.');
      if (c.request.at - record.injectedAt > deps.maxAcknowledgeMs) interactions.expire(record);
      if (record.expired) throw notFound(ErrorCode.UnknownInteraction, 'Unknown interaction');
      const body = asObject(c.body);
      const type = Number(body.type);
      const where = { request: `${c.request.method} ${c.request.path}`, interactionId: record.id };
      if (!ALLOWED_CALLBACKS[record.type]?.includes(type)) {
        recorder.violation(
          'interaction-callback-type',
          `callback type ${type} is not valid for interaction type ${record.type}`,
          where,
        );
        throw new DiscordHttpError(400, ErrorCode.InvalidFormBody, 'Invalid Form Body');
      }
      const data = asObject(body.data);
      if (type === Callback.Reply || type === Callback.Update) checkMessageBody(deps, data, c, record.id);
      if (type === Callback.Autocomplete) rejectProblems(deps, checkAutocompleteChoices(body.data), c, record.id);
      if (type === Callback.Modal) rejectProblems(deps, checkModal(body.data), c, record.id);

      const author = world.bot;
      if (type === Callback.Reply || type === Callback.Deferred) {
        record.original = messages.create({
          channelId: record.channelId,
          author,
          body: type === Callback.Reply ? data : { flags: data.flags },
          files: c.files,
          interaction: interactionMeta(record),
          flags: type === Callback.Deferred ? MessageFlag.Loading : 0,
        });
      } else if (type === Callback.Update && record.sourceMessage) {
        record.original = messages.edit(record.sourceMessage, data, c.files);
      } else if (type === Callback.DeferredUpdate && record.sourceMessage) {
        record.original = record.sourceMessage;
      }
      if (record.timer) clearTimeout(record.timer);
      record.timer = null;
      record.ack = { type, at: c.request.at, latencyMs: c.request.at - record.injectedAt, data: body.data };
      record.events.push({ at: c.request.at, kind: 'ack', body });
      if (c.query.with_response !== 'true') return noContent();
      const flags = Number(record.original?.flags ?? 0);
      return ok({
        interaction: {
          id: record.id,
          type: record.type,
          response_message_id: record.original?.id,
          response_message_loading: (flags & MessageFlag.Loading) !== 0,
          response_message_ephemeral: (flags & MessageFlag.Ephemeral) !== 0,
        },
        resource: { type, ...(record.original ? { message: record.original } : {}) },
      });
    }),
    // https://discord.com/developers/docs/interactions/receiving-and-responding#create-followup-message
    route('POST', '/webhooks/:application_id/:token', (c) => {
      const record = byWebhook(c);
      checkMessageBody(deps, c.body, c, record.id);
      const message = messages.create({
        channelId: record.channelId,
        author: world.bot,
        body: asObject(c.body),
        files: c.files,
        interaction: interactionMeta(record),
      });
      record.followUps.push(message);
      record.events.push({ at: c.request.at, kind: 'follow-up', body: c.body });
      return ok(message);
    }),
    route('GET', '/webhooks/:application_id/:token/messages/:message_id', (c) =>
      ok(webhookMessage(byWebhook(c), c.params.message_id)),
    ),
    route('PATCH', '/webhooks/:application_id/:token/messages/:message_id', (c) => {
      const record = byWebhook(c);
      const message = webhookMessage(record, c.params.message_id);
      checkMessageBody(deps, c.body, c, record.id);
      messages.edit(message, asObject(c.body), c.files);
      const kind = c.params.message_id === '@original' ? 'edit-original' : 'edit-follow-up';
      record.events.push({ at: c.request.at, kind, body: c.body });
      return ok(message);
    }),
    route('DELETE', '/webhooks/:application_id/:token/messages/:message_id', (c) => {
      const record = byWebhook(c);
      const message = webhookMessage(record, c.params.message_id);
      message.deleted = true;
      const kind = c.params.message_id === '@original' ? 'delete-original' : 'delete-follow-up';
      record.events.push({ at: c.request.at, kind, body: undefined });
      return noContent();
    }),
  ];
}
