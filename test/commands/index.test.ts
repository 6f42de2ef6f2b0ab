import { readdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES, help } from '../../commands/help.js';
import { commands, findCommand } from '../../commands/index.js';
import { MAX_CHOICES, MAX_DESCRIPTION_LENGTH, MAX_OPTIONS, NAME_PATTERN } from '../../src/command.js';

const COMMANDS_DIR = resolve(import.meta.dirname, '../../commands');

describe('the command list', () => {
  it('has one command per file in commands/, named after the file', async () => {
    const files = (await readdir(COMMANDS_DIR)).filter((file) => file.endsWith('.ts') && file !== 'index.ts');
    expect(commands.map((command) => `${command.name}.ts`).sort()).toEqual(files.sort());
  });

  it('offers every command, and only those, as a choice of /help', () => {
    expect(help.options[0]!.choices!.map((choice) => choice.value)).toEqual(commands.map((command) => command.name));
    expect(COMMAND_NAMES).toEqual(commands.map((command) => command.name));
  });

  it('fits Discord limits on names, descriptions, options and choices', () => {
    for (const command of commands) {
      expect(command.name).toMatch(NAME_PATTERN);
      expect(command.description.length).toBeLessThanOrEqual(MAX_DESCRIPTION_LENGTH);
      expect(command.options.length).toBeLessThanOrEqual(MAX_OPTIONS);
      const required = command.options.map((option) => option.required ?? false);
      // Discord wants required options before optional ones.
      expect(required).toEqual([...required].sort((a, b) => Number(b) - Number(a)));
      for (const option of command.options) {
        expect(option.name).toMatch(NAME_PATTERN);
        expect(option.description.length).toBeLessThanOrEqual(MAX_DESCRIPTION_LENGTH);
        expect(option.choices?.length ?? 0).toBeLessThanOrEqual(MAX_CHOICES);
        // Discord allows choices or autocomplete on an option, not both.
        expect(Boolean(option.choices?.length && option.autocomplete)).toBe(false);
      }
    }
  });

  it('lets only commands that change nothing be paged with buttons', () => {
    const paged = commands.filter((command) => command.paginable).map((command) => command.name);
    expect(paged).not.toContain('subscribe');
    expect(paged).not.toContain('unsubscribe');
    expect(paged).not.toContain('feed');
    // A command that needs a permission acts on the server: a button anyone can forge must not run it.
    expect(commands.filter((command) => command.paginable && command.requires)).toEqual([]);
  });

  it('finds a command by name with or without its slash', () => {
    expect(findCommand('/ask')?.name).toBe('ask');
    expect(findCommand('Timeline')?.name).toBe('timeline');
    expect(findCommand('nope')).toBeUndefined();
  });
});
