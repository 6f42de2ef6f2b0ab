import { ApplicationCommandOptionType, InteractionContextType } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { commandJson } from '../../src/discord/command-json.js';
import { contextMenuDefinitions } from '../../src/discord/context-menus.js';
import { localDefinitions, normaliseCommand, sameDefinitions } from '../../src/discord/registration.js';

// https://discord.com/developers/docs/interactions/application-commands#application-command-object
const NAME = /^[-_\p{Ll}\p{N}]{1,32}$/u;

describe('slash-command JSON', () => {
  it.each(commands.map((command) => [command.name, command] as const))(
    'maps /%s one to one and within every Discord limit',
    (_, command) => {
      const json = commandJson(command);
      expect(json.name).toBe(command.name);
      expect(json.name).toMatch(NAME);
      expect(json.description.length).toBeGreaterThan(0);
      expect(json.description.length).toBeLessThanOrEqual(100);
      expect(json.options?.length ?? 0).toBe(command.options.length);
      expect(json.options?.length ?? 0).toBeLessThanOrEqual(25);
      let seenOptional = false;
      for (const option of json.options ?? []) {
        const spec = command.options.find((candidate) => candidate.name === option.name)!;
        expect(option.name).toMatch(NAME);
        expect(option.description.length).toBeLessThanOrEqual(100);
        // Discord refuses a required option after an optional one.
        if (!option.required) seenOptional = true;
        else expect(seenOptional).toBe(false);
        const json = option as { choices?: unknown[]; autocomplete?: boolean };
        expect(Boolean(json.choices && json.autocomplete)).toBe(false);
        expect(json.choices?.length ?? 0).toBeLessThanOrEqual(25);
        expect(Boolean(json.autocomplete)).toBe(Boolean(spec.autocomplete) && !spec.choices?.length);
      }
    },
  );

  it('says every command works in servers and in DMs with the bot, installed to servers', () => {
    for (const command of commands) {
      const json = commandJson(command);
      expect(json.contexts).toEqual(
        command.guildOnly
          ? [InteractionContextType.Guild]
          : [InteractionContextType.Guild, InteractionContextType.BotDM],
      );
      expect(json.integration_types).toEqual([0]);
    }
  });

  it('shows the subscription commands to members with Manage Channels, and asks for postable channels', () => {
    const subscribe = commandJson(commands.find((command) => command.name === 'subscribe')!);
    expect(subscribe.default_member_permissions).toBe(16);
    const channel = subscribe.options?.find((option) => option.name === 'channel') as {
      type: number;
      channel_types: number[];
    };
    expect(channel.type).toBe(ApplicationCommandOptionType.Channel);
    expect(channel.channel_types).toEqual([0, 5, 10, 11, 12, 15]);
    expect(commandJson(commands.find((command) => command.name === 'ask')!).default_member_permissions).toBeUndefined();
  });

  it('keeps option types and limits as declared', () => {
    const quote = commands.find((command) => command.name === 'quote')!;
    const about = commandJson(quote).options?.find((option) => option.name === 'about') as {
      type: number;
      max_length?: number;
    };
    expect(about.type).toBe(ApplicationCommandOptionType.String);
    expect(about.max_length).toBe(200);
  });

  it('registers the slash commands and the context menu together, with unique names per type', () => {
    const definitions = localDefinitions(commands, contextMenuDefinitions);
    const keys = definitions.map((definition) => `${definition.type ?? 1}:${definition.name}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(definitions.length).toBeLessThanOrEqual(100);
  });
});

describe('comparing registered commands with the local ones', () => {
  const local = localDefinitions(commands, contextMenuDefinitions);
  /** What Discord answers to GET: ids, versions, nulls and defaults added, in its own order. */
  const asDiscordReturnsThem = local
    .map((definition, i) => ({
      id: String(1000 + i),
      application_id: '1',
      version: String(2000 + i),
      default_member_permissions: null,
      name_localizations: null,
      description_localizations: null,
      nsfw: false,
      description: '',
      ...definition,
      options: (definition as { options?: object[] }).options?.map((option) => ({
        ...option,
        name_localizations: null,
      })),
    }))
    .reverse();

  it('finds nothing to do when Discord already has the same definitions', () => {
    expect(sameDefinitions(asDiscordReturnsThem, local as unknown as Record<string, unknown>[])).toBe(true);
  });

  it('notices a changed description', () => {
    const changed = asDiscordReturnsThem.map((command) =>
      command.name === 'ask' ? { ...command, description: 'Old words' } : command,
    );
    expect(sameDefinitions(changed, local as unknown as Record<string, unknown>[])).toBe(false);
  });

  it('notices a command that is registered but no longer exists', () => {
    const extra = [...asDiscordReturnsThem, { ...asDiscordReturnsThem[0]!, name: 'gone' }];
    expect(sameDefinitions(extra, local as unknown as Record<string, unknown>[])).toBe(false);
  });

  it('treats an omitted default the same as the default itself', () => {
    expect(normaliseCommand({ name: 'x', description: 'y' })).toEqual(
      normaliseCommand({ name: 'x', description: 'y', type: 1, options: [], nsfw: false, integration_types: [0] }),
    );
  });
});
