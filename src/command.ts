import type { Article } from './articles/types.js';
import type { Conversation } from './conversations/conversation-store.js';
import type { Corpus } from './corpus/corpus.js';
import { UserFacingError } from './errors.js';
import type { Reply } from './reply.js';
import type { Services } from './services.js';
import type { ChannelAccess } from './subscriptions/channel-access.js';

/**
 * Platform-neutral command types. Each maps 1:1 onto a Discord application command (slash command)
 * so the Discord transport can build the registration JSON from them without knowing any command.
 * Limits: https://discord.com/developers/docs/interactions/application-commands#application-command-object
 */
export const MAX_NAME_LENGTH = 32;
export const MAX_DESCRIPTION_LENGTH = 100;
export const MAX_CHOICES = 25;
export const MAX_OPTIONS = 25;
/** Discord caps string option values at 6000 characters. */
export const MAX_STRING_OPTION_LENGTH = 6000;
export const NAME_PATTERN = /^[-_\p{Ll}\p{N}]{1,32}$/u;

/** `channel` is a channel of the server the command runs in; the command receives its id. */
export type OptionType = 'string' | 'integer' | 'boolean' | 'channel';
export type OptionValue = string | number | boolean;
/** What an `autocomplete` option suggests while the user types. */
export type AutocompleteKind = 'article' | 'person' | 'speaker' | 'topic' | 'timezone';

export interface OptionChoice {
  name: string;
  value: string | number;
}

export interface OptionSpec {
  /** Lowercase, at most 32 characters. */
  name: string;
  /** At most 100 characters. */
  description: string;
  type: OptionType;
  required?: boolean;
  choices?: OptionChoice[];
  autocomplete?: AutocompleteKind;
  minValue?: number;
  maxValue?: number;
  maxLength?: number;
}

/** Options as a command receives them: already coerced to their declared type and validated. */
export type OptionValues = Readonly<Record<string, OptionValue | undefined>>;

/**
 * Member permissions a command can require, by the names Discord's UI gives them. The transport
 * says which the person has; the console's operator has them all.
 */
export type MemberPermission = 'Manage Channels' | 'Manage Server';

export interface CommandContext {
  services: Services;
  now: Date;
  locale?: string;
  /** Who asked and where (Discord), for per-person cooldowns and per-server budgets. */
  userId?: string;
  guildId?: string | null;
  /** The channel the command was run in: where a subscription posts when no channel is given. */
  channelId?: string | null;
  /** What the person may do here; checked by `checkAccess` before a command that requires any runs. */
  memberPermissions?: ReadonlySet<MemberPermission>;
  /** Whether and why the bot can post in a channel; given by transports that can subscribe channels. */
  channels?: ChannelAccess;
  /**
   * Given by a transport that can show a model's answer while it is written: a command answering
   * from the model hands it each draft (at most about once a second) before returning the verified reply.
   */
  onDraft?: (draft: string) => void;
  /**
   * Given by a transport that keeps a conversation (the console; Discord's reply chains ask through
   * `answerAsked` directly): a question may follow up on the answers before it.
   */
  conversation?: Conversation;
}

export interface CommandDefinition {
  name: string;
  description: string;
  options: OptionSpec[];
  /** Only in a server (not in DMs): commands that act on the server's channels. */
  guildOnly?: boolean;
  /** Only members with this permission may run it (and, in Discord, see it by default). */
  requires?: MemberPermission;
  /** Only the person who ran it sees the reply (Discord): settings, not news for the channel. */
  ephemeral?: boolean;
  /**
   * Its reply may be shown a page at a time with Previous/Next buttons. A button re-runs the command
   * from options carried in its custom_id, which anyone can forge, so only a command that changes
   * nothing may say true; the transport refuses page turns for every other command.
   */
  paginable?: boolean;
  run(options: OptionValues, context: CommandContext): Reply | Promise<Reply>;
}

/**
 * Refuses, politely, a command run where it cannot work or by someone not allowed to run it. Both
 * transports call it before `run`; Discord also hides such commands from members without the
 * permission, but server admins can change that, so the check is made here too.
 */
export function checkAccess(command: CommandDefinition, context: CommandContext): void {
  if (command.guildOnly && !context.guildId) {
    throw new UserFacingError(`/${command.name} works in a server channel, not in direct messages.`);
  }
  if (command.requires && !context.memberPermissions?.has(command.requires)) {
    throw new UserFacingError(`Only members with the ${command.requires} permission can use /${command.name}.`);
  }
}

/**
 * Turns option values typed as text (console input, or anything not yet typed) into the types the
 * command declares, checking required options, choices and ranges. Every problem found is reported
 * at once, politely, as a UserFacingError.
 */
export function readOptions(command: CommandDefinition, raw: Readonly<Record<string, string>>): OptionValues {
  const problems: string[] = [];
  const values: Record<string, OptionValue> = {};
  for (const name of Object.keys(raw)) {
    if (!command.options.some((option) => option.name === name)) {
      const known = command.options.map((option) => option.name).join(', ') || 'none';
      problems.push(`/${command.name} has no option "${name}" (its options: ${known}).`);
    }
  }
  for (const option of command.options) {
    const text = raw[option.name]?.trim();
    if (text === undefined || text === '') {
      if (option.required) problems.push(`/${command.name} needs ${option.name}: ${option.description}`);
      continue;
    }
    const value = coerce(option, text, problems);
    if (value !== undefined) values[option.name] = value;
  }
  if (problems.length) throw new UserFacingError(problems.join('\n'));
  return values;
}

function coerce(option: OptionSpec, text: string, problems: string[]): OptionValue | undefined {
  let value: OptionValue = text;
  if (option.type === 'channel') {
    // Discord sends the id; a person typing may write a channel mention (<#id>) or #name.
    value = text.replace(/^<#(\d+)>$/, '$1');
  } else if (option.type === 'integer') {
    if (!/^[-+]?\d+$/.test(text)) {
      problems.push(`${option.name} should be a whole number, like 5 (got "${text}").`);
      return undefined;
    }
    value = Number.parseInt(text, 10);
  } else if (option.type === 'boolean') {
    const yes = /^(true|yes|y|on|1)$/i.test(text);
    if (!yes && !/^(false|no|n|off|0)$/i.test(text)) {
      problems.push(`${option.name} should be yes or no (got "${text}").`);
      return undefined;
    }
    value = yes;
  }
  const problem = checkValue(option, value);
  if (problem) {
    problems.push(problem);
    return undefined;
  }
  // A choice may be typed by its display name; the command always receives the choice's value.
  return (
    option.choices?.find((c) => c.value === value || c.name.toLowerCase() === String(value).toLowerCase())?.value ??
    value
  );
}

/** Checks a typed value against the option's choices and limits; returns what is wrong, if anything. */
export function checkValue(option: OptionSpec, value: OptionValue): string | null {
  if (option.choices?.length) {
    const choice = option.choices.find(
      (c) => c.value === value || (typeof value === 'string' && c.name.toLowerCase() === value.toLowerCase()),
    );
    if (!choice) return `${option.name} should be one of ${option.choices.map((c) => c.name).join(', ')}.`;
  }
  if (typeof value === 'number') {
    if (option.minValue !== undefined && value < option.minValue)
      return `${option.name} should be at least ${option.minValue} (got ${value}).`;
    if (option.maxValue !== undefined && value > option.maxValue)
      return `${option.name} should be at most ${option.maxValue} (got ${value}).`;
  }
  if (typeof value === 'string' && value.length > (option.maxLength ?? MAX_STRING_OPTION_LENGTH)) {
    return `${option.name} should be at most ${option.maxLength ?? MAX_STRING_OPTION_LENGTH} characters long.`;
  }
  return null;
}

export function stringOption(options: OptionValues, name: string): string | undefined {
  const value = options[name];
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

export function requireString(options: OptionValues, name: string): string {
  const value = stringOption(options, name);
  if (value === undefined) throw new UserFacingError(`Please give ${name}.`);
  return value;
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Reads a YYYY-MM-DD day option; anything else (or an impossible day like 2025-02-30) is refused. */
export function dayOption(options: OptionValues, name: string): string | undefined {
  const text = stringOption(options, name);
  if (text === undefined) return undefined;
  const match = ISO_DAY.exec(text);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  if (!date || date.toISOString().slice(0, 10) !== text) {
    throw new UserFacingError(`${name} should be a day written as YYYY-MM-DD, like 2025-08-06 (got "${text}").`);
  }
  return text;
}

/** How many near matches a "which article did you mean?" message lists. */
const MAX_ARTICLE_CANDIDATES = 5;
const MIN_ID_PREFIX = 4;
/** Titles in that message are cut to this length: some are a whole standfirst. */
const MAX_CANDIDATE_TITLE = 80;

/**
 * Articles an `article` option could mean, best first: the exact id, then ids starting with the
 * text, then articles whose title contains every word of it.
 */
export function matchArticles(corpus: Corpus, text: string): Article[] {
  const wanted = text.trim().toLowerCase();
  if (!wanted) return [];
  const exact = corpus.get(wanted);
  if (exact) return [exact];
  const articles = corpus.articles();
  if (wanted.length >= MIN_ID_PREFIX && /^[0-9a-f]+$/.test(wanted)) {
    const byPrefix = articles.filter((article) => article.id.startsWith(wanted));
    if (byPrefix.length) return byPrefix;
  }
  const words = wanted.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  if (!words.length) return [];
  return articles.filter((article) => {
    const title = article.title.toLowerCase();
    return words.every((word) => title.includes(word));
  });
}

/** Reads an `article` option (id, id prefix or title words) and resolves it to exactly one article. */
export function articleOption(options: OptionValues, name: string, corpus: Corpus): Article | undefined {
  const text = stringOption(options, name);
  if (text === undefined) return undefined;
  const matches = matchArticles(corpus, text);
  const [first] = matches;
  if (!first) {
    throw new UserFacingError(
      `No article matches "${text}". Give an article id (or its first characters) or words from its title; /sources lists them.`,
    );
  }
  if (matches.length > 1) {
    const listed = matches
      .slice(0, MAX_ARTICLE_CANDIDATES)
      .map((article) => `- ${article.id.slice(0, 8)} ${shorten(article.title, MAX_CANDIDATE_TITLE)}`)
      .join('\n');
    throw new UserFacingError(
      `"${text}" matches ${matches.length} articles; which one? Give more of its title or its id:\n${listed}`,
    );
  }
  return first;
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}
