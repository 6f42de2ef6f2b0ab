import type { CommandOption, CommandRegistry } from './commands.js';
import type { Gateway } from './gateway.js';
import type { Recorder } from './recorder.js';
import type { NextId } from './snowflake.js';
import type { FakeChannel, FakeMessage, FakeUser, World } from './world.js';

// Interaction and option types: https://discord.com/developers/docs/interactions/receiving-and-responding
export const InteractionType = { ApplicationCommand: 2, MessageComponent: 3, Autocomplete: 4, ModalSubmit: 5 };
const OptionType = {
  Subcommand: 1,
  Group: 2,
  String: 3,
  Integer: 4,
  Boolean: 5,
  User: 6,
  Channel: 7,
  Role: 8,
  Mentionable: 9,
  Number: 10,
};

export interface InteractionContext {
  guildId?: string;
  channelId?: string;
  user?: FakeUser;
  locale?: string;
}

export interface InjectedInteraction {
  id: string;
  token: string;
  payload: Record<string, unknown>;
}

export interface ReplyEvent {
  at: number;
  kind: 'ack' | 'edit-original' | 'delete-original' | 'follow-up' | 'edit-follow-up' | 'delete-follow-up';
  body: unknown;
}

/** Everything a bot did in answer to one injected interaction. */
export interface InteractionRecord {
  id: string;
  token: string;
  type: number;
  channelId: string;
  guildId?: string;
  user: FakeUser;
  injectedAt: number;
  ack: { type: number; at: number; latencyMs: number; data?: unknown } | null;
  /** The message behind `@original` in its latest state (the component's message for types 6 and 7). */
  original: FakeMessage | null;
  followUps: FakeMessage[];
  events: ReplyEvent[];
  sourceMessage?: FakeMessage;
  expired: boolean;
  timer: NodeJS.Timeout | null;
}

export type OptionValues = Record<string, unknown>;

/** Builds INTERACTION_CREATE payloads, dispatches them and watches the 3-second acknowledgement rule. */
export class Interactions {
  readonly records = new Map<string, InteractionRecord>();

  constructor(
    private readonly world: World,
    private readonly commands: CommandRegistry,
    private readonly gateway: Gateway,
    private readonly recorder: Recorder,
    private readonly nextId: NextId,
    private readonly ackTimeoutMs: number,
  ) {}

  byToken(token: string): InteractionRecord | undefined {
    for (const record of this.records.values()) if (record.token === token) return record;
    return undefined;
  }

  command(name: string, options: OptionValues = {}, context: InteractionContext = {}): InjectedInteraction {
    const base = this.base(InteractionType.ApplicationCommand, context);
    const registered = this.commands.find(name, 1, base.guildId);
    const resolved = new Resolved();
    const data = {
      id: registered?.id ?? this.nextId(),
      name,
      type: 1,
      options: this.resolveOptions(registered?.options, options, base.guildId, resolved, base.user),
      resolved: resolved.toJSON(),
      ...(base.guildId ? { guild_id: base.guildId } : {}),
    };
    return this.inject(base, data);
  }

  /** An autocomplete request; `focused` names the option being typed (its value is sent as a string). */
  autocomplete(name: string, options: OptionValues, focused: string, context: InteractionContext = {}) {
    const base = this.base(InteractionType.Autocomplete, context);
    const registered = this.commands.find(name, 1, base.guildId);
    const resolved = new Resolved();
    const resolvedOptions = this.resolveOptions(registered?.options, options, base.guildId, resolved, base.user);
    markFocused(resolvedOptions, focused);
    return this.inject(base, { id: registered?.id ?? this.nextId(), name, type: 1, options: resolvedOptions });
  }

  button(customId: string, message: FakeMessage, user?: FakeUser): InjectedInteraction {
    const base = this.base(InteractionType.MessageComponent, {
      channelId: message.channel_id,
      guildId: message.guild_id as string | undefined,
      user,
    });
    return this.inject(base, { custom_id: customId, component_type: 2 }, message);
  }

  messageContextMenu(name: string, message: FakeMessage, context: InteractionContext = {}): InjectedInteraction {
    const base = this.base(InteractionType.ApplicationCommand, {
      channelId: message.channel_id,
      guildId: message.guild_id as string | undefined,
      ...context,
    });
    const registered = this.commands.find(name, 3, base.guildId);
    const data = {
      id: registered?.id ?? this.nextId(),
      name,
      type: 3,
      target_id: message.id,
      resolved: { messages: { [message.id]: message } },
      ...(base.guildId ? { guild_id: base.guildId } : {}),
    };
    return this.inject(base, data);
  }

  clearTimers(): void {
    for (const record of this.records.values()) if (record.timer) clearTimeout(record.timer);
  }

  private base(type: number, context: InteractionContext) {
    const user = context.user ?? this.world.user;
    let channel: FakeChannel;
    if (context.channelId) {
      const found = this.world.channels.get(context.channelId);
      if (!found) throw new Error(`fake-discord: unknown channel ${context.channelId}`);
      channel = found;
    } else if (context.guildId === undefined || context.guildId === this.world.guild.id) {
      channel = this.world.channel;
    } else {
      const first = this.world.requireGuild(context.guildId).channels[0];
      if (!first) throw new Error(`fake-discord: guild ${context.guildId} has no channels`);
      channel = first;
    }
    return { type, user, channel, guildId: channel.guild_id, locale: context.locale ?? 'en-US' };
  }

  private inject(base: ReturnType<Interactions['base']>, data: unknown, message?: FakeMessage): InjectedInteraction {
    const id = this.nextId();
    const token = `fake-interaction-token-${id}`;
    const { user, channel, guildId } = base;
    const member = guildId ? this.world.memberOf(guildId, user.id) : undefined;
    if (guildId && !member) throw new Error(`fake-discord: ${user.username} is not a member of guild ${guildId}`);
    // https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-object
    const payload: Record<string, unknown> = {
      id,
      application_id: this.world.applicationId,
      type: base.type,
      data,
      token,
      version: 1,
      locale: base.locale,
      channel: {
        ...channel,
        ...(guildId ? { permissions: this.world.permissionsIn(channel.id, user.id).toString() } : {}),
      },
      channel_id: channel.id,
      app_permissions: this.world.permissionsIn(channel.id, this.world.bot.id).toString(),
      entitlements: [],
      attachment_size_limit: 10 * 1024 * 1024,
      authorizing_integration_owners: guildId ? { 0: guildId } : { 1: user.id },
      context: guildId ? 0 : 1,
      ...(guildId
        ? {
            guild_id: guildId,
            guild: { id: guildId, locale: 'en-US', features: [] },
            guild_locale: 'en-US',
            member: { ...member, permissions: this.world.permissionsIn(channel.id, user.id).toString() },
          }
        : { user }),
      ...(message ? { message } : {}),
    };
    const record: InteractionRecord = {
      id,
      token,
      type: base.type,
      channelId: channel.id,
      guildId,
      user,
      injectedAt: Date.now(),
      ack: null,
      original: null,
      followUps: [],
      events: [],
      sourceMessage: message,
      expired: false,
      timer: null,
    };
    // Discord gives a bot 3 seconds to acknowledge an interaction; after that the token is invalid.
    // https://discord.com/developers/docs/interactions/receiving-and-responding#responding-to-an-interaction
    record.timer = setTimeout(() => this.expire(record), this.ackTimeoutMs);
    record.timer.unref();
    this.records.set(id, record);
    this.gateway.dispatch('INTERACTION_CREATE', payload);
    return { id, token, payload };
  }

  /** Marks an interaction expired, recording a violation once if it was never acknowledged. */
  expire(record: InteractionRecord): void {
    if (record.timer) clearTimeout(record.timer);
    record.timer = null;
    if (record.ack || record.expired) return;
    record.expired = true;
    this.recorder.violation('interaction-ack-timeout', `interaction not acknowledged within ${this.ackTimeoutMs} ms`, {
      interactionId: record.id,
    });
  }

  private resolveOptions(
    definitions: CommandOption[] | undefined,
    values: OptionValues,
    guildId: string | undefined,
    resolved: Resolved,
    user: FakeUser,
  ): Record<string, unknown>[] {
    return Object.entries(values).map(([name, value]) => {
      const definition = definitions?.find((d) => d.name === name);
      const type = definition?.type ?? inferType(value);
      if (type === OptionType.Subcommand || type === OptionType.Group) {
        const nested = this.resolveOptions(definition?.options, (value ?? {}) as OptionValues, guildId, resolved, user);
        return { name, type, options: nested };
      }
      if (type === OptionType.User || type === OptionType.Mentionable || type === OptionType.Role) {
        const id = typeof value === 'object' && value !== null ? String((value as { id: unknown }).id) : String(value);
        const user = this.world.users.get(id);
        if (user && type !== OptionType.Role) {
          resolved.users[id] = user;
          const member = guildId ? this.world.memberOf(guildId, id) : undefined;
          if (member) {
            const { user: _, ...rest } = member;
            resolved.members[id] = { ...rest, permissions: '0' };
          }
        } else {
          const role = guildId ? this.world.requireGuild(guildId).roles.find((r) => r.id === id) : undefined;
          if (!role) throw new Error(`fake-discord: option ${name}: unknown user or role ${id}`);
          resolved.roles[id] = role;
        }
        return { name, type, value: id };
      }
      if (type === OptionType.Channel) {
        const id = typeof value === 'object' && value !== null ? String((value as { id: unknown }).id) : String(value);
        const channel = this.world.channels.get(id);
        if (!channel) throw new Error(`fake-discord: option ${name}: unknown channel ${id}`);
        resolved.channels[id] = this.resolvedChannel(channel, user);
        return { name, type, value: id };
      }
      return { name, type, value };
    });
  }

  /**
   * A channel option as Discord resolves it: a partial channel with the invoking user's permissions
   * there (threads add their parent and thread_metadata).
   * https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-object-resolved-data-structure
   */
  private resolvedChannel(channel: FakeChannel, user: FakeUser): Record<string, unknown> {
    return {
      id: channel.id,
      name: channel.name,
      type: channel.type,
      permissions: this.world.permissionsIn(channel.id, user.id).toString(),
      ...(channel.thread_metadata ? { thread_metadata: channel.thread_metadata, parent_id: channel.parent_id } : {}),
    };
  }
}

class Resolved {
  users: Record<string, unknown> = {};
  members: Record<string, unknown> = {};
  roles: Record<string, unknown> = {};
  channels: Record<string, unknown> = {};

  toJSON(): Record<string, unknown> | undefined {
    const entries = Object.entries({
      users: this.users,
      members: this.members,
      roles: this.roles,
      channels: this.channels,
    });
    const present = entries.filter(([, v]) => Object.keys(v).length > 0);
    return present.length > 0 ? Object.fromEntries(present) : undefined;
  }
}

function inferType(value: unknown): number {
  if (typeof value === 'boolean') return OptionType.Boolean;
  if (typeof value === 'number') return Number.isInteger(value) ? OptionType.Integer : OptionType.Number;
  if (typeof value === 'object' && value !== null) {
    // A FakeUser or a FakeChannel passed as is; any other object is a subcommand's options.
    if ('username' in value) return OptionType.User;
    return 'last_message_id' in value ? OptionType.Channel : OptionType.Subcommand;
  }
  return OptionType.String;
}

function markFocused(options: Record<string, unknown>[], focused: string): boolean {
  for (const option of options) {
    if (Array.isArray(option.options) && markFocused(option.options, focused)) return true;
    if (option.name === focused) {
      option.focused = true;
      // While typing, Discord sends the partial input as a string whatever the option's type.
      option.value = String(option.value ?? '');
      return true;
    }
  }
  return false;
}
