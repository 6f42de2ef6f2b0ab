import {
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type MessageContextMenuCommandInteraction,
  MessageFlags,
} from 'discord.js';
import { checkAccess, readOptions, requireString } from '../command.js';
import { UserFacingError } from '../errors.js';
import type { Logger } from '../logger.js';
import { suggest } from './autocomplete.js';
import { commandContext } from './command-context.js';
import type { DiscordDeps, Outcome } from './deps.js';
import { answerWithError, describeDiscordFailure } from './interaction-errors.js';
import { decodePageState, optionsAsText } from './page-state.js';
import { pageControls, RememberedOptions, turnPage, UNKNOWN_BUTTON } from './pagination.js';
import { followUpPages, replyOrEdit } from './send.js';
import { streamAnswer } from './stream-answer.js';

/**
 * Commands that answer from ready-made lists in well under Discord's 3-second window; every other
 * command searches or summarises, so it is deferred (Discord shows "thinking…") before it runs.
 * https://discord.com/developers/docs/interactions/receiving-and-responding#responding-to-an-interaction
 */
export const ANSWERED_AT_ONCE: ReadonlySet<string> = new Set(['help', 'status']);
/** How many messages the long reply of a command without page buttons may take. */
export const MAX_UNPAGED_MESSAGES = 5;
/** The command whose model answer is streamed into its deferred reply when a model is configured. */
const STREAMED_COMMAND = 'ask';

export type ContextMenuHandler = (
  interaction: MessageContextMenuCommandInteraction,
  deps: DiscordDeps,
) => Promise<void>;

export interface RouterOptions {
  /** Message context menu commands by name (e.g. "Check against sources"). */
  contextMenus?: Readonly<Record<string, ContextMenuHandler>>;
}

/**
 * interactionCreate → the right handler, each answered under one error policy
 * (see `answerWithError`). Never throws: a failed interaction is logged and the bot carries on.
 */
export function createRouter(deps: DiscordDeps, options: RouterOptions = {}) {
  const remembered = new RememberedOptions();
  const root = deps.logger.child({ module: 'discord' });

  return async function route(interaction: Interaction): Promise<void> {
    const started = performance.now();
    const name = nameOf(interaction, deps.commands);
    const log = root.child({ interactionId: interaction.id, command: name, guildId: interaction.guildId });
    let outcome: Outcome = 'answered';
    // Context menu handlers record their own metrics; autocomplete is not a command served.
    const counted = interaction.isChatInputCommand() || interaction.isButton();
    try {
      if (interaction.isAutocomplete()) {
        await autocomplete(interaction, deps, log);
        return;
      }
      if (interaction.isChatInputCommand()) await runCommand(interaction, deps, remembered);
      else if (interaction.isButton()) await turnPage(interaction, deps, remembered);
      // Newsdesk makes no select menus or modals: one arriving is old or forged, and still gets an answer.
      else if (interaction.isMessageComponent() || interaction.isModalSubmit())
        throw new UserFacingError(UNKNOWN_BUTTON);
      else if (interaction.isMessageContextMenuCommand()) {
        const handler = options.contextMenus?.[interaction.commandName];
        if (!handler) throw new UserFacingError(`“${interaction.commandName}” is not available in this build.`);
        await handler(interaction, deps);
      }
    } catch (err) {
      outcome = err instanceof UserFacingError || describeDiscordFailure(err) ? 'refused' : 'failed';
      if (interaction.isRepliable()) await answerWithError(interaction, err, log);
      else log.error({ err }, 'interaction failed');
    } finally {
      const seconds = (performance.now() - started) / 1000;
      if (counted) {
        deps.metrics?.served(name, outcome, seconds);
        log.debug({ outcome, ms: Math.round(seconds * 1000) }, 'interaction handled');
      }
    }
  };
}

function nameOf(interaction: Interaction, commands: DiscordDeps['commands']): string {
  if (interaction.isCommand() || interaction.isAutocomplete()) return interaction.commandName;
  // The custom_id is the sender's text: only a command this build has may name a metric series.
  if (interaction.isButton()) {
    const command = decodePageState(interaction.customId)?.command;
    return command && commands.some((candidate) => candidate.name === command) ? command : 'button';
  }
  return `interaction:${interaction.type}`;
}

/**
 * Slash-command options as the text the console would have typed, so `readOptions` checks and
 * coerces them exactly as it does for the console: the same typed record, the same refusals.
 */
export function rawOptions(interaction: ChatInputCommandInteraction | AutocompleteInteraction): Record<string, string> {
  const raw: Record<string, string> = {};
  for (const option of interaction.options.data) {
    if (option.value !== undefined && option.value !== null) raw[option.name] = String(option.value);
  }
  return raw;
}

async function runCommand(
  interaction: ChatInputCommandInteraction,
  deps: DiscordDeps,
  remembered: RememberedOptions,
): Promise<void> {
  const command = deps.commands.find((candidate) => candidate.name === interaction.commandName);
  if (!command) {
    // Registered once but since removed from this build: `npm run deploy` brings Discord up to date.
    throw new UserFacingError(`/${interaction.commandName} is not a Newsdesk command any more.`);
  }
  // Options are checked before deferring, so a refusal is a quick ephemeral reply.
  const raw = rawOptions(interaction);
  const options = readOptions(command, raw);
  const context = commandContext(interaction, deps);
  checkAccess(command, context);
  if (!ANSWERED_AT_ONCE.has(command.name))
    await interaction.deferReply({ flags: command.ephemeral ? MessageFlags.Ephemeral : undefined });
  // Only a command that changes nothing gets page buttons (see `paginable`); another's long reply
  // comes as a few messages instead.
  const controls = command.paginable
    ? pageControls(remembered, command.name, interaction.user.id, optionsAsText(options))
    : undefined;
  // With a model, /ask shows its answer as it is written; the verified reply then replaces the draft.
  if (command.name === STREAMED_COMMAND && deps.services.llm) {
    await streamAnswer(
      interaction,
      requireString(options, 'question'),
      (onDraft) => Promise.resolve(command.run(options, { ...context, onDraft })),
      { logger: deps.logger.child({ module: 'discord', interactionId: interaction.id }), controls },
    );
    return;
  }
  const reply = await command.run(options, context);
  const first = await replyOrEdit(interaction, reply, 0, controls);
  if (controls) return;
  await followUpPages(interaction, reply, Math.min(first.pageCount, MAX_UNPAGED_MESSAGES), command.ephemeral);
}

async function autocomplete(interaction: AutocompleteInteraction, deps: DiscordDeps, log: Logger): Promise<void> {
  const focused = interaction.options.getFocused(true);
  const command = deps.commands.find((candidate) => candidate.name === interaction.commandName);
  const kind = command?.options.find((option) => option.name === focused.name)?.autocomplete;
  let choices: ReturnType<typeof suggest> = [];
  try {
    if (kind) choices = suggest(deps.services.corpus, kind, String(focused.value));
  } catch (err) {
    // Suggestions are a convenience: a failure shows none rather than an error.
    log.error({ err, option: focused.name }, 'autocomplete failed');
  }
  try {
    await interaction.respond(choices);
  } catch (err) {
    // Users type faster than suggestions arrive; an expired autocomplete is expected.
    log.debug({ err, failure: describeDiscordFailure(err) }, 'could not send suggestions');
  }
}
