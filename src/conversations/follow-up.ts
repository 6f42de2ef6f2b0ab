import { isStopword } from '../text/stopwords.js';
import { contentWords, tokenizeWords, type WordToken } from '../text/tokens.js';
import type { Turn } from './conversation-store.js';

export interface FollowUpOptions {
  /**
   * Whether a lower-cased word names someone or something the articles know ("dahl"), for
   * questions typed without capitals. Capitalised words inside the question always count as names.
   */
  isName?: (norm: string) => boolean;
}

/** A question with this few content words leans on the conversation ("and the date?"). */
const SHORT_FOLLOW_UP = 3;
/** Opening words that mark a question as continuing the previous one. */
const CONTINUES = /^(?:and|but|so|also|then|ok(?:ay)?|what else)\b[\s,]*/i;
/** "what about Dahl?", "how about the talks?": the previous question, asked of something else. */
const WHAT_ABOUT = /^(?:(?:and|but|so)[\s,]+)?(?:what|how) about\s+(.+?)[\s?.!]*$/i;
/** Pronouns standing for a person; "it" is left alone (it is rarely a person) and covered by carried terms. */
const PERSON_PRONOUN = /\b(?:he|she|they|him|them|his|hers|her|their|theirs)\b/gi;
const POSSESSIVE = /^(?:his|hers|her|their|theirs)$/i;

/**
 * Makes a follow-up question self-contained for retrieval, from the turns of its conversation:
 *
 * - "what about X?" re-asks the previous question with X in place of its names;
 * - he / she / they (him, her, his, their…) become the person the last answer was mostly about;
 * - a follow-up (it opens with "and"/"so"/"also", used a pronoun, or is short) keeps the previous
 *   question's subject: its content words when the new question names someone of its own, else
 *   its names too. "and what did Dahl say?" after "what did Lund say about the meeting?" asks
 *   "what did Dahl say (meeting)?".
 *
 * A question that stands on its own is returned as it is. Pure: no state, no I/O.
 */
export function followUpQuestion(history: readonly Turn[], question: string, options: FollowUpOptions = {}): string {
  const asked = question.trim();
  const last = history.at(-1);
  if (!last) return asked;
  const about = WHAT_ABOUT.exec(asked);
  if (about) return reaskAbout(last.standalone, about[1]!, options);

  const continues = CONTINUES.test(asked);
  let text = asked.replace(CONTINUES, '');
  const person = last.person ?? namesIn(last.standalone, options)[0] ?? null;
  let usedPronoun = false;
  if (person) {
    text = text.replace(PERSON_PRONOUN, (pronoun) => {
      usedPronoun = true;
      return POSSESSIVE.test(pronoun) ? `${person}’s` : person;
    });
  }
  const own = contentWords(text);
  if (!continues && !usedPronoun && own.length > SHORT_FOLLOW_UP) return asked;

  const hasName = namesIn(text, options).length > 0;
  const ownStems = new Set(tokenizeWords(text).map((token) => token.stem));
  const previousTokens = tokenizeWords(last.standalone);
  const previousNames = new Set(
    previousTokens.filter((_, i) => isNameAt(previousTokens, i, options)).map((token) => token.start),
  );
  const carried = contentWords(last.standalone)
    .filter((token) => !ownStems.has(token.stem))
    .filter((token) => !hasName || !previousNames.has(token.start))
    .map((token) => token.raw);
  const core = text.replace(/[\s?.!]+$/, '');
  return carried.length ? `${core} (${carried.join(' ')})?` : `${core}?`;
}

/** The previous question with its first name replaced by the new subject (or the subject added). */
function reaskAbout(previous: string, subject: string, options: FollowUpOptions): string {
  const runs = nameRuns(previous, options);
  const first = runs[0];
  const core = previous.replace(/[\s?.!]+$/, '');
  if (!first) return `${core} (${subject})?`;
  return `${previous.slice(0, first.start)}${subject}${previous.slice(first.end).replace(/[\s?.!]+$/, '')}?`;
}

/** The names a question asks about itself ("and what did Dahl say?" → ["Dahl"]). */
export function namesAskedAbout(question: string, options: FollowUpOptions = {}): string[] {
  return namesIn(question.trim().replace(CONTINUES, ''), options);
}

/** The names of a text, each a run of consecutive name words. */
function namesIn(text: string, options: FollowUpOptions): string[] {
  return nameRuns(text, options).map((run) => text.slice(run.start, run.end));
}

function nameRuns(text: string, options: FollowUpOptions): { start: number; end: number }[] {
  const tokens = tokenizeWords(text);
  const runs: { start: number; end: number }[] = [];
  let open: { start: number; end: number } | null = null;
  tokens.forEach((token, i) => {
    if (!isNameAt(tokens, i, options)) {
      open = null;
      return;
    }
    const adjacent = open !== null && /^\s+$/.test(text.slice(open.end, token.start));
    if (open && adjacent) open.end = token.end;
    else {
      open = { start: token.start, end: token.end };
      runs.push(open);
    }
  });
  return runs;
}

/** A capitalised word other than the question's first, or a word the articles know as a name. */
function isNameAt(tokens: readonly WordToken[], i: number, options: FollowUpOptions): boolean {
  const token = tokens[i]!;
  if (isStopword(token.norm) || /\d/.test(token.norm)) return false;
  if (/^\p{Lu}/u.test(token.raw) && i > 0) return true;
  return options.isName?.(token.norm) ?? false;
}
