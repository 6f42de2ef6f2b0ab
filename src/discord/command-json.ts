import {
  type APIApplicationCommandBasicOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { CommandDefinition, OptionSpec, OptionType } from '../command.js';

/**
 * Where every command works: in servers and in the bot's DMs. Newsdesk answers from public news
 * articles, so nothing it says depends on the server it is asked in.
 * https://discord.com/developers/docs/interactions/application-commands#interaction-contexts
 */
export const COMMAND_CONTEXTS = [InteractionContextType.Guild, InteractionContextType.BotDM];
/** Installed to servers only (not as a user app). */
export const INTEGRATION_TYPES = [ApplicationIntegrationType.GuildInstall];

/**
 * Commands only members with these permissions see by default (a permission bit set, as a string).
 * None of Newsdesk's commands change anything, so none is restricted; a command that managed
 * subscriptions would be listed here with ManageChannels.
 * https://discord.com/developers/docs/interactions/application-commands#permissions
 */
export const DEFAULT_MEMBER_PERMISSIONS: Readonly<Record<string, string>> = {};

const OPTION_TYPES = {
  string: ApplicationCommandOptionType.String,
  integer: ApplicationCommandOptionType.Integer,
  boolean: ApplicationCommandOptionType.Boolean,
} as const satisfies Record<OptionType, ApplicationCommandOptionType>;

/** One option, 1:1: type, limits, and either a fixed list of choices or autocomplete (never both). */
export function optionJson(option: OptionSpec): APIApplicationCommandBasicOption {
  const json: Record<string, unknown> = {
    type: OPTION_TYPES[option.type],
    name: option.name,
    description: option.description,
    required: Boolean(option.required),
  };
  if (option.type !== 'boolean') {
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
  const permissions = DEFAULT_MEMBER_PERMISSIONS[command.name];
  return {
    type: ApplicationCommandType.ChatInput,
    name: command.name,
    description: command.description,
    options: options.map(optionJson),
    contexts: COMMAND_CONTEXTS,
    integration_types: INTEGRATION_TYPES,
    ...(permissions !== undefined ? { default_member_permissions: permissions } : {}),
  };
}
