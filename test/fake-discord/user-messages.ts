import { type Gateway, Intent } from './gateway.js';
import type { Messages } from './messages.js';
import type { Recorder } from './recorder.js';
import type { FakeMessage, FakeUser, World } from './world.js';

export interface MessageInjection {
  content: string;
  /** Users to mention; `<@id>` mentions written in the content count as well. */
  mentions?: FakeUser[];
  /** Defaults to the fake's default user (alice). */
  author?: FakeUser;
  /** Defaults to #general, or to the author's DM channel when `dm` is set. */
  channelId?: string;
  guildId?: string;
  /** Sends the message in the DM channel between the author and the bot. */
  dm?: boolean;
  referencedMessageId?: string;
}

interface Deps {
  world: World;
  messages: Messages;
  gateway: Gateway;
  recorder: Recorder;
}

// Fields Discord empties for a bot without the MESSAGE_CONTENT intent, unless the message mentions
// the bot or is a DM. https://discord.com/developers/docs/events/gateway#message-content-intent
const CONTENT_FIELDS = { content: '', embeds: [], attachments: [], components: [] };

/** A user posts a message: stored, then sent as MESSAGE_CREATE to sessions with the right intents. */
export function injectMessage({ world, messages, gateway, recorder }: Deps, input: MessageInjection): FakeMessage {
  const author = input.author ?? world.user;
  let channelId = input.channelId;
  if (!channelId) {
    channelId = input.dm
      ? world.dmChannelWith(author.id).id
      : input.guildId
        ? world.requireGuild(input.guildId).channels[0]?.id
        : world.channel.id;
  }
  const channel = world.channels.get(channelId ?? '');
  if (!channel) throw new Error(`fake-discord: unknown channel ${channelId}`);
  const mentionText = (input.mentions ?? [])
    .filter((u) => !input.content.includes(`<@${u.id}>`) && !input.content.includes(`<@!${u.id}>`))
    .map((u) => `<@${u.id}>`)
    .join(' ');
  const content = mentionText ? `${mentionText} ${input.content}` : input.content;
  const body = {
    content,
    ...(input.referencedMessageId ? { message_reference: { message_id: input.referencedMessageId } } : {}),
  };
  const message = messages.create({ channelId: channel.id, author, body });
  const guildId = channel.guild_id;
  const member = guildId ? world.memberOf(guildId, author.id) : undefined;
  const { user: _, ...memberFields } = member ?? { user: undefined };
  // Gateway messages carry the author's member and each mention's member.
  // https://discord.com/developers/docs/events/gateway-events#message-create
  // `channel_type` is what lets discord.js build a DM channel it has never seen (with Partials.Channel).
  const payload = {
    ...message,
    channel_type: channel.type,
    ...(guildId ? { guild_id: guildId, member: memberFields } : {}),
    mentions: (message.mentions as FakeUser[]).map((u) => {
      const mentioned = guildId ? world.memberOf(guildId, u.id) : undefined;
      if (!mentioned) return u;
      const { user: __, ...fields } = mentioned;
      return { ...u, member: fields };
    }),
  };
  const mentionsBot = (message.mentions as FakeUser[]).some((u) => u.id === world.bot.id);
  const required = guildId ? Intent.GuildMessages : Intent.DirectMessages;
  const delivered = gateway.dispatch('MESSAGE_CREATE', payload, required, (intents) =>
    intents & Intent.MessageContent || !guildId || mentionsBot || author.id === world.bot.id
      ? payload
      : { ...payload, ...CONTENT_FIELDS },
  );
  if (delivered === 0) {
    const intent = guildId ? 'GUILD_MESSAGES' : 'DIRECT_MESSAGES';
    recorder.warn(
      `fake-discord: MESSAGE_CREATE ${message.id} reached no session (is the bot connected with ${intent}?)`,
    );
  }
  return message;
}
