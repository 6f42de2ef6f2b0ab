import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CommandRegistry, GLOBAL, type RegisteredCommand } from './commands.js';
import { type Fault, Faults, type RouteMatcher } from './faults.js';
import { Gateway, Intent, PRIVILEGED_INTENTS } from './gateway.js';
import { interactionRoutes } from './interaction-routes.js';
import {
  type InjectedInteraction,
  type InteractionContext,
  type InteractionRecord,
  Interactions,
  type OptionValues,
} from './interactions.js';
import { Messages } from './messages.js';
import { type RateLimitCounts, RateLimiter, type RateLimitOptions } from './rate-limits.js';
import { type RecordedRequest, Recorder, type Violation } from './recorder.js';
import { resourceRoutes } from './resource-routes.js';
import { createRestHandler } from './rest.js';
import { createSnowflakes } from './snowflake.js';
import { DEFAULT_SPEC_PATH, SpecValidator } from './spec-validator.js';
import { injectMessage, type MessageInjection } from './user-messages.js';
import {
  type FakeChannel,
  type FakeGuild,
  type FakeMessage,
  type FakeOverwrite,
  type FakeUser,
  isThread,
  type NewThreadOptions,
  World,
  type WorldOptions,
} from './world.js';

export type { Fault, RouteMatcher } from './faults.js';
export { Intent } from './gateway.js';
export type { InjectedInteraction, InteractionContext, ReplyEvent } from './interactions.js';
export { DISCORD_CHANNEL_MESSAGE_LIMIT, type RateLimitCounts, type RateLimitOptions } from './rate-limits.js';
export type { RecordedRequest, Violation } from './recorder.js';
export type { MessageInjection } from './user-messages.js';
export type { FakeChannel, FakeGuild, FakeMessage, FakeOverwrite, FakeUser, NewThreadOptions } from './world.js';
export { ChannelKind, Permission } from './world.js';

// Discord: "you must send an initial response within 3 seconds of receiving the event".
// https://discord.com/developers/docs/interactions/receiving-and-responding#responding-to-an-interaction
const ACK_DEADLINE_MS = 3000;

// Application flags GATEWAY_PRESENCE_LIMITED, GATEWAY_GUILD_MEMBERS_LIMITED and
// GATEWAY_MESSAGE_CONTENT_LIMITED: the privileged intents are switched on for an unverified bot.
// https://discord.com/developers/docs/resources/application#application-object-application-flags
const LIMITED_INTENT_FLAGS = (1 << 13) | (1 << 15) | (1 << 19);

export interface FakeDiscordOptions extends WorldOptions, RateLimitOptions {
  /** The bot token the fake accepts (REST `Bot <token>`, gateway IDENTIFY). */
  token?: string;
  heartbeatIntervalMs?: number;
  /** Privileged intents enabled in the "developer portal"; all three by default. */
  allowedPrivilegedIntents?: number;
  /** OpenAPI file to validate bodies against; null disables validation. */
  specPath?: string | null;
  /** Where notices go (spec missing, ...); defaults to console.warn. */
  log?: (message: string) => void;
}

export interface InteractionReplies {
  interactionId: string;
  injectedAt: number;
  acknowledgement: InteractionRecord['ack'];
  /** The @original message in its final state (null before a reply or deferral). */
  original: FakeMessage | null;
  followUps: FakeMessage[];
  events: InteractionRecord['events'];
}

export interface FakeDiscord {
  /** `http://127.0.0.1:PORT/api`: give it to discord.js as `rest: { api }`. */
  readonly apiUrl: string;
  readonly gatewayUrl: string;
  readonly token: string;
  readonly bot: FakeUser;
  readonly applicationId: string;
  /** The default guild, its #general channel and a member called alice. */
  readonly guild: FakeGuild;
  readonly channel: FakeChannel;
  readonly user: FakeUser;
  readonly requests: readonly RecordedRequest[];
  readonly violations: readonly Violation[];
  readonly warnings: readonly string[];
  /** Intents of the most recent IDENTIFY; undefined before one. */
  readonly intents: number | undefined;
  readonly commands: {
    list(guildId?: string): RegisteredCommand[];
    /** How many bulk overwrites (PUT) reached a scope, or all scopes when omitted. */
    putCount(guildId?: string): number;
  };
  /** 429s answered so far: by the rate limits in the options, and by `failNext`. */
  readonly rateLimited: Readonly<RateLimitCounts>;
  createUser(username: string, options?: { guildId?: string; roles?: string[] }): FakeUser;
  /** A text channel, or another kind by `type` (`ChannelKind.Announcement`, `Forum`, `Voice`, `Category`). */
  createChannel(name: string, options?: { guildId?: string; type?: number; parentId?: string }): FakeChannel;
  /** A thread (public unless `type` says otherwise) in a text, announcement or forum channel. */
  createThread(parentId: string, name: string, options?: NewThreadOptions): FakeChannel;
  /** Deletes a channel (CHANNEL_DELETE to the bot); later requests to it get 404 Unknown Channel. */
  deleteChannel(channelId: string): void;
  /** Sets a role's or member's overwrite on a channel (a thread's parent), sent to the bot as CHANNEL_UPDATE. */
  setOverwrite(channelId: string, overwrite: FakeOverwrite): void;
  /** Denies the bot permissions in a channel (a thread's parent) through a member overwrite. */
  denyBot(channelId: string, permissions: bigint): void;
  /** Messages in a channel, oldest first, without deleted ones. */
  messagesIn(channelId: string): FakeMessage[];
  dmChannel(user: FakeUser): FakeChannel;
  inject: {
    command(name: string, options?: OptionValues, context?: InteractionContext): InjectedInteraction;
    autocomplete(
      name: string,
      options: OptionValues,
      focused: string,
      context?: InteractionContext,
    ): InjectedInteraction;
    button(customId: string, message: FakeMessage, user?: FakeUser): InjectedInteraction;
    messageContextMenu(name: string, message: FakeMessage, context?: InteractionContext): InjectedInteraction;
    message(message: MessageInjection): FakeMessage;
  };
  waitFor(predicate: (request: RecordedRequest) => boolean, timeoutMs?: number): Promise<RecordedRequest>;
  interactionReplies(interactionId: string): InteractionReplies;
  failNext(matcher: RouteMatcher, fault: Fault): void;
  /** Returns the violations so far and forgets them (for tests that provoke one on purpose). */
  takeViolations(): Violation[];
  expectNoViolations(): void;
  stop(): Promise<void>;
}

export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const token = options.token ?? 'fake-bot-token';
  const log = options.log ?? ((message: string) => console.warn(message));
  const nextId = createSnowflakes();
  const world = new World(nextId, options);
  const recorder = new Recorder();
  const faults = new Faults();
  const commands = new CommandRegistry(world.applicationId, nextId);
  const messages = new Messages(world, nextId);
  const spec = new SpecValidator(options.specPath === undefined ? DEFAULT_SPEC_PATH : options.specPath, log);
  const allowedPrivileged = options.allowedPrivilegedIntents ?? PRIVILEGED_INTENTS;
  const gateway = new Gateway(world, nextId, {
    token,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
    allowedPrivilegedIntents: allowedPrivileged,
    applicationFlags: allowedPrivileged === 0 ? 0 : LIMITED_INTENT_FLAGS,
    onViolation: (rule, message) => recorder.violation(rule, message),
  });
  const interactions = new Interactions(world, commands, gateway, recorder, nextId, ACK_DEADLINE_MS);
  const limiter = new RateLimiter(options);
  let gatewayUrl = '';
  const deps = {
    world,
    messages,
    commands,
    interactions,
    recorder,
    gateway,
    gatewayUrl: () => gatewayUrl,
    maxAcknowledgeMs: ACK_DEADLINE_MS,
  };
  const server = createServer(
    createRestHandler({
      token,
      routes: [...resourceRoutes(deps), ...interactionRoutes(deps)],
      recorder,
      faults,
      spec,
      limiter,
    }),
  );
  // Channel events reach the bot with the GUILDS intent, so discord.js's cache follows the fake.
  // https://discord.com/developers/docs/events/gateway-events#channels
  const channelEvent = (channel: FakeChannel, action: 'CREATE' | 'UPDATE' | 'DELETE') =>
    gateway.dispatch(`${isThread(channel) ? 'THREAD' : 'CHANNEL'}_${action}`, channel, Intent.Guilds);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  gatewayUrl = `ws://127.0.0.1:${port}/gateway`;
  gateway.attach(server, gatewayUrl);

  return {
    apiUrl: `http://127.0.0.1:${port}/api`,
    gatewayUrl,
    token,
    bot: world.bot,
    applicationId: world.applicationId,
    guild: world.guild,
    channel: world.channel,
    user: world.user,
    requests: recorder.requests,
    violations: recorder.violations,
    warnings: recorder.warnings,
    get intents() {
      return gateway.intents;
    },
    commands: {
      list: (guildId) => commands.list(guildId ?? GLOBAL),
      putCount: (guildId) => commands.putCount(guildId),
    },
    createUser(username, { guildId = world.guild.id, roles = [] } = {}) {
      const user = world.createUser(username);
      world.addMember(guildId, user, roles);
      return user;
    },
    get rateLimited() {
      return { ...limiter.counts };
    },
    createChannel(name, { guildId = world.guild.id, type, parentId } = {}) {
      const channel = world.createGuildChannel(guildId, name, { type, parentId });
      channelEvent(channel, 'CREATE');
      return channel;
    },
    createThread(parentId, name, threadOptions) {
      const thread = world.createThread(parentId, name, threadOptions);
      gateway.dispatch('THREAD_CREATE', { ...thread, newly_created: true }, Intent.Guilds);
      return thread;
    },
    deleteChannel(channelId) {
      for (const channel of world.deleteChannel(channelId)) channelEvent(channel, 'DELETE');
    },
    setOverwrite(channelId, overwrite) {
      channelEvent(world.setOverwrite(channelId, overwrite), 'UPDATE');
    },
    denyBot(channelId, permissions) {
      const overwrite = { id: world.bot.id, type: 1 as const, allow: '0', deny: permissions.toString() };
      channelEvent(world.setOverwrite(channelId, overwrite), 'UPDATE');
    },
    messagesIn: (channelId) => world.messagesIn(channelId),
    dmChannel: (user) => world.dmChannelWith(user.id),
    inject: {
      command: (name, values, context) => interactions.command(name, values, context),
      autocomplete: (name, values, focused, context) => interactions.autocomplete(name, values, focused, context),
      button: (customId, message, user) => interactions.button(customId, message, user),
      messageContextMenu: (name, message, context) => interactions.messageContextMenu(name, message, context),
      message: (message) => injectMessage({ world, messages, gateway, recorder }, message),
    },
    waitFor: (predicate, timeoutMs = 5000) => recorder.waitFor(predicate, timeoutMs),
    interactionReplies(interactionId) {
      const record = interactions.records.get(interactionId);
      if (!record) throw new Error(`fake-discord: no interaction ${interactionId} was injected`);
      return {
        interactionId,
        injectedAt: record.injectedAt,
        acknowledgement: record.ack,
        original: record.original,
        followUps: record.followUps,
        events: record.events,
      };
    },
    failNext: (matcher, fault) => faults.add(matcher, fault),
    takeViolations: () => recorder.violations.splice(0),
    expectNoViolations() {
      if (recorder.violations.length === 0) return;
      throw new Error(
        `fake-discord recorded ${recorder.violations.length} violation(s):\n${recorder.describeViolations()}`,
      );
    },
    async stop() {
      interactions.clearTimers();
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
