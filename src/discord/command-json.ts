import {
  type APIApplicationCommandBasicOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ChannelType,
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { CommandDefinition, MemberPermission, OptionSpec, OptionType } from '../command.js';

/**
 * Where every command works: in servers and in the bot's DMs. Newsdesk answers from public news
 * articles, so nothing it says depends on the server it is asked in.
 * https://discord.com/developers/docs/interactions/application-commands#interaction-contexts
 */
export const COMMAND_CONTEXTS = [InteractionContextType.Guild, InteractionContextType.BotDM];
/** Installed to servers only (not as a user app). */
export const INTEGRATION_TYPES = [ApplicationIntegrationType.GuildInstall];

/**
 * A command that requires a member permission is shown by default only to members who have it
 * (server admins can change that in Server Settings → Integrations; `checkAccess` still applies).
 * https://discord.com/developers/docs/interactions/application-commands#permissions
 */
export const MEMBER_PERMISSION_BITS: Readonly<Record<MemberPermission, bigint>> = {
  'Manage Channels': PermissionFlagsBits.ManageChannels,
  'Manage Server': PermissionFlagsBits.ManageGuild,
};

/** Where updates can be posted: text, announcement and forum channels, and threads. */
export const POSTABLE_CHANNEL_TYPES = [
  ChannelType.GuildText,
  ChannelType.GuildAnnouncement,
  ChannelType.AnnouncementThread,
  ChannelType.PublicThread,
  ChannelType.PrivateThread,
  ChannelType.GuildForum,
];

const OPTION_TYPES = {
  string: ApplicationCommandOptionType.String,
  integer: ApplicationCommandOptionType.Integer,
  boolean: ApplicationCommandOptionType.Boolean,
  channel: ApplicationCommandOptionType.Channel,
} as const satisfies Record<OptionType, ApplicationCommandOptionType>;

/** One option, 1:1: type, limits, and either a fixed list of choices or autocomplete (never both). */
export function optionJson(option: OptionSpec): APIApplicationCommandBasicOption {
  const json: Record<string, unknown> = {
    type: OPTION_TYPES[option.type],
    name: option.name,
    description: option.description,
    required: Boolean(option.required),
  };
  if (option.type === 'channel') {
    json.channel_types = POSTABLE_CHANNEL_TYPES;
  } else if (option.type !== 'boolean') {
    if (option.choices?.length) {
      json.choices = option.choices.map((c) => ({
        name: c.name,
        value: option.type === 'integer' ? Number(c.value) : String(c.value),
      }));
    } else {
      json.autocomplete = Boolean(option.autocomplete);
    }
  }
  if (option.minValue !== undefined) json.min_value = option.minValue;
  if (option.maxValue !== undefined) json.max_value = option.maxValue;
  if (option.maxLength !== undefined) json.max_length = option.maxLength;
  return json as unknown as APIApplicationCommandBasicOption;
}

/** A CommandDefinition as the slash-command JSON Discord registers; Discord wants required options first. */
export function commandJson(command: CommandDefinition): RESTPostAPIChatInputApplicationCommandsJSONBody {
  const options = [...command.options].sort((a, b) => Number(Boolean(b.required)) - Number(Boolean(a.required)));
  // A number, as Discord's OpenAPI description types it (the docs show a string; both are accepted).
  const permissions = command.requires && Number(MEMBER_PERMISSION_BITS[command.requires]);
  return {
    type: ApplicationCommandType.ChatInput,
    name: command.name,
    description: command.description,
    options: options.map(optionJson),
    contexts: command.guildOnly ? [InteractionContextType.Guild] : COMMAND_CONTEXTS,
    integration_types: INTEGRATION_TYPES,
    ...(permissions ? { default_member_permissions: permissions as unknown as string } : {}),
  };
}
