import { DiscordHttpError, ErrorCode, notFound } from './errors.js';
import { Intent } from './gateway.js';
import { MAX_THREAD_NAME } from './limits.js';
import { asObject, checkMessageBody, ok, type Route, type RouteContext, type RouteDeps } from './route.js';
import { ChannelKind, type FakeChannel, isThread, Permission } from './world.js';

const missingPermissions = () => new DiscordHttpError(403, ErrorCode.MissingPermissions, 'Missing Permissions');

/**
 * Posting in a guild's channels as Discord checks it: create message (text, announcement, threads;
 * nonce with `enforce_nonce`) and start thread (a forum post is a thread plus its first message).
 * https://discord.com/developers/docs/resources/message#create-message
 * https://discord.com/developers/docs/resources/channel#start-thread-in-forum-or-media-channel
 */
export function channelPostRoutes(deps: RouteDeps): Route[] {
  const { world, messages, gateway } = deps;
  const route = (method: string, template: string, handle: Route['handle']): Route => ({
    method,
    template,
    auth: true,
    handle,
  });
  const can = (channel: FakeChannel, permission: bigint) =>
    !channel.guild_id || (world.permissionsIn(channel.id, world.bot.id) & permission) !== 0n;

  /** The channel, if it exists and the bot can see it (404 Unknown Channel, 403 Missing Access). */
  const visible = (id: string | undefined): FakeChannel => {
    const channel = world.channels.get(id ?? '');
    if (!channel) throw notFound(ErrorCode.UnknownChannel, 'Unknown Channel');
    if (!can(channel, Permission.ViewChannel))
      throw new DiscordHttpError(403, ErrorCode.MissingAccess, 'Missing Access');
    return channel;
  };

  /**
   * A bot's embed-only message without Embed Links is refused with 403; with content, the embeds
   * are dropped. https://github.com/discord/discord-api-docs/issues/2601
   */
  const withEmbedsAllowed = (channel: FakeChannel, body: Record<string, unknown>) => {
    if (!Array.isArray(body.embeds) || body.embeds.length === 0 || can(channel, Permission.EmbedLinks)) return body;
    if (typeof body.content !== 'string' || body.content === '') throw missingPermissions();
    return { ...body, embeds: [] };
  };

  /** Sending in an archived thread unarchives it, unless it is locked and the bot cannot manage threads. */
  const reopenIfArchived = (thread: FakeChannel) => {
    const metadata = thread.thread_metadata;
    if (!metadata?.archived) return;
    if (metadata.locked && !can(thread, Permission.ManageThreads)) {
      throw new DiscordHttpError(400, ErrorCode.ThreadArchived, 'Thread is archived');
    }
    metadata.archived = false;
    gateway.dispatch('THREAD_UPDATE', thread, Intent.Guilds);
  };

  const createMessage = (c: RouteContext) => {
    const channel = visible(c.params.channel_id);
    if (channel.type === ChannelKind.Forum || channel.type === ChannelKind.Category) {
      throw new DiscordHttpError(
        400,
        ErrorCode.CannotSendInNonTextChannel,
        'Cannot send messages in a non-text channel',
      );
    }
    if (isThread(channel)) {
      if (!can(channel, Permission.SendMessagesInThreads)) throw missingPermissions();
      reopenIfArchived(channel);
    } else if (!can(channel, Permission.SendMessages)) {
      throw missingPermissions();
    }
    checkMessageBody(deps, c.body, c);
    const body = withEmbedsAllowed(channel, asObject(c.body));
    // With enforce_nonce, a nonce already used by this author in this channel within the last few
    // minutes returns that message instead of creating another.
    if (body.enforce_nonce === true) {
      const earlier = messages.findByNonce(channel.id, world.bot.id, body.nonce);
      if (earlier) return ok(earlier);
    }
    return ok(messages.create({ channelId: channel.id, author: world.bot, body, files: c.files }));
  };

  const startThread = (c: RouteContext) => {
    const parent = visible(c.params.channel_id);
    const body = asObject(c.body);
    const name = typeof body.name === 'string' ? body.name : '';
    if (name.length < 1 || name.length > MAX_THREAD_NAME) {
      deps.recorder.violation('thread-limits', `thread name length is ${name.length} (1 to ${MAX_THREAD_NAME})`, {
        request: `${c.request.method} ${c.request.path}`,
      });
      throw new DiscordHttpError(400, ErrorCode.InvalidFormBody, 'Invalid Form Body');
    }
    if (parent.type === ChannelKind.Forum) {
      // "Create Posts" in Discord's UI is Send Messages on a forum.
      if (!can(parent, Permission.SendMessages)) throw missingPermissions();
      const message = asObject(body.message);
      checkMessageBody(deps, message, c);
      const first = withEmbedsAllowed(parent, message);
      const thread = world.createThread(parent.id, name, { ownerId: world.bot.id });
      thread.member_count = 1;
      const created = messages.create({
        channelId: thread.id,
        author: world.bot,
        body: first,
        files: c.files,
        id: thread.id,
      });
      gateway.dispatch('THREAD_CREATE', { ...thread, newly_created: true }, Intent.Guilds);
      return { status: 201, body: { ...thread, message: created } };
    }
    if (parent.type === ChannelKind.Text || parent.type === ChannelKind.Announcement) {
      if (!can(parent, Permission.CreatePublicThreads)) throw missingPermissions();
      const thread = world.createThread(parent.id, name, { ownerId: world.bot.id });
      gateway.dispatch('THREAD_CREATE', { ...thread, newly_created: true }, Intent.Guilds);
      return { status: 201, body: thread };
    }
    throw new DiscordHttpError(400, ErrorCode.InvalidChannelType, 'Cannot execute action on this channel type');
  };

  return [
    route('POST', '/channels/:channel_id/messages', createMessage),
    route('POST', '/channels/:channel_id/threads', startThread),
  ];
}
