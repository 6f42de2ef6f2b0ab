import { BARE_SPEAKERS, DETERMINERS, isBetweenSpeakerAndCue, isCue, SPEAKER_PRONOUNS } from './attribution-cues.js';
import { isDemonym, isNotName, isPlace } from './entity-kinds.js';
import { SENTENCE_OPENERS } from './names.js';
import { HONORIFICS, isRoleWord } from './roles.js';
import type { TextSpan } from './types.js';
import { spaceBetween, type Token, tokenIndexAt } from './word-tokens.js';

/** The words that name a speaker in an attribution: a name, a pronoun or a noun phrase. */
export interface SpeakerPhrase extends TextSpan {
  kind: 'name' | 'pronoun' | 'noun';
  tokens: Token[];
  /** A role given in apposition ("Fallon, the campaign’s press secretary, said"). */
  role: string | null;
}

const MAX_NOUN_PHRASE = 6;
const MAX_APPOSITION = 14;
const MAX_APPOSITIONS = 2;
const LINKING_PREPOSITIONS = new Set(['for', 'of', 'at', 'with', 'to', 'from', 'in']);
const NOT_SPEAKER_WORDS = new Set(['that', 'this', 'which', 'what', 'who', 'there', 'here', 'and', 'but', 'or', 'as']);
/** Words that cannot sit in a title before a name ("said 9/11 widow Terry Strada" but not "said on Fox News"). */
const PREPOSITIONS = new Set([
  'on',
  'in',
  'at',
  'to',
  'for',
  'with',
  'from',
  'during',
  'after',
  'before',
  'by',
  'of',
  'about',
  'that',
  'and',
  'but',
  'as',
  'than',
  'if',
  'when',
  'while',
]);
const MAX_TITLE_BEFORE_NAME = 4;
/** Prepositions whose noun phrase is their object: the noun right after them cannot be a verb's subject. */
// biome-ignore format: a word list reads better packed
const OBJECT_PREPOSITIONS = new Set([
  'on', 'in', 'at', 'to', 'for', 'with', 'from', 'during', 'after', 'before', 'by', 'of', 'about', 'than',
  'like', 'into', 'over', 'under', 'since', 'until', 'without', 'within', 'among', 'between', 'against',
  'through', 'throughout', 'across', 'around', 'near', 'behind', 'beyond', 'toward', 'towards', 'inside',
  'outside', 'via', 'upon', 'onto', 'amid', 'despite',
]);
/** "with", "to", "about": the noun after it is the preposition's object, no verb's subject. */
export function isObjectPreposition(lower: string): boolean {
  return OBJECT_PREPOSITIONS.has(lower);
}

/** Prepositions a verb takes right after it ("began by", "went to"); "of" is left out ("head of"). */
const VERB_PREPOSITIONS = new Set(['by', 'to', 'at', 'about', 'on', 'in', 'with', 'into', 'from']);

/**
 * Words of a title before a name: lower-case words and numbers ("9/11 widow", "state Del."), party
 * and nationality adjectives ("Democratic pollster", "Swedish envoy"), and "of" inside a title
 * ("former secretary of state").
 */
function isTitleModifier(token: Token, next: Token | undefined): boolean {
  if (token.capital) return isDemonym(token.lower) || PARTY_WORDS.has(token.lower);
  if (token.lower === 'of') return !!next && !next.capital && isWord(next) && !DETERMINERS.has(next.lower);
  if (PREPOSITIONS.has(token.lower) || DETERMINERS.has(token.lower) || isCue(token.lower)) return false;
  return /^[\p{Ll}\p{N}/-]/u.test(token.text);
}

/** Party adjectives that open a title ("said Republican strategist …"), never a name. */
const PARTY_WORDS = new Set(['democratic', 'republican', 'independent', 'conservative', 'liberal', 'libertarian']);

/** Tokens that may belong to a proper name read right to left or left to right. */
function isNamePart(token: Token): boolean {
  if (token.capital) return /^\p{Lu}/u.test(token.text) && !isNotName(token.lower);
  return false;
}

function isWord(token: Token): boolean {
  return /^[\p{L}\p{N}]/u.test(token.text);
}

function phrase(tokens: Token[], kind: SpeakerPhrase['kind'], role: string | null): SpeakerPhrase {
  const last = tokens.at(-1)!;
  const end = last.possessive && kind === 'name' ? last.end - 2 : last.end;
  return { start: tokens[0]!.start, end, kind, tokens, role };
}

/** A proper name ending at token `j` (inclusive), read backwards: "White House Press Secretary Maja Lund". */
function nameEndingAt(text: string, tokens: readonly Token[], lo: number, j: number): Token[] | null {
  if (j < lo || !isNamePart(tokens[j]!)) return null;
  let from = j;
  while (from > lo) {
    const before = tokens[from - 1]!;
    if (!spaceBetween(text, before, tokens[from]!)) break;
    if (isNamePart(before) || HONORIFICS.has(before.lower)) from--;
    else if (before.lower === 'of' && from - 2 >= lo && isNamePart(tokens[from - 2]!)) from -= 2;
    else if (before.lower === 'the' && before.capital) from--;
    else break;
  }
  // Lower-case titles right before the name ("campaign spokesman Jason Miller") stay in the mention.
  const name = tokens.slice(from, j + 1);
  return name.length ? name : null;
}

/** A lower-case title word ("senator", "governor"), the end of a first title joined by "and" to a second. */
function isRoleLike(token: Token | undefined): boolean {
  return !!token && !token.capital && isRoleWord(token.lower);
}

/** A common noun phrase ending at token `j`: "a source", "the ad’s narrator", "a spokesman for the campaign". */
function nounEndingAt(text: string, tokens: readonly Token[], lo: number, j: number): Token[] | null {
  const head = tokens[j]!;
  // "one senior Democrat": a capitalised word that is no name may head a description.
  const plainHead = !head.capital || isNotName(head.lower);
  if (!isWord(head) || !plainHead || isCue(head.lower) || NOT_SPEAKER_WORDS.has(head.lower)) return null;
  let from = j;
  let determined = false;
  let joined = false;
  while (from >= lo && j - from < MAX_NOUN_PHRASE + (joined ? MAX_NOUN_PHRASE : 0)) {
    const token = tokens[from]!;
    // "the club's captain and longest-serving player told": one "and" may join two titles.
    if (token.lower === 'and' && !joined && from < j && isRoleLike(tokens[from - 1])) {
      joined = true;
      from--;
      continue;
    }
    if (!isWord(token) || (!token.capital && isCue(token.lower)) || NOT_SPEAKER_WORDS.has(token.lower)) break;
    // "Gary Johnson’s doctor", "Clinton’s campaign": a possessive name works as a determiner.
    if (token.possessive && token.capital && from < j) {
      const owner = nameEndingAt(text, tokens, lo, from);
      return [...(owner ?? [token]), ...tokens.slice(from + 1, j + 1)];
    }
    if (DETERMINERS.has(token.lower)) {
      determined = true;
      // "a spokesman for the campaign": carry on over one linking preposition.
      const link = tokens[from - 1];
      if (link && LINKING_PREPOSITIONS.has(link.lower) && from - 2 >= lo) {
        const further = nounEndingAt(text, tokens, lo, from - 2);
        if (further && DETERMINERS.has(further[0]!.lower)) return [...further, ...tokens.slice(from - 1, j + 1)];
      }
      break;
    }
    from--;
  }
  if (determined) return tokens.slice(from, j + 1);
  if (joined) return null;
  if (BARE_SPEAKERS.has(head.lower)) {
    let start = j;
    while (start > lo && tokens[start - 1]!.capital && isWord(tokens[start - 1]!)) start--;
    return tokens.slice(start, j + 1);
  }
  return null;
}

/** Skips a parenthesis ending at `j` ("Chaffetz (R-Utah) said"); returns the index before it. */
function skipParenthesis(tokens: readonly Token[], lo: number, j: number): number {
  if (tokens[j]?.text !== ')') return j;
  for (let k = j - 1; k >= lo && j - k < 8; k--) if (tokens[k]!.text === '(') return k - 1;
  return j;
}

/**
 * The speaker phrase that ends just before token `k` (a cue verb), skipping adverbs and
 * auxiliaries: "Holm also said", "Lund has said", "Brian Fallon, the campaign’s press secretary, said".
 */
export function speakerBefore(text: string, tokens: readonly Token[], lo: number, k: number): SpeakerPhrase | null {
  let j = k - 1;
  while (j >= lo && isBetweenSpeakerAndCue(tokens[j]!)) j--;
  j = skipParenthesis(tokens, lo, j);
  if (j < lo) return null;
  let role: string | null = null;
  if (tokens[j]!.text === ',') {
    // Appositions between commas, with the name before them: "Scott Pruitt, the attorney general of
    // Oklahoma, one of the states suing, said".
    let close = j;
    for (let apposition = 0; apposition < MAX_APPOSITIONS; apposition++) {
      let comma = close - 1;
      while (
        comma >= lo &&
        close - comma < MAX_APPOSITION &&
        tokens[comma]!.text !== ',' &&
        !isCue(tokens[comma]!.lower)
      ) {
        comma--;
      }
      if (comma < lo || tokens[comma]!.text !== ',') return null;
      // "the museum's head curator, Ola Dahl, said": the name in apposition to a description speaks.
      const inner = nameEndingAt(text, tokens, comma + 1, skipParenthesis(tokens, comma + 1, close - 1));
      if (apposition === 0 && inner?.[0] === tokens[comma + 1] && !isNamePart(tokens[comma - 1] ?? tokens[comma]!)) {
        const description = comma - 1 >= lo ? nounEndingAt(text, tokens, lo, comma - 1) : null;
        const described = description ? text.slice(description[0]!.start, tokens[comma - 1]!.end) : null;
        return phrase(inner!, 'name', described?.replace(/^(?:the|a|an)\s+/i, '') ?? null);
      }
      role = text.slice(tokens[comma + 1]!.start, tokens[close - 1]!.end).replace(/^(?:the|a|an)\s+/i, '');
      const name = nameEndingAt(text, tokens, lo, skipParenthesis(tokens, lo, comma - 1));
      if (name) return phrase(name, 'name', role);
      close = comma;
    }
    return null;
  }
  const token = tokens[j]!;
  // "The nominee outlined his plan and vowed …": the subject of the first verb.
  if (token.lower === 'and') return speakerAtClauseStart(text, tokens, lo, j);
  if (SPEAKER_PRONOUNS.has(token.lower) && isWord(token)) return phrase([token], 'pronoun', null);
  if (token.lower === 'who' && tokens[j - 1]?.text === ',') {
    const name = nameEndingAt(text, tokens, lo, j - 2);
    return name ? phrase(name, 'name', null) : null;
  }
  const name = nameEndingAt(text, tokens, lo, j);
  if (name) return phrase(name, 'name', role);
  const noun = nounEndingAt(text, tokens, lo, j);
  if (!noun) return null;
  // "Sand, who has in the past described", "Holm at the time said": a noun after a preposition is no subject.
  const before = tokens[tokenIndexAt(tokens, noun[0]!.start) - 1];
  return before && OBJECT_PREPOSITIONS.has(before.lower) ? null : phrase(noun, 'noun', null);
}

/**
 * "footage of Dana Holm saying", "with Senator Ek telling reporters": the name right before a
 * participle is the one speaking, whatever the clause's subject; null when no name stands there.
 */
export function nameBeforeParticiple(
  text: string,
  tokens: readonly Token[],
  lo: number,
  k: number,
): SpeakerPhrase | null {
  const last = tokens[k - 1];
  if (!last || last.possessive) return null;
  const name = nameEndingAt(text, tokens, lo, k - 1);
  if (!name || SENTENCE_OPENERS.has(name[0]!.lower)) return null;
  // "a letter to Attorney General Ek asking …", "a post on Chirp writing …": the name is the addressee or the medium.
  let before = tokenIndexAt(tokens, name[0]!.start) - 1;
  while (before >= lo && isTitleModifier(tokens[before]!, tokens[before + 1])) before--;
  return ADDRESS_PREPOSITIONS.has(tokens[before]?.lower ?? '') ? null : phrase(name, 'name', null);
}

const ADDRESS_PREPOSITIONS = new Set(['to', 'on', 'in', 'at', 'from', 'for', 'by', 'about', 'against', 'into', 'via']);

/** The speaker phrase starting at token `k` (after a cue verb): "said Norrby", "said a White House official". */
export function speakerAfter(text: string, tokens: readonly Token[], k: number, hi: number): SpeakerPhrase | null {
  let j = k;
  while (j < hi && isBetweenSpeakerAndCue(tokens[j]!) && tokens[j]!.lower !== 'on') j++;
  if (j >= hi) return null;
  const first = tokens[j]!;
  if (SPEAKER_PRONOUNS.has(first.lower) && isWord(first)) return phrase([first], 'pronoun', null);
  let nameAt = j;
  while (nameAt < hi && nameAt - j < MAX_TITLE_BEFORE_NAME && isTitleModifier(tokens[nameAt]!, tokens[nameAt + 1]))
    nameAt++;
  if (nameAt > j && nameAt < hi && isNamePart(tokens[nameAt]!)) {
    const named = speakerAfter(text, tokens, nameAt, hi);
    if (named?.kind === 'name')
      return { ...named, start: first.start, tokens: [...tokens.slice(j, nameAt), ...named.tokens] };
  }
  // "The billionaire businessman began …": a capitalised determiner before a common noun opens a description.
  // "The Republican nominee", "the Swedish envoy": a party or nationality adjective opens a description too.
  const second = tokens[j + 1];
  const describes =
    DETERMINERS.has(first.lower) &&
    second !== undefined &&
    (!second.capital || ((isDemonym(second.lower) || PARTY_WORDS.has(second.lower)) && !tokens[j + 2]?.capital));
  if (!describes && (isNamePart(first) || HONORIFICS.has(first.lower))) {
    let end = j + 1;
    while (end < hi && spaceBetween(text, tokens[end - 1]!, tokens[end]!) && !tokens[end - 1]!.possessive) {
      const token = tokens[end]!;
      if (isNamePart(token)) end++;
      else if (token.lower === 'of' && tokens[end + 1] && isNamePart(tokens[end + 1]!)) end += 2;
      else break;
    }
    return phrase(tokens.slice(j, end), 'name', null);
  }
  if (DETERMINERS.has(first.lower)) {
    let end = j + 1;
    while (end < hi && end - j < MAX_NOUN_PHRASE && isWord(tokens[end]!) && !isCue(tokens[end]!.lower)) {
      // "the mayor also said": an adverb or auxiliary ends the noun phrase.
      const word = tokens[end]!;
      const lower = word.lower;
      if (NOT_SPEAKER_WORDS.has(lower) || (lower !== 'on' && isBetweenSpeakerAndCue(word))) break;
      // "The retired pilot began by talking": a word that is no title, before a preposition, is the verb.
      if (end - j >= 2 && VERB_PREPOSITIONS.has(tokens[end + 1]?.lower ?? '') && !isRoleWord(word.lower)) break;
      end++;
    }
    return end > j + 1 ? phrase(tokens.slice(j, end), 'noun', null) : null;
  }
  return null;
}

/**
 * The subject at the start of a clause ("Holm took to Twitter … to accuse"), for cues that hang
 * from it; an opening phrase up to its comma is skipped ("During the debate, Holm …").
 */
export function speakerAtClauseStart(
  text: string,
  tokens: readonly Token[],
  lo: number,
  hi: number,
): SpeakerPhrase | null {
  let j = lo;
  const opener = tokens[j];
  // "Following a late meeting, the council …": a participle opens a phrase like "During …" does.
  const participle = opener && opener.lower.length > 5 && opener.lower.endsWith('ing') && !tokens[j + 1]?.capital;
  if (
    opener &&
    (SENTENCE_OPENERS.has(opener.lower) || participle) &&
    !DETERMINERS.has(opener.lower) &&
    !SPEAKER_PRONOUNS.has(opener.lower)
  ) {
    while (j < hi && tokens[j]!.text !== ',') j++;
    j++;
  }
  if (j >= hi) return null;
  let found = speakerAfter(text, tokens, j, hi);
  // "Speaking in Lakeside, New County, Holm …": the rest of a place name is still the opening phrase.
  const afterPlace = found ? tokenIndexAt(tokens, found.end) : hi;
  if (
    found?.kind === 'name' &&
    j > lo &&
    isPlace(text.slice(found.start, found.end).toLowerCase()) &&
    tokens[afterPlace]?.text === ','
  )
    found = afterPlace + 1 < hi ? speakerAfter(text, tokens, afterPlace + 1, hi) : null;
  if (!found || (found.kind === 'name' && isPlace(text.slice(found.start, found.end).toLowerCase()))) return null;
  if (found.kind === 'name' && found.tokens.every((token) => token.text === token.text.toUpperCase())) return null;
  return found;
}
