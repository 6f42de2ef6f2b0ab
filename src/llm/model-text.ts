/**
 * Clean-up of raw model output that applies to drafts and final answers alike: reasoning is never
 * shown, and nothing the model writes can ping anyone.
 */

/** `<think>`-style reasoning blocks (DeepSeek-R1, Qwen3, many local models) and close variants. */
const REASONING_BLOCK = /<(think|thinking|reasoning)>[\s\S]*?<\/\1>/gi;
/** A block still open (a stream in progress, or output cut off): everything after it is reasoning. */
const OPEN_REASONING = /<(think|thinking|reasoning)>[\s\S]*$/i;
/** Some chat templates put the opening tag in the prompt, so the output starts mid-reasoning and only closes it. */
const CLOSE_WITHOUT_OPEN = /^[\s\S]*?<\/(think|thinking|reasoning)>/i;

export function stripThinking(text: string): string {
  let out = text.replace(REASONING_BLOCK, '');
  out = out.replace(OPEN_REASONING, '');
  out = out.replace(CLOSE_WITHOUT_OPEN, '');
  return out.trim();
}

const ZERO_WIDTH_SPACE = '\u200b';
/** @everyone, @here, and user, nickname and role mentions (<@id>, <@!id>, <@&id>). https://discord.com/developers/docs/reference#message-formatting */
const MASS_MENTION = /@(everyone|here)\b/gi;
const ID_MENTION = /<@([!&]?\d+)>/g;

/**
 * Mentions as plain text: a zero-width space after `@` (or `<@`) keeps them readable but stops
 * Discord from resolving them. Defence in depth: replies are also sent with no allowed mentions.
 */
export function neutraliseMentions(text: string): string {
  return text
    .replace(MASS_MENTION, (_, who: string) => `@${ZERO_WIDTH_SPACE}${who}`)
    .replace(ID_MENTION, (_, id: string) => `<@${ZERO_WIDTH_SPACE}${id}>`);
}

/** Mentions removed altogether: what the support check reads, since a mention states nothing. */
export function withoutMentions(text: string): string {
  return text.replace(MASS_MENTION, '').replace(ID_MENTION, '');
}

/**
 * Shown with a model's draft while it is still being written (the Discord draft's footer, the line
 * above the terminal's draft), so nobody mistakes it for the answer (llmcord's rule: show clearly
 * when an answer is still being written).
 */
export const WRITING_MARKER = 'writing…';
