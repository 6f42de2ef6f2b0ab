import { createHash } from 'node:crypto';
import type { OptionValues } from '../command.js';
import { MAX_CUSTOM_ID } from './limits.js';

/**
 * The state of a Previous/Next button, carried whole in its custom_id so a button keeps working
 * after the bot restarts: which command, which page, who asked, and the options to re-run it with.
 * https://discord.com/developers/docs/components/reference#anatomy-of-a-component-custom-id
 */
export interface PageState {
  command: string;
  page: number;
  /** Only this user may turn the pages. */
  userId: string;
  /** The options as text, the way `readOptions` reads them; undefined when they did not fit (see `optionsHash`). */
  options?: Record<string, string>;
  /** Set instead of `options` when they are too long for a custom_id. */
  optionsHash?: string;
}

/** Marks our custom_ids, versioned so a future format can tell old buttons apart. */
export const PAGE_PREFIX = 'pg1';
const SEPARATOR = '|';
const HASH_LENGTH = 10;

/** Escapes the characters the format uses, so any option text survives the round trip. */
const escapePart = (text: string) => text.replace(/[%|,=]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const unescapePart = (text: string) =>
  text.replace(/%([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));

/** Options as the text `readOptions` accepts, for both the custom_id and the hash. */
export function optionsAsText(options: OptionValues): Record<string, string> {
  const text: Record<string, string> = {};
  for (const [name, value] of Object.entries(options)) if (value !== undefined) text[name] = String(value);
  return text;
}

/** A short, stable digest of the options: the same options always give the same hash. */
export function hashOptions(options: Readonly<Record<string, string>>): string {
  const canonical = JSON.stringify(Object.entries(options).sort(([a], [b]) => a.localeCompare(b)));
  return createHash('sha256').update(canonical).digest('base64url').slice(0, HASH_LENGTH);
}

/**
 * `pg1|n|search|2|123456789012345678|o|query=ceasefire talks` — or `…|h|<hash>` when the options
 * are too long to fit. `direction` only keeps the two buttons' ids distinct (Discord requires it).
 */
export function encodePageState(state: PageState, direction: 'p' | 'n'): string {
  const head = [PAGE_PREFIX, direction, state.command, String(state.page), state.userId];
  if (state.options) {
    const options = Object.entries(state.options)
      .map(([name, value]) => `${escapePart(name)}=${escapePart(value)}`)
      .join(',');
    const full = [...head, 'o', options].join(SEPARATOR);
    if (full.length <= MAX_CUSTOM_ID) return full;
  }
  const hash = state.optionsHash ?? hashOptions(state.options ?? {});
  return [...head, 'h', hash].join(SEPARATOR);
}

/** The state in a custom_id, or null when it is not one of our page buttons (or is damaged). */
export function decodePageState(customId: string): PageState | null {
  const parts = customId.split(SEPARATOR);
  if (parts.length !== 7 || parts[0] !== PAGE_PREFIX) return null;
  const [, , command, pageText, userId, kind, rest] = parts as [string, string, string, string, string, string, string];
  const page = Number(pageText);
  if (!Number.isInteger(page) || page < 0 || !/^\d+$/.test(userId) || !command) return null;
  if (kind === 'h') return { command, page, userId, optionsHash: rest };
  if (kind !== 'o') return null;
  const options: Record<string, string> = {};
  for (const pair of rest ? rest.split(',') : []) {
    const at = pair.indexOf('=');
    if (at <= 0) return null;
    options[unescapePart(pair.slice(0, at))] = unescapePart(pair.slice(at + 1));
  }
  return { command, page, userId, options };
}
