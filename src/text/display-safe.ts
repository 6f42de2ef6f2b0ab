import { stripVTControlCharacters } from 'node:util';

/**
 * C0 and C1 control characters and DEL, except newline and tab: a lone ESC, BEL, backspace or
 * carriage return still moves the cursor or rewrites what a person already read.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters it removes
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
/**
 * Invisible characters that change how the text around them reads: zero-width spaces and joiners,
 * the word joiner and invisible operators, the byte-order mark, and the bidirectional marks,
 * embeddings, overrides and isolates ("Trojan Source"). A zero-width space right after `@` stays:
 * it is how a mention in model text is made inert (`neutraliseMentions`), and it hides nothing.
 */
const INVISIBLE = /(?<!@)\u200B|[\u061C\u200C-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the characters looked for
const ANY_UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/;

/** Shown where a control character was, so a person can see that something was there. */
const REPLACEMENT = '\uFFFD';

/**
 * Text from outside (articles, feeds, the model, what was typed) made safe to show, on a terminal
 * or in a Discord message: escape sequences (CSI, OSC, and the like: colour, cursor moves, a reset,
 * a window title) are removed whole, any other control character is shown as �, and invisible
 * formatting characters are dropped, so a bidirectional override cannot make a line read other than
 * it is. Newlines and tabs stay. For display only: stored article text is never changed.
 */
export function displaySafe(text: string): string {
  if (!ANY_UNSAFE.test(text)) return text;
  return stripVTControlCharacters(text).replace(CONTROLS, REPLACEMENT).replace(INVISIBLE, '');
}
