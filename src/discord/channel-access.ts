import {
  type Channel,
  ChannelType,
  type Client,
  DiscordAPIError,
  type Guild,
  type GuildBasedChannel,
  PermissionFlagsBits,
  RESTJSONErrorCodes,
} from 'discord.js';
import type { ChannelAccess, ChannelCheck, ChannelKind } from '../subscriptions/channel-access.js';

/** What the bot needs where it posts, with the names Discord's UI shows in a channel's settings. */
interface Needed {
  flag: bigint;
  name: string;
}

const VIEW: Needed = { flag: PermissionFlagsBits.ViewChannel, name: 'View Channel' };
const EMBED: Needed = { flag: PermissionFlagsBits.EmbedLinks, name: 'Embed Links' };
const NEEDED: Record<'text' | 'announcement' | 'thread' | 'forum', Needed[]> = {
  text: [VIEW, { flag: PermissionFlagsBits.SendMessages, name: 'Send Messages' }, EMBED],
  announcement: [VIEW, { flag: PermissionFlagsBits.SendMessages, name: 'Send Messages' }, EMBED],
  thread: [VIEW, { flag: PermissionFlagsBits.SendMessagesInThreads, name: 'Send Messages in Threads' }, EMBED],
  // A forum post needs Send Messages, which a forum's settings call "Create Posts".
  forum: [VIEW, { flag: PermissionFlagsBits.SendMessages, name: 'Create Posts' }, EMBED],
};

/**
 * ChannelAccess for discord.js: the channel from the cache or Discord, and the bot's own
 * permissions there (roles and overwrites, a thread's taken from its parent) as discord.js
 * computes them. https://discord.com/developers/docs/topics/permissions
 */
export function createDiscordChannelAccess(client: Client): ChannelAccess {
  return {
    async check(guildId, channelId) {
      const unsupported = (problem: string, label = `<#${channelId}>`): ChannelCheck => ({
        channelId,
        label,
        kind: 'unsupported',
        missing: [],
        problem,
      });
      const found = await findChannel(client, channelId);
      if (found === 'unknown') return unsupported('that channel doesn’t exist (it may have been deleted).');
      if (found === 'hidden') return unsupported('Newsdesk can’t see that channel; give it View Channel there.');
      if (found.isDMBased()) return unsupported('that is a direct message, not a channel of this server.');
      const channel = found as GuildBasedChannel;
      const label = `#${channel.name}`;
      if (channel.guildId !== guildId) return unsupported('that channel is in another server.', label);
      const kind = kindOf(channel);
      if (kind === 'unsupported') return unsupported(whyUnsupported(channel), label);
      if (channel.isThread() && channel.archived && channel.locked) {
        return { channelId, label, kind, missing: [], problem: 'that thread is archived and locked.' };
      }
      const me = await botMember(channel.guild);
      const permissions = channel.permissionsFor(me);
      const missing = NEEDED[kind].filter((needed) => !permissions?.has(needed.flag)).map((needed) => needed.name);
      return { channelId, label, kind, missing };
    },
  };
}

/** The channel, or why there is none to check: gone, or hidden from the bot. */
async function findChannel(client: Client, channelId: string): Promise<Channel | 'unknown' | 'hidden'> {
  const cached = client.channels.cache.get(channelId);
  if (cached) return cached;
  try {
    return (await client.channels.fetch(channelId)) ?? 'unknown';
  } catch (err) {
    if (!(err instanceof DiscordAPIError)) throw err;
    if (
      err.code === RESTJSONErrorCodes.UnknownChannel ||
      err.code === RESTJSONErrorCodes.InvalidFormBodyOrContentType
    ) {
      return 'unknown';
    }
    if (err.code === RESTJSONErrorCodes.MissingAccess) return 'hidden';
    throw err;
  }
}

async function botMember(guild: Guild) {
  return guild.members.me ?? (await guild.members.fetchMe());
}

function kindOf(channel: GuildBasedChannel): Exclude<ChannelKind, 'console'> {
  switch (channel.type) {
    case ChannelType.GuildText:
      return 'text';
    case ChannelType.GuildAnnouncement:
      return 'announcement';
    case ChannelType.PublicThread:
    case ChannelType.PrivateThread:
    case ChannelType.AnnouncementThread:
      return 'thread';
    case ChannelType.GuildForum:
      return 'forum';
    default:
      return 'unsupported';
  }
}

function whyUnsupported(channel: GuildBasedChannel): string {
  switch (channel.type) {
    case ChannelType.GuildVoice:
    case ChannelType.GuildStageVoice:
      return 'a voice channel takes no posts; pick a text, announcement or forum channel, or a thread.';
    case ChannelType.GuildCategory:
      return 'that is a category; pick one of its channels.';
    case ChannelType.GuildMedia:
      return 'a media channel takes only posts with images; pick a text or forum channel.';
    default:
      return 'Newsdesk can’t post in that kind of channel.';
  }
}
