import type { CommandDefinition } from '../command.js';
import { UserFacingError } from '../errors.js';

/** A line without a leading slash is a question. */
export const DEFAULT_COMMAND = 'ask';

export interface ParsedLine {
  command: CommandDefinition;
  /** Option values as typed; `readOptions` turns them into the declared types. */
  raw: Record<string, string>;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Reads console input the way Discord users write slash commands: `/summary length: short since:
 * 2025-08-01`. Text before the first `name:` goes to the command's main string option, so
 * `/ask when is the meeting?` and a bare question both work.
 */
export function parseLine(line: string, commands: readonly CommandDefinition[]): ParsedLine {
  const trimmed = line.trim();
  const slashed = /^\/(\S*)\s*([\s\S]*)$/.exec(trimmed);
  const name = slashed ? slashed[1]!.toLowerCase() : DEFAULT_COMMAND;
  const rest = slashed ? slashed[2]! : trimmed;
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) {
    const names = commands.map((candidate) => `/${candidate.name}`).join(', ');
    throw new UserFacingError(`There is no /${name}. The commands are ${names}; /help explains them.`);
  }
  return { command, raw: splitOptions(command, rest) };
}

function splitOptions(command: CommandDefinition, text: string): Record<string, string> {
  const raw: Record<string, string> = {};
  const names = command.options.map((option) => escapeRegExp(option.name));
  const markers = names.length ? [...text.matchAll(new RegExp(`(?:^|\\s)(${names.join('|')}):`, 'gi'))] : [];
  const leading = text.slice(0, markers[0]?.index ?? text.length).trim();
  markers.forEach((marker, i) => {
    const name = marker[1]!.toLowerCase();
    const end = markers[i + 1]?.index ?? text.length;
    if (name in raw) throw new UserFacingError(`${name} is given twice; give it once.`);
    raw[name] = text.slice(marker.index + marker[0].length, end).trim();
  });
  if (leading) {
    const main = mainOption(command);
    if (!main) throw new UserFacingError(`/${command.name} takes no words after it${describeOptions(command)}.`);
    if (main in raw) throw new UserFacingError(`${main} is given twice; give it once.`);
    raw[main] = leading;
  }
  return raw;
}

/** The option bare text fills: the first required string option, else the first string option. */
export function mainOption(command: CommandDefinition): string | undefined {
  const strings = command.options.filter((option) => option.type === 'string');
  return (strings.find((option) => option.required) ?? strings[0])?.name;
}

function describeOptions(command: CommandDefinition): string {
  if (!command.options.length) return '';
  return `; its options are written like ${command.options.map((option) => `${option.name}: …`).join(' ')}`;
}

/** Tab completion: command names after a slash, then the current command's option names. */
export function completeLine(line: string, commands: readonly CommandDefinition[]): [string[], string] {
  const command = /^\/(\S+)\s/.exec(line);
  if (!command) {
    const typed = line.trimStart();
    const names = commands.map((candidate) => `/${candidate.name}`);
    const hits = names.filter((name) => name.startsWith(typed));
    return [hits.length ? hits : names, typed];
  }
  const definition = commands.find((candidate) => candidate.name === command[1]!.toLowerCase());
  const word = /(\S*)$/.exec(line)![1]!;
  const options = (definition?.options ?? []).map((option) => `${option.name}: `);
  return [options.filter((option) => option.startsWith(word)), word];
}
