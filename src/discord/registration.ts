import {
  REST,
  type RESTPostAPIApplicationCommandsJSONBody,
  type RESTPostAPIContextMenuApplicationCommandsJSONBody,
  Routes,
} from 'discord.js';
import type { CommandDefinition } from '../command.js';
import { commandJson } from './command-json.js';

export type CommandJson = RESTPostAPIApplicationCommandsJSONBody;

/** Every definition Newsdesk registers: the slash commands and the message context menus. */
export function localDefinitions(
  commands: readonly CommandDefinition[],
  contextMenus: readonly RESTPostAPIContextMenuApplicationCommandsJSONBody[] = [],
): CommandJson[] {
  return [...commands.map(commandJson), ...contextMenus];
}

/**
 * What of a command Discord keeps and we set, with Discord's defaults filled in, so a definition we
 * would send and the one Discord returns (with ids, versions and nulls added) compare equal.
 * https://discord.com/developers/docs/interactions/application-commands#application-command-object
 */
export function normaliseCommand(command: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const sortedNumbers = (value: unknown) =>
    Array.isArray(value) ? [...(value as number[])].sort((a, b) => a - b) : null;
  return {
    type: Number(command.type ?? 1),
    name: command.name,
    description: command.description ?? '',
    options: ((command.options as Record<string, unknown>[] | undefined) ?? []).map(normaliseOption),
    // Sent as a number (what Discord's OpenAPI description asks for), returned as a string.
    default_member_permissions:
      command.default_member_permissions == null ? null : String(command.default_member_permissions),
    contexts: sortedNumbers(command.contexts),
    integration_types: sortedNumbers(command.integration_types) ?? [0],
    nsfw: Boolean(command.nsfw),
  };
}

function normaliseOption(option: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const normalised: Record<string, unknown> = {
    type: option.type,
    name: option.name,
    description: option.description,
    required: Boolean(option.required),
    autocomplete: Boolean(option.autocomplete),
    choices: ((option.choices as { name: string; value: unknown }[] | undefined) ?? []).map(({ name, value }) => ({
      name,
      value,
    })),
    options: ((option.options as Record<string, unknown>[] | undefined) ?? []).map(normaliseOption),
  };
  for (const key of ['min_value', 'max_value', 'min_length', 'max_length'] as const) {
    normalised[key] = option[key] ?? null;
  }
  return normalised;
}

/** Whether two sets of definitions are the same, ignoring order and what Discord adds. */
export function sameDefinitions(
  registered: readonly Readonly<Record<string, unknown>>[],
  local: readonly Readonly<Record<string, unknown>>[],
): boolean {
  const canonical = (list: readonly Readonly<Record<string, unknown>>[]) =>
    list
      .map((command) => JSON.stringify(normaliseCommand(command)))
      .sort()
      .join('\n');
  return canonical(registered) === canonical(local);
}

export interface DeployTarget {
  token: string;
  applicationId: string;
  /** A guild for development (instant); global otherwise (may take a while to reach every client). */
  guildId?: string;
  /** REST base (DISCORD_API_BASE); discord.js appends the version. */
  apiBase: string;
}

export type DeployResult = { action: 'unchanged' | 'registered'; scope: string; count: number };

/**
 * Registers the definitions with one bulk overwrite, but only when Discord's registered set differs:
 * an unchanged PUT would still count against the daily command-creation limit.
 * https://discord.com/developers/docs/interactions/application-commands#bulk-overwrite-global-application-commands
 */
export async function deployCommands(target: DeployTarget, definitions: readonly CommandJson[]): Promise<DeployResult> {
  const rest = new REST({ version: '10', api: target.apiBase }).setToken(target.token);
  const route = target.guildId
    ? Routes.applicationGuildCommands(target.applicationId, target.guildId)
    : Routes.applicationCommands(target.applicationId);
  const scope = target.guildId ? `guild ${target.guildId}` : 'global';
  const registered = (await rest.get(route)) as Record<string, unknown>[];
  if (sameDefinitions(registered, definitions as unknown as Record<string, unknown>[])) {
    return { action: 'unchanged', scope, count: registered.length };
  }
  await rest.put(route, { body: definitions });
  return { action: 'registered', scope, count: definitions.length };
}
