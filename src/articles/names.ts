import { FUNCTION_WORDS } from '../text/stopwords.js';
import { isNotName, isOrganisationWord, isPlace } from './entity-kinds.js';
import { isRoleWord, splitRole } from './roles.js';
import type { Article } from './types.js';
import { spaceBetween, type Token } from './word-tokens.js';

/** A run of capitalised words ("White House Press Secretary Maja Lund"), split into title and name. */
export interface NameRun {
  /** All words of the run, title included. */
  tokens: Token[];
  /** How many leading tokens are a title or honorific ("Norwegian Minister", "Mr."). */
  roleLength: number;
  /** The title part contains a real role, not just an honorific. */
  hasRole: boolean;
  /** "The" stood right before the run ("The New York Times"), a hint of an organisation. */
  afterThe: boolean;
  /** The run opens a sentence, so its first capital may only mark the sentence start. */
  initial: boolean;
  /** A title given before the run in words a run cannot hold ("US Permanent Representative to NATO"). */
  title?: string;
}

/** Lower-case words that may join capitalised words inside one name ("Secretary of State", "Ludwig van Beethoven"). */
const CONNECTORS = new Set(['of', 'de', 'van', 'von', 'der', 'da', 'di', 'du', 'la', 'le', 'al', 'bin', 'del', 'y']);

/** Common words often capitalised only because they open a sentence. */
// biome-ignore format: a word list reads better packed
export const SENTENCE_OPENERS: ReadonlySet<string> = new Set([
  ...FUNCTION_WORDS,
  'afterwards', 'after', 'although', 'also', 'as', 'because', 'before', 'despite', 'during', 'even', 'every',
  'everyone', 'here', 'however', 'if', 'in', 'instead', 'meanwhile', 'many', 'more', 'most', 'now', 'on',
  'once', 'one', 'only', 'some', 'still', 'such', 'then', 'there', 'these', 'this', 'those', 'though',
  'today', 'tonight', 'until', 'when', 'where', 'while', 'why', 'yet', 'yesterday', 'according', 'asked',
  'last', 'next', 'read', 'speaking', 'like', 'unlike', 'since', 'earlier', 'later', 'already', 'both',
  'each', 'many', 'much', 'other', 'another', 'several', 'few', 'let', 'please', 'thank', 'well', 'oh',
]);

const TITLE_CASE_SHARE = 0.9;
const MIN_TITLE_WORDS = 5;

/** Headlines in title case capitalise every word; names found there would be noise. */
function isTitleCase(tokens: readonly Token[]): boolean {
  const words = tokens.filter((token) => /^\p{L}/u.test(token.text) && token.text.length > 3);
  if (words.length < MIN_TITLE_WORDS) return false;
  return words.filter((token) => token.capital).length / words.length >= TITLE_CASE_SHARE;
}

function isNameWord(token: Token): boolean {
  // "NATO-style", "Palace-backed": a capital joined to a lower-case word is an adjective, not a name.
  return (
    token.capital &&
    /^\p{Lu}/u.test(token.text) &&
    !isNotName(token.lower) &&
    // "NATO-style" is an adjective, "I'm" a pronoun, "Aug.15" a date.
    !/-\p{Ll}|^I['’]|\d/u.test(token.text)
  );
}

/** "Holm-Ek" before more name words is a modifier ("the Holm-Ek Nordland summit"), not their first name. */
function isCompoundModifier(token: Token): boolean {
  return /^\p{Lu}[\p{L}.]*-\p{Lu}/u.test(token.text);
}

/** Token indexes at which a sentence (or a quotation inside one) begins, so its capital says nothing. */
export function sentenceInitialTokens(article: Article, tokens: readonly Token[]): Set<number> {
  const starts = new Set<number>();
  let s = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    while (s < article.sentences.length && article.sentences[s]!.end <= token.start) s++;
    const sentence = article.sentences[s];
    const previous = tokens[i - 1];
    const opensSentence = !previous || (sentence !== undefined && previous.end <= sentence.start);
    const opensQuote = previous !== undefined && /^[“"‘(\-—–:]$/.test(previous.text);
    if (opensSentence || opensQuote) starts.add(i);
  }
  return starts;
}

/** Finds the runs of capitalised words that may name people, organisations and places. */
export function findNameRuns(article: Article, tokens: readonly Token[]): NameRun[] {
  const text = article.text;
  const initial = sentenceInitialTokens(article, tokens);
  const skipUntil = titleCaseHeadlineEnd(article, tokens);
  const runs: NameRun[] = [];
  let i = 0;
  while (i < tokens.length) {
    const first = tokens[i]!;
    if (first.start < skipUntil || !isNameWord(first)) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < tokens.length && !tokens[j - 1]!.possessive) {
      const next = tokens[j]!;
      if (!spaceBetween(text, tokens[j - 1]!, next)) break;
      if (isNameWord(next) && !isCompoundModifier(tokens[j - 1]!)) {
        j++;
        continue;
      }
      // "Ursula von der Leyen", "Secretary of State": one or two lower-case connectors, then a name word.
      const two = CONNECTORS.has(tokens[j + 1]?.text ?? '') && spaceBetween(text, next, tokens[j + 1]!) ? 1 : 0;
      const after = tokens[j + 1 + two];
      if (CONNECTORS.has(next.text) && after && isNameWord(after) && spaceBetween(text, tokens[j + two]!, after)) {
        j += 2 + two;
        continue;
      }
      break;
    }
    let from = i;
    // A sentence-opening common word ("In", "Such", "Afterwards") is not part of the name.
    while (from < j && initial.has(from) && SENTENCE_OPENERS.has(tokens[from]!.lower)) from++;
    while (from < j && CONNECTORS.has(tokens[from]!.text)) from++;
    const personAt = from < j ? personAfterRoleObject(tokens, from, j) : from;
    const parts: Array<[number, number]> =
      personAt > from
        ? [
            [from, personAt],
            [personAt, j],
          ]
        : [[from, j]];
    for (const [lo, hi] of parts) {
      if (lo >= hi) continue;
      const run = tokens.slice(lo, hi);
      const { roleLength, hasRole } = splitRole(run.map((token) => token.lower));
      const title = lo === personAt && personAt > from ? titleBefore(text, tokens, from, personAt) : undefined;
      runs.push({
        tokens: run,
        roleLength,
        hasRole,
        afterThe: tokens[lo - 1]?.lower === 'the',
        initial: initial.has(lo),
        ...(title ? { title } : {}),
      });
    }
    i = j;
  }
  return runs;
}

/** Words that link a role to what it is a role of ("Representative to NATO", "Minister for Europe"). */
const ROLE_LINKS = new Set(['to', 'of', 'for', 'at']);

/**
 * "Special Envoy to the League Anna Berg": after a role and its link word, the first
 * capitalised words belong to the role (an acronym, an organisation) and the person's name is what
 * follows; gluing them would make "League Anna Berg" an organisation. Returns where the name
 * starts, or `from` when the run is one name.
 */
function personAfterRoleObject(tokens: readonly Token[], from: number, to: number): number {
  const link = tokens[from - 1];
  const role = tokens[from - 2];
  if (!link || !role || !ROLE_LINKS.has(link.text) || !isRoleWord(role.lower) || to - from < 3) return from;
  let at = from;
  while (at < to - 2 && isRoleObjectWord(tokens[at]!)) at++;
  return at > from && isRoleObjectWord(tokens[at - 1]!) ? at : from;
}

/** The title a role object ends: "Special Envoy to the League" before "Anna Berg". */
function titleBefore(text: string, tokens: readonly Token[], objectAt: number, personAt: number): string {
  let from = objectAt - 1;
  while (from > 0 && tokens[from - 1]!.capital && /^\p{L}/u.test(tokens[from - 1]!.text)) from--;
  return text.slice(tokens[from]!.start, tokens[personAt - 1]!.end);
}

/** An acronym ("NATO", "U.N."), an organisation word or a place: never the start of a person's name. */
function isRoleObjectWord(token: Token): boolean {
  return /^[\p{Lu}.&]{2,8}$/u.test(token.text) || isOrganisationWord(token.lower) || isPlace(token.lower);
}

/** End offset of a title-case first paragraph (the headline), or 0. */
function titleCaseHeadlineEnd(article: Article, tokens: readonly Token[]): number {
  const headline = article.paragraphs[0];
  if (!headline || article.paragraphs.length < 2) return 0;
  const inHeadline = tokens.filter((token) => token.end <= headline.end);
  return isTitleCase(inHeadline) ? headline.end : 0;
}
