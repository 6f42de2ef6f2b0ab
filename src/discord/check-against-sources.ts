import {
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type Message,
  type MessageContextMenuCommandInteraction,
  MessageFlags,
  type RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord.js';
import { checkClaims, type Verdict } from '../claims/check-claims.js';
import { claimCheckReply } from '../claims/claim-check-reply.js';
import { modelClaimCheckReply } from '../llm/claim-check-reply.js';
import { verdictsOf } from '../llm/llm-claim-checker.js';
import type { Reply } from '../reply.js';
import type { DiscordDeps, Outcome } from './deps.js';
import { answerWithError } from './interaction-errors.js';
import { renderPage } from './render.js';
import { followUpPages, sendPage } from './send.js';

export const CHECK_AGAINST_SOURCES = 'Check against sources';

/**
 * The message context menu command (type 3, MESSAGE), usable in servers and in DMs with the bot.
 * Message commands take no description or options.
 * https://discord.com/developers/docs/interactions/application-commands#message-commands
 */
export const checkAgainstSourcesDefinition: RESTPostAPIContextMenuApplicationCommandsJSONBody = {
  type: ApplicationCommandType.Message,
  name: CHECK_AGAINST_SOURCES,
  contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
  integration_types: [ApplicationIntegrationType.GuildInstall],
};

/** The most pages of verdicts sent for one message: MAX_CLAIMS claims fit in far fewer. */
const MAX_PAGES = 3;

/**
 * Checks the claims of the message the menu was used on: deferred at once (ephemeral: the check is
 * for the person who asked, not a public verdict on someone's message), then each claim marked
 * supported, contradicted or not covered, with citations — judged by the model when one is
 * configured and its verdict holds up (see llm-claim-checker.ts), else from the articles' words.
 * Discord includes the target message's content in the interaction even without the
 * MESSAGE_CONTENT intent.
 */
export async function handleCheckAgainstSources(
  interaction: MessageContextMenuCommandInteraction,
  deps: DiscordDeps,
): Promise<void> {
  const log = deps.logger.child({
    module: 'check-against-sources',
    interactionId: interaction.id,
    guildId: interaction.guildId,
  });
  const started = performance.now();
  let outcome: Outcome = 'answered';
  try {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const text = textOf(interaction.targetMessage);
    const { llm, corpus } = deps.services;
    let reply: Reply;
    let verdicts: Verdict[];
    if (llm) {
      const result = await llm.checker.check(text, { userId: interaction.user.id, guildId: interaction.guildId });
      reply = modelClaimCheckReply(result, corpus);
      verdicts = verdictsOf(result);
    } else {
      const check = checkClaims(text, deps.services);
      reply = claimCheckReply(check, corpus);
      verdicts = check.claims.map((claim) => claim.verdict);
    }
    if (!verdicts.length) outcome = 'refused';
    const first = renderPage(reply);
    await sendPage(interaction, first);
    await followUpPages(interaction, reply, Math.min(first.pageCount, MAX_PAGES), true);
    log.debug({ claims: verdicts.length, verdicts }, 'checked a message');
  } catch (err) {
    outcome = 'failed';
    await answerWithError(interaction, err, log);
  } finally {
    deps.metrics?.served(CHECK_AGAINST_SOURCES, outcome, (performance.now() - started) / 1000);
  }
}

/** Mentions, channels, custom emoji and links: their ids would read as numbers in a claim. */
const DISCORD_MARKUP = /<(?:@[!&]?|#)\d+>|<a?:\w+:\d+>|https?:\/\/\S+/g;

/**
 * The message's words without Discord markup; its embeds' (an answer, a link preview) when it has
 * no text of its own.
 */
export function textOf(message: Pick<Message, 'content' | 'embeds'>): string {
  const own = message.content.replace(DISCORD_MARKUP, ' ').trim();
  if (own) return own;
  return message.embeds
    .flatMap((embed) => [embed.title, embed.description])
    .filter(Boolean)
    .join('\n\n');
}
