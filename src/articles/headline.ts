/**
 * A short headline for an article that comes without one (the seed format starts with its
 * standfirst): the file name's words when they read as a headline (news sites name files after
 * the headline: "2024-03-02-council-approves-new-harbour-bridge-….txt"), else the main clause of the
 * standfirst's first sentence, at most about 14 words.
 */
import { basename, extname } from 'node:path';
import { isFunctionWord } from '../text/stopwords.js';
import { datelineLength } from './dateline.js';
import type { TextSpan } from './types.js';

export const MAX_HEADLINE_WORDS = 14;
/** Fewer words than this in a file name is a label ("notes", "article-2"), not a headline. */
const MIN_FILE_NAME_WORDS = 4;
/** Sites cut long slugs at about this many characters, often mid-word. */
const SLUG_CUT_LENGTH = 55;
/** A clause may end the headline once it has this many words. */
const MIN_CLAUSE_WORDS = 6;

const LEADING_DATE = /^\d{4}-\d{2}-\d{2}[-_ ]*/;
/** Where a standfirst's main clause ends: a clause break, a reported clause, or an attribution. */
const CLAUSE_BREAK =
  /\s*(?:[;:—–]|,\s+(?:which|who|while|as|after|before|but|and|according)\b|\s(?:and that|while|after|as|amid|before)\s)/giu;
const ATTRIBUTION_TAIL = /,\s*(?:[\p{L}'’.-]+\s+){0,5}(?:said|says|told|added|announced|reported)\s*[.!?]?$/u;

export function headlineOf(standfirst: string, origin: string, text: string): string | null {
  return headlineFromFileName(origin, text) ?? mainClauseOf(standfirst);
}

/** The file name's words as a headline, cased as the article writes them, or null. */
function headlineFromFileName(origin: string, text: string): string | null {
  let slug = basename(origin, extname(origin)).replace(LEADING_DATE, '');
  if (!/^[a-z0-9]+(?:[-_][a-z0-9]+)+$/i.test(slug)) return null;
  const truncated = slug.length >= SLUG_CUT_LENGTH;
  slug = slug.replace(/[-_](s|t|re|ll|ve|d)(?=[-_]|$)/gi, "'$1");
  let words = slug.split(/[-_]+/);
  // A hash or an id is not a headline: every word must be letters, or a short number.
  if (!words.every((word) => /^[a-z]+(?:'[a-z]+)?$/i.test(word) || /^\d{1,4}$/.test(word))) return null;
  if (truncated) words = words.slice(0, -1);
  if (words.length < MIN_FILE_NAME_WORDS) return null;
  const cased = words.slice(0, MAX_HEADLINE_WORDS).map((word) => casedAsWritten(word, text));
  const [first = '', ...rest] = cased;
  return [first.charAt(0).toUpperCase() + first.slice(1), ...rest].join(' ');
}

/**
 * The word as the article writes it: lower case if it is ever written so, else its capitalised
 * form ("ek" → "Ek", "nato" → "NATO"); a word the article lacks stays lower case.
 */
function casedAsWritten(word: string, text: string): string {
  const lower = word.toLowerCase();
  const pattern = (flags: string) =>
    new RegExp(`(?<![\\p{L}\\p{N}])${lower.replace(/'/g, "['’]")}(?![\\p{L}\\p{N}])`, flags);
  if (pattern('u').test(text)) return lower;
  const written = pattern('iu').exec(text)?.[0].replace(/’/g, "'") ?? lower;
  // A small word capitalised only where it opens a sentence ("In talks…") is still a small word.
  return isFunctionWord(lower) && written.slice(1) === written.slice(1).toLowerCase() ? lower : written;
}

/** The first sentence's main clause: its dateline, attribution and trailing clauses cut. */
function mainClauseOf(standfirst: string): string | null {
  let sentence = standfirst.trim();
  const end = /[.!?](?=\s|$)/.exec(sentence);
  if (end) sentence = sentence.slice(0, end.index);
  sentence = sentence.slice(datelineLength(sentence)).replace(ATTRIBUTION_TAIL, '').trim();
  if (!sentence) return null;
  const words = sentence.split(/\s+/);
  if (words.length <= MAX_HEADLINE_WORDS) return sentence;
  for (const clause of sentence.matchAll(CLAUSE_BREAK)) {
    const head = sentence.slice(0, clause.index).trim();
    const count = head.split(/\s+/).length;
    if (count >= MIN_CLAUSE_WORDS && count <= MAX_HEADLINE_WORDS) return head;
    if (count > MAX_HEADLINE_WORDS) break;
  }
  return `${words.slice(0, MAX_HEADLINE_WORDS).join(' ')}…`;
}

/** A "Source: Coastal Herald, citing …" line near the start or end names the outlet. */
const SOURCE_LINE = /^(?:source|via)\s*:\s*([^,;\n(]{2,60}?)\s*(?:[,;(]|$)/i;
/** How many paragraphs from either end are searched for a source line. */
const SOURCE_LINE_PARAGRAPHS = 3;

export function sourceLineOf(text: string, paragraphs: readonly TextSpan[]): string | null {
  const near = [...paragraphs.slice(0, SOURCE_LINE_PARAGRAPHS), ...paragraphs.slice(-SOURCE_LINE_PARAGRAPHS)];
  for (const paragraph of near) {
    const match = SOURCE_LINE.exec(text.slice(paragraph.start, paragraph.end));
    if (match?.[1]) return match[1].trim();
  }
  return null;
}
