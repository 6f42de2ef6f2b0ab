import type { APIEmbed, ChatInputCommandInteraction } from 'discord.js';
import { WRITING_MARKER } from '../llm/model-text.js';
import type { Logger } from '../logger.js';
import type { Reply } from '../reply.js';
import { createDraftEditor } from './draft-editor.js';
import { MAX_EMBED_DESCRIPTION, MAX_EMBED_TITLE, truncate } from './limits.js';
import { escapeText, type MessagePayload, NO_MENTIONS, type PageControls, TONE_COLOURS } from './render.js';
import { followUpPages, renderMessage, sendPage } from './send.js';

/**
 * The deferred reply while the model writes: the draft so far, escaped and cut to one embed, marked
 * "writing…". A draft holds the sentences checked so far without their citations (those number the
 * prompt's passages), so it carries no citations list; the verified reply replaces it.
 * https://discord.com/developers/docs/resources/message#embed-object-embed-limits
 */
export function draftPayload(question: string, draft: string): MessagePayload {
  const embed: APIEmbed = {
    title: escapeWithin(question, MAX_EMBED_TITLE),
    description: escapeWithin(draft, MAX_EMBED_DESCRIPTION),
    color: TONE_COLOURS.info,
    footer: { text: WRITING_MARKER },
  };
  return { embeds: [embed], components: [], allowedMentions: NO_MENTIONS };
}

/** Cut before escaping (escaping only lengthens, and costs time in the length), and again after. */
function escapeWithin(text: string, max: number): string {
  return truncate(escapeText(truncate(text, max)), max);
}

export interface StreamAnswerOptions {
  logger: Logger;
  /** Previous/Next buttons for a reply read page by page (the extractive answer), as the router gives every command. */
  controls?: PageControls;
}

/**
 * A reply read whole (a model's answer) is sent in full: its first page replaces the draft, the
 * rest follow as follow-up messages. Beyond this many messages in all, the rest is left out (and
 * logged): a model that wrote that much has not written an answer.
 */
export const MAX_ANSWER_MESSAGES = 5;

/**
 * A command that may show drafts, run in an already deferred interaction: each draft `produce`
 * hands over (at most about once a second, see DRAFT_INTERVAL_MS) edits the reply, then the reply
 * replaces the draft in the same message, continuing in follow-up messages when it is read whole
 * and longer than one embed. Edits never overlap and are all settled before the final edit
 * (createDraftEditor), so a late draft can never overwrite the answer. How the answer is found is
 * `produce`'s business (the command, through `answerAsked`).
 */
export async function streamAnswer(
  interaction: ChatInputCommandInteraction,
  title: string,
  produce: (onDraft: (draft: string) => void) => Promise<Reply>,
  { logger, controls }: StreamAnswerOptions,
): Promise<Reply> {
  const drafts = createDraftEditor((draft) => interaction.editReply(draftPayload(title, draft)), logger);
  let reply: Reply;
  try {
    reply = await produce(drafts.show);
  } finally {
    await drafts.settle();
  }
  const first = renderMessage(reply, 0, reply.whole ? undefined : controls);
  // discord.js counts a draft edit as the reply, so `sendPage` would follow up; the final answer
  // belongs in the message the draft was written in. (An ephemeral page cannot be: `sendPage` decides.)
  if (first.ephemeral) {
    await sendPage(interaction, first);
    return reply;
  }
  await interaction.editReply(first.payload);
  if (!reply.whole) return reply;
  const pages = Math.min(first.pageCount, MAX_ANSWER_MESSAGES);
  if (first.pageCount > pages) logger.warn({ pages: first.pageCount }, 'answer too long; the rest is left out');
  await followUpPages(interaction, reply, pages);
  return reply;
}
