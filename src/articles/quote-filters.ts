import type { QuotedSpan } from './quote-marks.js';
import { type Token, tokenIndexAt } from './word-tokens.js';

/** Nouns that name a work or programme, so the quoted words after (or before) them are its title. */
// biome-ignore format: a word list reads better packed
const TITLE_NOUNS = new Set([
  'show', 'programme', 'program', 'newspaper', 'book', 'film', 'movie', 'song', 'album', 'series', 'magazine',
  'column', 'op-ed', 'article', 'headline', 'podcast', 'documentary', 'titled', 'entitled', 'nickname',
  'nicknamed', 'episode', 'segment', 'broadcast', 'ad', 'advert', 'spot', 'video', 'memoir', 'novel', 'play',
  'report', 'bill', 'act', 'hashtag', 'slogan', 'forum', 'event', 'tour', 'conference', 'speech', 'essay',
  'editorial', 'blog', 'poem', 'musical', 'opera', 'sitcom', 'drama', 'channel', 'station', 'radio', 'website',
  'site', 'campaign', 'initiative', 'operation', 'plan', 'policy', 'doctrine', 'award', 'prize',
]);

/** Short words a title leaves in lower case ("Face the Nation", "Contract with America"). */
const TITLE_SMALL_WORDS = new Set(['of', 'the', 'a', 'an', 'and', 'in', 'on', 'with', 'for', 'to', 'at', 'or', 'by']);
const MAX_TITLE_WORDS = 7;
const TITLE_CUE_REACH = 3;

function isTitleCased(words: readonly string[]): boolean {
  if (!words.length || words.length > MAX_TITLE_WORDS) return false;
  return words.every((word, i) => /^[\p{Lu}\p{N}]/u.test(word) || (i > 0 && TITLE_SMALL_WORDS.has(word.toLowerCase())));
}

/**
 * Quotation marks that set off a name rather than speech: a programme or publication ("Fox
 * Business Network’s “Tideline”", "on “Face the Nation”", a spot "titled “Arrogant”"), a nickname
 * inside a name (Robert C. "Bobby" Scott) or an attribute in markup (author="…").
 */
export function isNotSpeech(text: string, tokens: readonly Token[], span: QuotedSpan): boolean {
  if (text[span.open - 1] === '=') return true;
  const inner = text.slice(span.start, span.end).replace(/[.,!?]+$/, '');
  const words = inner.split(/\s+/).filter(Boolean);
  const openIndex = tokenIndexAt(tokens, span.open);
  const closeIndex = span.close === null ? -1 : tokenIndexAt(tokens, span.close);
  const before = tokens[openIndex - 1];
  const after = closeIndex >= 0 ? tokens[closeIndex + 1] : undefined;
  if (!isTitleCased(words) || /[!?]$/.test(text.slice(span.start, span.end))) return false;
  if (words.length <= 2 && before?.capital && after?.capital && /^\p{L}/u.test(after.text)) return true;
  if (before?.possessive || before?.lower === 'on') return true;
  for (let i = openIndex - 1; i >= 0 && openIndex - i <= TITLE_CUE_REACH; i--) {
    if (TITLE_NOUNS.has(tokens[i]!.lower)) return true;
  }
  if (closeIndex >= 0) {
    for (let i = closeIndex + 1; i < tokens.length && i - closeIndex <= 2; i++) {
      if (TITLE_NOUNS.has(tokens[i]!.lower)) return true;
    }
  }
  return false;
}
