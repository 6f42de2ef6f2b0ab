import type { ButtonInteraction } from 'discord.js';
import { checkAccess, readOptions } from '../command.js';
import { UserFacingError } from '../errors.js';
import { commandContext } from './command-context.js';
import type { DiscordDeps } from './deps.js';
import { decodePageState, hashOptions, type PageState } from './page-state.js';
import type { PageControls } from './render.js';
import { replyOrEdit } from './send.js';

/** How many sets of options too long for a custom_id are remembered for their buttons. */
export const MAX_REMEMBERED_OPTIONS = 1000;

export const NOT_YOURS = 'Only the person who asked can turn pages. Run the command yourself to get your own copy.';

/**
 * Options too long to travel in a custom_id (a long /ask question), by their hash. Most buttons
 * carry their options whole and need none of this; these few stop working after a restart, and
 * say so.
 */
export class RememberedOptions {
  private readonly byHash = new Map<string, Record<string, string>>();

  remember(options: Record<string, string>): string {
    const hash = hashOptions(options);
    this.byHash.delete(hash);
    this.byHash.set(hash, options);
    // A Map keeps insertion order, so the first key is the least recently used.
    if (this.byHash.size > MAX_REMEMBERED_OPTIONS) this.byHash.delete(this.byHash.keys().next().value as string);
    return hash;
  }

  recall(hash: string): Record<string, string> | undefined {
    return this.byHash.get(hash);
  }
}

/** The Previous/Next controls for a reply to `userId`, remembering options that will not fit. */
export function pageControls(
  remembered: RememberedOptions,
  command: string,
  userId: string,
  options: Record<string, string>,
): PageControls {
  return { command, userId, options, optionsHash: remembered.remember(options) };
}

/** What a button we cannot read gets: the bot makes no other buttons, so it is old, damaged or forged. */
export const UNKNOWN_BUTTON = 'This button does not work any more. Run the command again for fresh pages.';

/**
 * A Previous/Next press: re-runs the command with the options the button carries and shows the
 * requested page in place. The custom_id is whatever the sender wrote, so the press passes every
 * check a slash command does (the options read and validated, the member's permissions, server
 * only), and only a command marked `paginable` (one that changes nothing) can be run this way.
 */
export async function turnPage(
  interaction: ButtonInteraction,
  deps: DiscordDeps,
  remembered: RememberedOptions,
): Promise<void> {
  const state = decodePageState(interaction.customId);
  if (!state) throw new UserFacingError(UNKNOWN_BUTTON);
  const command = deps.commands.find((candidate) => candidate.name === state.command);
  if (!command) throw new UserFacingError(`/${state.command} is no longer a command; these pages cannot be turned.`);
  if (!command.paginable) throw new UserFacingError(UNKNOWN_BUTTON);
  if (interaction.user.id !== state.userId) throw new UserFacingError(NOT_YOURS);
  const raw = optionsOf(state, remembered);
  const options = readOptions(command, raw);
  const context = commandContext(interaction, deps);
  checkAccess(command, context);
  await interaction.deferUpdate();
  const reply = await command.run(options, context);
  await replyOrEdit(interaction, reply, state.page, pageControls(remembered, command.name, state.userId, raw));
}

function optionsOf(state: PageState, remembered: RememberedOptions): Record<string, string> {
  if (state.options) return state.options;
  const options = state.optionsHash ? remembered.recall(state.optionsHash) : undefined;
  if (!options) {
    throw new UserFacingError(`These pages are too old to turn. Run /${state.command} again for a fresh list.`);
  }
  return options;
}
