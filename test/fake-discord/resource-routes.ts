import { channelPostRoutes } from './channel-posts.js';
import { GLOBAL } from './commands.js';
import { DiscordHttpError, ErrorCode, notFound } from './errors.js';
import { guildObject } from './guild-payloads.js';
import { checkCommandDefinitions } from './limits.js';
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
import { type FakeChannel, Permission } from './world.js';

/** Routes a bot calls with its own token: gateway info, users, applications, commands, guilds, channels. */
export function resourceRoutes(deps: RouteDeps): Route[] {
  const { world, messages, commands } = deps;
  const route = (method: string, template: string, handle: Route['handle']): Route => ({
    method,
    template,
    auth: true,
    handle,
  });

  const channelOf = (id: string | undefined): FakeChannel => {
    const channel = world.channels.get(id ?? '');
    if (!channel) throw notFound(ErrorCode.UnknownChannel, 'Unknown Channel');
    if (channel.guild_id && !(world.permissionsIn(channel.id, world.bot.id) & Permission.ViewChannel)) {
      throw new DiscordHttpError(403, ErrorCode.MissingAccess, 'Missing Access');
    }
    return channel;
  };
  const guildOf = (id: string | undefined) => {
    const guild = world.guilds.get(id ?? '');
    if (!guild) throw notFound(ErrorCode.UnknownGuild, 'Unknown Guild');
    return guild;
  };
  const applicationScope = ({ params }: RouteContext, guild: boolean): string => {
    if (params.application_id !== world.applicationId)
      throw new DiscordHttpError(403, ErrorCode.MissingAccess, 'Missing Access');
    return guild ? guildOf(params.guild_id).id : GLOBAL;
  };
  const commandRoutes = (base: string, guild: boolean): Route[] => [
    route('GET', base, (c) => ok(commands.list(applicationScope(c, guild)))),
    // Bulk overwrite: https://discord.com/developers/docs/interactions/application-commands#bulk-overwrite-global-application-commands
    route('PUT', base, (c) => {
      const scope = applicationScope(c, guild);
      rejectProblems(deps, checkCommandDefinitions(c.body), c);
      return ok(commands.overwrite(scope, c.body as Record<string, unknown>[]));
    }),
    route('POST', base, (c) => {
      const scope = applicationScope(c, guild);
      rejectProblems(deps, checkCommandDefinitions([c.body]), c);
      return { status: 201, body: commands.upsert(scope, asObject(c.body)) };
    }),
    route('GET', `${base}/:command_id`, (c) => {
      const found = commands.list(applicationScope(c, guild)).find((x) => x.id === c.params.command_id);
      if (!found) throw notFound(ErrorCode.UnknownApplication, 'Unknown application command');
      return ok(found);
    }),
    route('DELETE', `${base}/:command_id`, (c) => {
      if (!commands.remove(applicationScope(c, guild), c.params.command_id ?? '')) {
        throw notFound(ErrorCode.UnknownApplication, 'Unknown application command');
      }
      return noContent();
    }),
  ];

  return [
    // https://discord.com/developers/docs/events/gateway#get-gateway-bot
    route('GET', '/gateway/bot', () =>
      ok({
        url: deps.gatewayUrl(),
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
      }),
    ),
    { ...route('GET', '/gateway', () => ok({ url: deps.gatewayUrl() })), auth: false },
    route('GET', '/users/@me', () => ok(world.bot)),
    route('GET', '/users/:user_id', ({ params }) => {
      const user = world.users.get(params.user_id ?? '');
      if (!user) throw notFound(ErrorCode.UnknownUser, 'Unknown User');
      return ok(user);
    }),
    route('POST', '/users/@me/channels', ({ body }) => {
      const recipient = String(asObject(body).recipient_id ?? '');
      if (!world.users.has(recipient)) throw notFound(ErrorCode.UnknownUser, 'Unknown User');
      return ok(world.dmChannelWith(recipient));
    }),
    route('GET', '/applications/@me', () =>
      ok({
        id: world.applicationId,
        name: world.bot.username,
        icon: null,
        description: '',
        bot_public: true,
        bot_require_code_grant: false,
        bot: world.bot,
        verify_key: '0'.repeat(64),
        flags: 0,
        team: null,
        owner: world.user,
        approximate_guild_count: world.guilds.size,
        integration_types_config: { 0: {} },
      }),
    ),
    ...commandRoutes('/applications/:application_id/commands', false),
    ...commandRoutes('/applications/:application_id/guilds/:guild_id/commands', true),
    route('GET', '/guilds/:guild_id', ({ params }) => ok(guildObject(guildOf(params.guild_id)))),
    route('GET', '/guilds/:guild_id/channels', ({ params }) => ok(guildOf(params.guild_id).channels)),
    route('GET', '/guilds/:guild_id/roles', ({ params }) => ok(guildOf(params.guild_id).roles)),
    route('GET', '/guilds/:guild_id/members/:user_id', ({ params }) => {
      const member = world.memberOf(guildOf(params.guild_id).id, params.user_id ?? '');
      if (!member) throw notFound(ErrorCode.UnknownMember, 'Unknown Member');
      return ok(member);
    }),
    route('GET', '/channels/:channel_id', ({ params }) => ok(channelOf(params.channel_id))),
    route('GET', '/channels/:channel_id/messages', ({ params, query }) => {
      const channel = channelOf(params.channel_id);
      return ok(messages.history(channel.id, query));
    }),
    route('GET', '/channels/:channel_id/messages/:message_id', ({ params }) => {
      const channel = channelOf(params.channel_id);
      const message = world.messages.get(params.message_id ?? '');
      if (!message || message.channel_id !== channel.id || message.deleted) {
        throw notFound(ErrorCode.UnknownMessage, 'Unknown Message');
      }
      return ok(message);
    }),
    route('PATCH', '/channels/:channel_id/messages/:message_id', (c) => {
      const channel = channelOf(c.params.channel_id);
      const message = world.messages.get(c.params.message_id ?? '');
      if (!message || message.channel_id !== channel.id) throw notFound(ErrorCode.UnknownMessage, 'Unknown Message');
      if ((message.author as { id: string }).id !== world.bot.id) {
        throw new DiscordHttpError(
          403,
          ErrorCode.CannotEditOtherUsersMessage,
          'Cannot edit a message authored by another user',
        );
      }
      checkMessageBody(deps, c.body, c);
      return ok(messages.edit(message, asObject(c.body), c.files));
    }),
    route('DELETE', '/channels/:channel_id/messages/:message_id', ({ params }) => {
      const message = world.messages.get(params.message_id ?? '');
      if (!message || message.channel_id !== channelOf(params.channel_id).id) {
        throw notFound(ErrorCode.UnknownMessage, 'Unknown Message');
      }
      message.deleted = true;
      return noContent();
    }),
    route('POST', '/channels/:channel_id/typing', ({ params }) => {
      channelOf(params.channel_id);
      return noContent();
    }),
    ...channelPostRoutes(deps),
  ];
}
