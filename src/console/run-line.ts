import { type CommandContext, type CommandDefinition, checkAccess, readOptions } from '../command.js';
import type { Conversation } from '../conversations/conversation-store.js';
import { replyToError } from '../error-reply.js';
import type { Logger } from '../logger.js';
import type { Reply } from '../reply.js';
import type { Services } from '../services.js';
import { parseLine } from './parse-line.js';

export interface ConsoleDeps {
  commands: readonly CommandDefinition[];
  services: Services;
  logger: Logger;
  /** The clock commands see; a parameter so tests can fix it. */
  now?: () => Date;
  /**
   * Where console commands run, for the commands that act on a place (subscriptions): the console
   * is its own one-channel server, and its operator holds every permission.
   */
  place?: Pick<CommandContext, 'guildId' | 'channelId' | 'channels' | 'memberPermissions'>;
}

export interface RunLineOptions {
  /**
   * Given by the interactive console on a terminal: a model's answer to /ask is shown as it is
   * written, each draft handed here (at most about once a second), before the verified reply.
   */
  onDraft?: (draft: string) => void;
  /** The interactive session's conversation: a question may follow up on the answer before it. */
  conversation?: Conversation;
}

export interface LineResult {
  reply: Reply;
  /** False when the line was refused or failed; one-shot mode exits non-zero. */
  ok: boolean;
}

/** Runs one typed line; an error becomes its reply under the one error policy (`replyToError`). */
export async function runLine(
  line: string,
  deps: ConsoleDeps,
  { onDraft, conversation }: RunLineOptions = {},
): Promise<LineResult> {
  const log = deps.logger.child({ module: 'console' });
  const started = performance.now();
  let name: string | undefined;
  try {
    const { command, raw } = parseLine(line, deps.commands);
    name = command.name;
    const options = readOptions(command, raw);
    const context: CommandContext = {
      services: deps.services,
      now: deps.now?.() ?? new Date(),
      ...deps.place,
      ...(onDraft ? { onDraft } : {}),
      ...(conversation ? { conversation } : {}),
    };
    checkAccess(command, context);
    const reply = await command.run(options, context);
    log.debug(
      { command: name, tone: reply.tone, items: reply.items.length, ms: performance.now() - started },
      'answered',
    );
    return { reply, ok: true };
  } catch (err) {
    return { reply: replyToError(err, log, 'command failed', { command: name, line }).reply, ok: false };
  }
}
