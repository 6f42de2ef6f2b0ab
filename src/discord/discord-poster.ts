import {
  type APIEmbed,
  type APIMessage,
  type APIThreadChannel,
  ChannelType,
  type Client,
  DiscordAPIError,
  type ForumChannel,
  HTTPError,
  type RateLimitData,
  RateLimitError,
  REST,
  RESTJSONErrorCodes,
  Routes,
  SnowflakeUtil,
  type ThreadChannel,
} from 'discord.js';
import type { Reply } from '../reply.js';
import { PostError, type Poster } from '../subscriptions/poster.js';
import { displaySafe } from '../text/display-safe.js';
import { truncate } from './limits.js';
import { renderPage } from './render.js';

/** How long one post may take before it goes back to the outbox as a transient failure. */
export const POST_TIMEOUT_MS = 10_000;

/** A forum post's title. https://discord.com/developers/docs/resources/channel#start-thread-in-forum-or-media-channel */
export const MAX_THREAD_NAME = 100;

/**
 * How far back a forum post is looked for before it is started again: the outbox retries a row at
 * most an hour apart (its backoff's cap), so a day covers every retry, even across an outage.
 */
export const FORUM_RETRY_WINDOW_MS = 24 * 60 * 60 * 1000;

export interface DiscordPosterOptions {
  timeoutMs?: number;
}

/**
 * Rate limits and retries. The outbox is the one retry queue, so the poster never waits for one
 * channel: the REST manager it posts through rejects instead of sleeping when a channel's bucket is
 * empty (known from Discord's X-RateLimit headers before sending, or from a 429), and the row goes
 * back to the outbox with Discord's wait while the worker carries on with other channels. Only the
 * global limit is waited out inside discord.js: it holds every channel alike, and sending any row
 * sooner is impossible. discord.js's own immediate retries are off (5xx, timeouts, dropped
 * connections): the worker retries with backoff instead, and a forum post (no nonce) is not sent
 * twice behind our back.
 *
 * This is a REST manager of its own, built from the client's REST options and token: discord.js
 * has no per-request switch for rejecting on a rate limit, and setting `rejectOnRateLimit` on the
 * client's manager would make the bot's replies to people fail instead of wait. The price: this
 * manager and the client's count the global 50 requests/s apart, so an overshoot is possible while
 * both are busy — Discord then answers a global 429, which discord.js waits out (and sharded bots
 * already count apart per shard).
 * https://discord.js.org/docs/packages/rest/main/RESTOptions:Interface#rejectOnRateLimit
 */
export function createDiscordPoster(client: Client, options: DiscordPosterOptions = {}): Poster {
  const rest = new REST({
    ...client.options.rest,
    rejectOnRateLimit: (limit: RateLimitData) => !limit.global,
    retries: 0,
    timeout: options.timeoutMs ?? POST_TIMEOUT_MS,
  });

  return {
    async post(channelId, reply, idempotencyKey) {
      if (!client.token) throw new PostError('transient', 'Newsdesk is not logged in to Discord yet');
      rest.setToken(client.token);
      let label = `<#${channelId}>`;
      try {
        // The kind decides the route (a forum takes posts). Channels of guilds on another shard are
        // not cached here: fetched once, then cached.
        const channel =
          client.channels.cache.get(channelId) ?? (await client.channels.fetch(channelId, { allowUnknownGuild: true }));
        if (channel && 'name' in channel && channel.name) label = `#${channel.name}`;
        return channel?.type === ChannelType.GuildForum
          ? await createForumPost(rest, channel, reply)
          : await createMessage(rest, channelId, reply, idempotencyKey);
      } catch (err) {
        throw toPostError(err, label);
      }
    },
  };
}

/** The update as one message: the renderer's embed, nobody mentioned. */
function messageBody(reply: Reply): { embeds: APIEmbed[]; allowed_mentions: { parse: [] } } {
  const { payload } = renderPage({ ...reply, ephemeral: false });
  return { embeds: payload.embeds, allowed_mentions: { parse: [] } };
}

/**
 * With `enforce_nonce`, Discord answers a nonce this bot already used in the channel within the
 * last few minutes with the message it created then: a resend after a crash or a lost response
 * is recognised instead of posted twice.
 * https://discord.com/developers/docs/resources/message#create-message-jsonform-params
 */
async function createMessage(
  rest: REST,
  channelId: string,
  reply: Reply,
  idempotencyKey: string,
): Promise<{ messageId: string }> {
  const body = { ...messageBody(reply), nonce: idempotencyKey, enforce_nonce: true };
  const message = (await rest.post(Routes.channelMessages(channelId), { body })) as APIMessage;
  return { messageId: message.id };
}

/**
 * A forum takes posts, not messages: a thread named after the update with the update as its first
 * message. Starting a thread takes no nonce, so the post is made idempotent here instead: before
 * starting one, the forum's cached threads are searched for this post made by an earlier attempt
 * (a response lost to a timeout, or a crash before the outbox marked the row sent), and its id is
 * returned instead of posting again. A match is a thread in this forum started by this bot, named
 * exactly as this post would be, created within FORUM_RETRY_WINDOW_MS, whose first message carries
 * the same embed (title, description, sources, footer; compared as text). The name alone is not
 * enough: two articles with the same headline (a wire story run by two outlets) are two posts. The
 * normal path costs no request: the cache is discord.js's, filled from GUILD_CREATE's active threads
 * at login and from the THREAD_CREATE Discord sends for each thread the bot starts; only a thread
 * matching by name has its first message read, from the message cache or else one GET.
 *
 * Limits, where a post can still be doubled or one suppressed:
 * - A retry that runs before the THREAD_CREATE of the lost attempt arrived, or for a forum in a
 *   guild on another shard (its threads are never in this cache), finds nothing and posts again.
 *   Forum posts wait until the client is ready, so after a restart the guilds' threads are cached.
 * - A thread archived before a restart is not in GUILD_CREATE, nor is a renamed one found by name.
 * - A first message that cannot be read (deleted: 404; no Read Message History: 403) leaves the
 *   name to go on: the thread counts as this post, so a second same-headline story is not posted.
 * Retrying only from the outbox (never inside discord.js) keeps the rest to those cases.
 * https://discord.com/developers/docs/resources/channel#start-thread-in-forum-or-media-channel
 */
async function createForumPost(rest: REST, forum: ForumChannel, reply: Reply): Promise<{ messageId: string }> {
  if (!forum.client.isReady()) {
    throw new PostError('transient', 'Newsdesk is still connecting to Discord; forum posts wait until it is ready');
  }
  const name = truncate(displaySafe(reply.title).trim() || 'Newsdesk update', MAX_THREAD_NAME);
  const message = messageBody(reply);
  const earlier = await findEarlierPost(rest, forum, name, message.embeds);
  // The first message of a forum post shares the thread's id.
  if (earlier) return { messageId: earlier };
  const thread = (await rest.post(Routes.threads(forum.id), {
    body: { name, message },
  })) as APIThreadChannel & { message?: APIMessage };
  return { messageId: thread.message?.id ?? thread.id };
}

/** The id of this post if an earlier attempt already made it (see createForumPost), newest first. */
async function findEarlierPost(
  rest: REST,
  forum: ForumChannel,
  name: string,
  embeds: APIEmbed[],
): Promise<string | undefined> {
  const since = Date.now() - FORUM_RETRY_WINDOW_MS;
  const candidates = [...forum.threads.cache.values()]
    .filter((thread) => thread.ownerId === forum.client.user.id && thread.name === name && createdAt(thread) >= since)
    .sort((a, b) => createdAt(b) - createdAt(a));
  const wanted = embedText(embeds);
  for (const thread of candidates) {
    const first = await firstMessageEmbeds(rest, thread);
    if (first === undefined || embedText(first) === wanted) return thread.id;
  }
  return undefined;
}

/** Threads made before 2022 lack `create_timestamp`; the id's snowflake always has the time. */
function createdAt(thread: ThreadChannel): number {
  return thread.createdTimestamp ?? SnowflakeUtil.timestampFrom(thread.id);
}

/** The embeds of a forum post's first message (it shares the thread's id); undefined if unreadable. */
async function firstMessageEmbeds(rest: REST, thread: ThreadChannel): Promise<APIEmbed[] | undefined> {
  const cached = thread.messages.cache.get(thread.id);
  if (cached) return cached.embeds.map((embed) => embed.data);
  try {
    const message = (await rest.get(Routes.channelMessage(thread.id, thread.id))) as APIMessage;
    return message.embeds;
  } catch (err) {
    // Deleted, or the bot may not read history there: another error is retried by the outbox.
    if (err instanceof DiscordAPIError && (err.status === 403 || err.status === 404)) return undefined;
    throw err;
  }
}

/** What a reader sees of the embeds, as one string; what Discord adds (type, colour, proxies) is left out. */
function embedText(embeds: readonly APIEmbed[]): string {
  const text = (value: string | undefined) => value?.trim() ?? '';
  return JSON.stringify(
    embeds.map((embed) => [
      text(embed.title),
      text(embed.description),
      text(embed.url),
      (embed.fields ?? []).map((field) => [text(field.name), text(field.value)]),
      text(embed.footer?.text),
    ]),
  );
}

/**
 * What went wrong, in words a person reading /subscriptions understands, and whether retrying
 * can help: a channel gone or out of reach pauses the subscription; a rate limit or an outage is
 * retried. https://discord.com/developers/docs/topics/opcodes-and-status-codes#json-json-error-codes
 */
export function toPostError(err: unknown, label: string): PostError {
  if (err instanceof PostError) return err;
  if (err instanceof RateLimitError) {
    const scope = err.global ? 'Discord’s global limit' : `the limit for ${label}`;
    return new PostError('rate_limited', `waiting for ${scope}`, err.retryAfter);
  }
  if (err instanceof DiscordAPIError) {
    const permanent = (reason: string) => new PostError('permanent', reason);
    switch (err.code) {
      case RESTJSONErrorCodes.UnknownChannel:
        return permanent('the channel was deleted');
      case RESTJSONErrorCodes.UnknownGuild:
        return permanent('Newsdesk is no longer in that server');
      case RESTJSONErrorCodes.MissingAccess:
        return permanent(`Newsdesk lost access to ${label}: Missing Access`);
      case RESTJSONErrorCodes.MissingPermissions:
        return permanent(`Newsdesk lost access to ${label}: Missing Permissions`);
      case RESTJSONErrorCodes.InvalidActionOnArchivedThread:
        return permanent(`${label} is an archived, locked thread`);
      case RESTJSONErrorCodes.CannotSendMessagesInNonTextChannel:
        return permanent(`${label} does not take messages`);
    }
    if (err.status === 429) return new PostError('rate_limited', `rate limited in ${label}`, retryAfterMs(err));
    // A refused token is the bot's problem, not the channel's: pausing every subscription would not help.
    if (err.status === 401) return new PostError('transient', 'Discord refused Newsdesk’s token (401)');
    if (err.status >= 500) return new PostError('transient', `Discord answered ${err.status}: ${err.message}`);
    // Any other refusal (403, 404, a 400 for this request) is refused again on a retry.
    return permanent(`Discord refused the post in ${label}: ${err.message}`);
  }
  if (err instanceof HTTPError) return new PostError('transient', `Discord answered ${err.status} ${err.message}`);
  if (err instanceof Error && err.name === 'AbortError') {
    return new PostError('transient', 'Discord did not answer in time');
  }
  return new PostError('transient', `could not reach Discord: ${err instanceof Error ? err.message : String(err)}`);
}

/** A 429 that reached us as an error carries Discord's wait in its body, in seconds. */
function retryAfterMs(err: DiscordAPIError): number | undefined {
  const seconds = (err.rawError as { retry_after?: unknown }).retry_after;
  return typeof seconds === 'number' ? Math.ceil(seconds * 1000) : undefined;
}
