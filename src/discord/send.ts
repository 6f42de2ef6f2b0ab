import { MessageFlags, type RepliableInteraction } from 'discord.js';
import type { Reply } from '../reply.js';
import { type PageControls, type RenderedPage, renderPage } from './render.js';

export type { MessagePayload, PageControls, RenderedPage } from './render.js';
export { NO_MENTIONS, renderPage as renderMessage } from './render.js';

/**
 * Sends a rendered page as the interaction's answer, whatever state the interaction is in — the
 * one place that decides between reply, edit and follow-up (the Sapphire rule):
 * - not acknowledged yet → reply (ephemeral when the page is);
 * - deferred → edit the deferred reply; but an ephemeral page cannot be shown in a public
 *   "thinking…" message, so that one is deleted and the page follows up ephemerally;
 * - already replied → follow up.
 * A page button acknowledged with deferUpdate edits its own message instead.
 */
export async function sendPage(interaction: RepliableInteraction, rendered: RenderedPage): Promise<void> {
  const flags = rendered.ephemeral ? MessageFlags.Ephemeral : undefined;
  if (interaction.isMessageComponent() && interaction.deferred && !interaction.replied) {
    // A button deferred with deferUpdate: a new page replaces the message; a refusal must not.
    if (rendered.ephemeral) await interaction.followUp({ ...rendered.payload, flags: MessageFlags.Ephemeral });
    else await interaction.editReply(rendered.payload);
    return;
  }
  if (!interaction.deferred && !interaction.replied) {
    await interaction.reply({ ...rendered.payload, ...(flags ? { flags } : {}) });
    return;
  }
  if (interaction.deferred && !interaction.replied) {
    if (rendered.ephemeral && !interaction.ephemeral) {
      await interaction.deleteReply().catch(() => undefined);
      await interaction.followUp({ ...rendered.payload, flags: MessageFlags.Ephemeral });
      return;
    }
    await interaction.editReply(rendered.payload);
    return;
  }
  await interaction.followUp({ ...rendered.payload, ...(flags ? { flags } : {}) });
}

/** Renders a reply's page and sends it: the helper every Discord handler answers with. */
export async function replyOrEdit(
  interaction: RepliableInteraction,
  reply: Reply,
  page = 0,
  controls?: PageControls,
): Promise<RenderedPage> {
  const rendered = renderPage(reply, page, controls);
  await sendPage(interaction, rendered);
  return rendered;
}

/**
 * Sends pages 2 to `pages` of a reply as follow-ups, for an answer not paged with buttons: each
 * ephemeral when it is, or when `ephemeral` says the whole answer is.
 */
export async function followUpPages(
  interaction: RepliableInteraction,
  reply: Reply,
  pages: number,
  ephemeral = false,
): Promise<void> {
  for (let page = 1; page < pages; page++) {
    const rendered = renderPage(reply, page);
    await interaction.followUp({
      ...rendered.payload,
      ...(rendered.ephemeral || ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
    });
  }
}
