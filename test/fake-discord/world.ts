import type { NextId } from './snowflake.js';

// The objects below are shaped like the Discord API's own so discord.js can build its structures
// from them unchanged. https://discord.com/developers/docs/resources/user#user-object
export interface FakeUser {
  id: string;
  username: string;
  global_name: string | null;
  discriminator: string;
  avatar: null;
  bot?: boolean;
}

export interface FakeRole {
  id: string;
  name: string;
  permissions: string;
  position: number;
  color: number;
  hoist: boolean;
  managed: boolean;
  mentionable: boolean;
  flags: number;
}

export interface FakeOverwrite {
  id: string;
  type: 0 | 1;
  allow: string;
  deny: string;
}

/** Thread state. https://discord.com/developers/docs/resources/channel#thread-metadata-object */
export interface FakeThreadMetadata {
  archived: boolean;
  auto_archive_duration: number;
  archive_timestamp: string;
  locked: boolean;
  create_timestamp: string;
}

export interface FakeChannel {
  id: string;
  type: number;
  name?: string;
  guild_id?: string;
  /** Threads: the bot or user who started it. */
  owner_id?: string;
  thread_metadata?: FakeThreadMetadata;
  message_count?: number;
  member_count?: number;
  /** Forum channels: their tags (none in the fake). */
  available_tags?: unknown[];
  position?: number;
  permission_overwrites?: FakeOverwrite[];
  parent_id?: string | null;
  nsfw?: boolean;
  topic?: string | null;
  last_message_id: string | null;
  rate_limit_per_user?: number;
  recipients?: FakeUser[];
  flags: number;
}

export interface FakeMember {
  user: FakeUser;
  roles: string[];
  nick: string | null;
  avatar: null;
  joined_at: string;
  deaf: boolean;
  mute: boolean;
  flags: number;
  pending: boolean;
}

export interface FakeGuild {
  id: string;
  name: string;
  owner_id: string;
  roles: FakeRole[];
  channels: FakeChannel[];
  /** Threads live apart from channels, as in GUILD_CREATE. */
  threads: FakeChannel[];
  members: FakeMember[];
}

/** A message as the fake stores it: the Discord message object plus bookkeeping. */
export type FakeMessage = Record<string, unknown> & { id: string; channel_id: string };

// https://discord.com/developers/docs/resources/channel#channel-object-channel-types
export const ChannelKind = {
  Text: 0,
  DM: 1,
  Voice: 2,
  Category: 4,
  Announcement: 5,
  AnnouncementThread: 10,
  PublicThread: 11,
  PrivateThread: 12,
  Forum: 15,
} as const;

const THREAD_KINDS: readonly number[] = [
  ChannelKind.AnnouncementThread,
  ChannelKind.PublicThread,
  ChannelKind.PrivateThread,
];

export function isThread(channel: FakeChannel): boolean {
  return THREAD_KINDS.includes(channel.type);
}

// https://discord.com/developers/docs/topics/permissions#permissions-bitwise-permission-flags
export const Permission = {
  Administrator: 1n << 3n,
  ManageChannels: 1n << 4n,
  AddReactions: 1n << 6n,
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  ManageMessages: 1n << 13n,
  EmbedLinks: 1n << 14n,
  AttachFiles: 1n << 15n,
  ReadMessageHistory: 1n << 16n,
  UseExternalEmojis: 1n << 18n,
  UseApplicationCommands: 1n << 31n,
  ManageThreads: 1n << 34n,
  CreatePublicThreads: 1n << 35n,
  SendMessagesInThreads: 1n << 38n,
} as const;

const ALL_PERMISSIONS = (1n << 53n) - 1n;

export const DEFAULT_BOT_PERMISSIONS =
  Permission.ViewChannel |
  Permission.SendMessages |
  Permission.EmbedLinks |
  Permission.AttachFiles |
  Permission.ReadMessageHistory |
  Permission.AddReactions |
  Permission.UseExternalEmojis |
  Permission.SendMessagesInThreads;

const DEFAULT_EVERYONE_PERMISSIONS =
  Permission.ViewChannel | Permission.SendMessages | Permission.ReadMessageHistory | Permission.UseApplicationCommands;

export interface NewChannelOptions {
  /** A channel type (ChannelKind); text by default. */
  type?: number;
  parentId?: string | null;
  overwrites?: FakeOverwrite[];
}

export interface NewThreadOptions {
  type?: number;
  archived?: boolean;
  locked?: boolean;
  /** Who started the thread; the default user (alice) unless given. */
  ownerId?: string;
  /** Forum posts share their id with their first message. */
  id?: string;
}

export interface WorldOptions {
  botUsername?: string;
  guildName?: string;
  /** Permissions of the bot's own role in the default guild. */
  botPermissions?: bigint;
  everyonePermissions?: bigint;
}

export class World {
  readonly users = new Map<string, FakeUser>();
  readonly guilds = new Map<string, FakeGuild>();
  readonly channels = new Map<string, FakeChannel>();
  readonly messages = new Map<string, FakeMessage>();
  readonly bot: FakeUser;
  readonly applicationId: string;
  readonly guild: FakeGuild;
  readonly channel: FakeChannel;
  readonly user: FakeUser;

  constructor(
    private readonly nextId: NextId,
    options: WorldOptions = {},
  ) {
    this.bot = this.createUser(options.botUsername ?? 'Newsdesk', { bot: true });
    // Applications created since 2019 share their id with their bot user.
    this.applicationId = this.bot.id;
    this.user = this.createUser('alice');
    const guildId = nextId();
    const everyone = role(guildId, '@everyone', options.everyonePermissions ?? DEFAULT_EVERYONE_PERMISSIONS, 0);
    const botRole = role(nextId(), this.bot.username, options.botPermissions ?? DEFAULT_BOT_PERMISSIONS, 1);
    botRole.managed = true;
    this.guild = {
      id: guildId,
      name: options.guildName ?? 'Newsdesk Test',
      owner_id: this.user.id,
      roles: [everyone, botRole],
      channels: [],
      threads: [],
      members: [member(this.bot, [botRole.id]), member(this.user, [])],
    };
    this.guilds.set(guildId, this.guild);
    this.channel = this.createGuildChannel(guildId, 'general');
    this.createGuildChannel(guildId, 'news');
  }

  createUser(username: string, extra: { bot?: boolean } = {}): FakeUser {
    const user: FakeUser = {
      id: this.nextId(),
      username,
      global_name: null,
      discriminator: '0',
      avatar: null,
      ...extra,
    };
    this.users.set(user.id, user);
    return user;
  }

  /** Adds a user as a member of a guild (with the given role ids). */
  addMember(guildId: string, user: FakeUser, roles: string[] = []): FakeMember {
    const guild = this.requireGuild(guildId);
    const added = member(user, roles);
    guild.members.push(added);
    return added;
  }

  /** A text channel by default; `type` makes an announcement (5), forum (15), voice (2) or category (4). */
  createGuildChannel(guildId: string, name: string, options: NewChannelOptions = {}): FakeChannel {
    const guild = this.requireGuild(guildId);
    const type = options.type ?? ChannelKind.Text;
    if (THREAD_KINDS.includes(type)) throw new Error('fake-discord: create threads with createThread');
    const channel: FakeChannel = {
      id: this.nextId(),
      type,
      name,
      guild_id: guildId,
      position: guild.channels.length,
      permission_overwrites: options.overwrites ?? [],
      parent_id: options.parentId ?? null,
      nsfw: false,
      topic: null,
      last_message_id: null,
      rate_limit_per_user: 0,
      flags: 0,
      ...(type === ChannelKind.Forum ? { available_tags: [] } : {}),
    };
    guild.channels.push(channel);
    this.channels.set(channel.id, channel);
    return channel;
  }

  /**
   * A thread in a text, announcement or forum channel: public (11) unless `type` says otherwise.
   * Threads take their permissions from their parent.
   * https://discord.com/developers/docs/topics/threads
   */
  createThread(parentId: string, name: string, options: NewThreadOptions = {}): FakeChannel {
    const parent = this.channels.get(parentId);
    if (!parent?.guild_id) throw new Error(`fake-discord: unknown guild channel ${parentId}`);
    const guild = this.requireGuild(parent.guild_id);
    const now = new Date().toISOString();
    const thread: FakeChannel = {
      id: options.id ?? this.nextId(),
      type:
        options.type ??
        (parent.type === ChannelKind.Announcement ? ChannelKind.AnnouncementThread : ChannelKind.PublicThread),
      name,
      guild_id: guild.id,
      parent_id: parent.id,
      owner_id: options.ownerId ?? this.user.id,
      last_message_id: null,
      rate_limit_per_user: 0,
      message_count: 0,
      member_count: 1,
      flags: 0,
      thread_metadata: {
        archived: options.archived ?? false,
        auto_archive_duration: 1440,
        archive_timestamp: now,
        locked: options.locked ?? false,
        create_timestamp: now,
      },
    };
    guild.threads.push(thread);
    this.channels.set(thread.id, thread);
    return thread;
  }

  /** Removes a channel (and its threads); later requests to it get 404 Unknown Channel. */
  deleteChannel(channelId: string): FakeChannel[] {
    const channel = this.channels.get(channelId);
    if (!channel) throw new Error(`fake-discord: unknown channel ${channelId}`);
    const removed = [channel];
    if (channel.guild_id) {
      const guild = this.requireGuild(channel.guild_id);
      removed.push(...guild.threads.filter((t) => t.parent_id === channelId));
      const gone = new Set(removed.map((c) => c.id));
      guild.channels = guild.channels.filter((c) => !gone.has(c.id));
      guild.threads = guild.threads.filter((c) => !gone.has(c.id));
    }
    for (const c of removed) this.channels.delete(c.id);
    return removed;
  }

  /**
   * Sets the overwrite for one role or member on a channel, replacing the one it had; for a thread
   * the parent's overwrites change, since threads have none of their own.
   * https://discord.com/developers/docs/resources/channel#overwrite-object
   */
  setOverwrite(channelId: string, overwrite: FakeOverwrite): FakeChannel {
    const found = this.channels.get(channelId);
    if (!found?.guild_id) throw new Error(`fake-discord: unknown guild channel ${channelId}`);
    const channel = isThread(found) ? this.channels.get(found.parent_id ?? '') : found;
    if (!channel) throw new Error(`fake-discord: thread ${channelId} has no parent`);
    channel.permission_overwrites = [
      ...(channel.permission_overwrites ?? []).filter((o) => o.id !== overwrite.id),
      overwrite,
    ];
    return channel;
  }

  /** Messages in a channel, oldest first, deleted ones left out. */
  messagesIn(channelId: string): FakeMessage[] {
    return [...this.messages.values()]
      .filter((m) => m.channel_id === channelId && !m.deleted)
      .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  }

  /** The DM channel between the bot and a user, created on first use as Discord does. */
  dmChannelWith(userId: string): FakeChannel {
    for (const channel of this.channels.values()) {
      if (channel.type === 1 && channel.recipients?.[0]?.id === userId) return channel;
    }
    const recipient = this.users.get(userId);
    if (!recipient) throw new Error(`fake-discord: unknown user ${userId}`);
    const channel: FakeChannel = {
      id: this.nextId(),
      type: 1,
      recipients: [recipient],
      last_message_id: null,
      flags: 0,
    };
    this.channels.set(channel.id, channel);
    return channel;
  }

  memberOf(guildId: string, userId: string): FakeMember | undefined {
    return this.guilds.get(guildId)?.members.find((m) => m.user.id === userId);
  }

  requireGuild(guildId: string): FakeGuild {
    const guild = this.guilds.get(guildId);
    if (!guild) throw new Error(`fake-discord: unknown guild ${guildId}`);
    return guild;
  }

  /**
   * A member's permissions in a channel, computed the way Discord documents it: base permissions from
   * roles, then @everyone, role and member overwrites.
   * https://discord.com/developers/docs/topics/permissions#permission-overwrites
   */
  permissionsIn(channelId: string, userId: string): bigint {
    const target = this.channels.get(channelId);
    // A thread has no overwrites of its own: what counts is its parent's.
    const channel = target && isThread(target) ? this.channels.get(target.parent_id ?? '') : target;
    if (!channel?.guild_id) return ALL_PERMISSIONS;
    const guild = this.requireGuild(channel.guild_id);
    const found = this.memberOf(guild.id, userId);
    if (!found) return 0n;
    if (guild.owner_id === userId) return ALL_PERMISSIONS;
    let permissions = 0n;
    for (const r of guild.roles) {
      if (r.id === guild.id || found.roles.includes(r.id)) permissions |= BigInt(r.permissions);
    }
    if (permissions & Permission.Administrator) return ALL_PERMISSIONS;
    const overwrites = channel.permission_overwrites ?? [];
    const apply = (o: FakeOverwrite | undefined) => {
      if (o) permissions = (permissions & ~BigInt(o.deny)) | BigInt(o.allow);
    };
    apply(overwrites.find((o) => o.id === guild.id));
    let allow = 0n;
    let deny = 0n;
    for (const o of overwrites) {
      if (o.type === 0 && o.id !== guild.id && found.roles.includes(o.id)) {
        allow |= BigInt(o.allow);
        deny |= BigInt(o.deny);
      }
    }
    permissions = (permissions & ~deny) | allow;
    apply(overwrites.find((o) => o.type === 1 && o.id === userId));
    return permissions;
  }
}

function role(id: string, name: string, permissions: bigint, position: number): FakeRole {
  return {
    id,
    name,
    permissions: permissions.toString(),
    position,
    color: 0,
    hoist: false,
    managed: false,
    mentionable: false,
    flags: 0,
  };
}

function member(user: FakeUser, roles: string[]): FakeMember {
  return {
    user,
    roles,
    nick: null,
    avatar: null,
    joined_at: new Date().toISOString(),
    deaf: false,
    mute: false,
    flags: 0,
    pending: false,
  };
}
