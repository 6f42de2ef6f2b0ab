/**
 * Discord's message limits, in one place. A payload that breaks one is refused with a 400.
 * https://discord.com/developers/docs/resources/message#embed-object-embed-limits
 * https://discord.com/developers/docs/resources/message#create-message-jsonform-params
 */
export const MAX_EMBED_TITLE = 256;
export const MAX_EMBED_DESCRIPTION = 4096;
export const MAX_EMBED_FIELDS = 25;
export const MAX_FIELD_NAME = 256;
export const MAX_FIELD_VALUE = 1024;
export const MAX_EMBED_FOOTER = 2048;
export const MAX_EMBED_AUTHOR = 256;
/** The sum of every title, description, field, footer and author text across a message's embeds. */
export const MAX_EMBEDS_TOTAL = 6000;
export const MAX_EMBEDS = 10;
export const MAX_CONTENT = 2000;

/** https://discord.com/developers/docs/components/reference#button */
export const MAX_CUSTOM_ID = 100;
export const MAX_BUTTON_LABEL = 80;

/**
 * Autocomplete: at most 25 choices, each name and string value at most 100 characters.
 * https://discord.com/developers/docs/interactions/application-commands#application-command-object-application-command-option-choice-structure
 */
export const MAX_AUTOCOMPLETE_CHOICES = 25;
export const MAX_CHOICE_NAME = 100;
export const MAX_CHOICE_VALUE = 100;

/** Cuts text to `max` characters, marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  // A cut that ends on an escaping backslash would escape the ellipsis instead; drop it.
  return `${text
    .slice(0, Math.max(0, max - 1))
    .replace(/\\+$/, '')
    .trimEnd()}…`;
}
