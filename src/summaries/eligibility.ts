/**
 * Which sentences may stand alone in a summary. A summary point is read out of its article, so it
 * must carry its own context: no bylines, datelines or headings, no bare quotation without a
 * speaker, nothing too short to say anything or too long to read (often captions run together).
 */
import { writtenWords } from '../text/written-words.js';

export const MIN_SENTENCE_WORDS = 6;
export const MAX_SENTENCE_WORDS = 60;
/** Above this share of characters inside quotation marks a sentence may be a quote fragment… */
const MAX_QUOTED_SHARE = 0.85;
/** …unless this many words outside the marks say who said it ("Loeb wrote"). */
const MIN_ATTRIBUTION_WORDS = 2;
/** Headings are short and have no closing punctuation. */
const MAX_HEADING_WORDS = 14;

// biome-ignore format: one boilerplate pattern a line reads better
const BOILERPLATE = [
  /^by\s+[.\p{Lu}]/iu,                               // "By . Jane Doe", "By Jane Doe"
  /^(?:pictured|photo|image|video|watch|scroll down|click here|read more|related|follow|share)\b/i,
  /^(?:copyright|all rights reserved|©)/i,
  /\b(?:e-?mail|follow) (?:us|me)\b|@\w{2,}/i,        // contact lines and handles
  /^date\s*:/i,
];
/**
 * A credit: a label and a colon open the line ("Source: …", "Photo: …", "Image credit: …") and it
 * does not end as a sentence does. Content behind a label ("Details: the minister said …") ends
 * with a full stop and stays.
 */
const LABEL_OPENING = /^\p{Lu}\p{L}*(?:\s+\p{L}+){0,2}\s*:\s/u;
const SENTENCE_END = /[.!?…]["”’')\]]*$/;
const QUOTED_AFTER_LABEL = /^[^:]*:\s*["“‘']/u;
/** Daily Mail datelines; tested only when the sentence has a colon, which few do (it runs on every sentence). */
const DATELINE = /\b(?:published|updated|last updated)(?:\s+at)?\s*:/i;

const QUOTE_PAIRS: [string, string][] = [
  ['“', '”'],
  ['"', '"'],
  ['‘', '’'],
];

const OPENING_MARKS = new Set(QUOTE_PAIRS.map(([open]) => open.charCodeAt(0)));

/** The sentence with its quoted passages removed, for the pair of marks that covers the most. */
export function unquotedText(text: string): string {
  let shortest = text;
  for (const [open, close] of QUOTE_PAIRS) {
    let outside = '';
    let cursor = 0;
    let from = text.indexOf(open);
    while (from >= 0) {
      outside += text.slice(cursor, from);
      const to = text.indexOf(close, from + 1);
      // An unclosed quote runs to the end of the sentence (the quote continues in the next one).
      cursor = to >= 0 ? to + 1 : text.length;
      from = to >= 0 ? text.indexOf(open, cursor) : -1;
    }
    outside += text.slice(cursor);
    if (outside.length < shortest.length) shortest = outside;
  }
  return shortest;
}

/** Share of non-empty `text` cut away to leave `unquoted`. */
const shareRemoved = (text: string, unquoted: string) => 1 - unquoted.length / text.length;

/** Share of the sentence's characters that sit inside quotation marks. */
export function quotedShare(text: string): number {
  return text ? shareRemoved(text, unquotedText(text)) : 0;
}

/**
 * Whether a quotation opens early enough for the sentence to be mostly quoted: the text before the
 * first mark is outside every quotation, so it must be under the share left unquoted. Checking
 * this first spares measuring quotations in the many sentences that open with plain words.
 */
function mayBeMostlyQuoted(text: string): boolean {
  const limit = Math.min(text.length, Math.ceil((1 - MAX_QUOTED_SHARE) * text.length));
  for (let at = 0; at < limit; at++) {
    const code = text.charCodeAt(at);
    if (OPENING_MARKS.has(code)) return true;
  }
  return false;
}

function isCredit(text: string): boolean {
  // A quotation after the label is someone's words ("Mayor Voss: “We will reopen …”"), not a credit.
  return LABEL_OPENING.test(text) && !QUOTED_AFTER_LABEL.test(text) && !SENTENCE_END.test(text.trim());
}

export type Ineligibility = 'too_short' | 'too_long' | 'boilerplate' | 'heading' | 'quote_fragment';

/** Why a sentence cannot be a summary point, or null when it can. */
export function ineligibility(text: string, words = writtenWords(text).length): Ineligibility | null {
  if (words < MIN_SENTENCE_WORDS) return 'too_short';
  if (words > MAX_SENTENCE_WORDS) return 'too_long';
  if (
    BOILERPLATE.some((pattern) => pattern.test(text)) ||
    (text.includes(':') && (DATELINE.test(text) || isCredit(text)))
  ) {
    return 'boilerplate';
  }
  if (words <= MAX_HEADING_WORDS && !/[.!?…"”’')\]]$/.test(text.trim())) return 'heading';
  if (mayBeMostlyQuoted(text)) {
    // Cut once: its length gives the quoted share, its words the attribution.
    const unquoted = unquotedText(text);
    if (shareRemoved(text, unquoted) > MAX_QUOTED_SHARE && writtenWords(unquoted).length < MIN_ATTRIBUTION_WORDS) {
      return 'quote_fragment';
    }
  }
  return null;
}
