import {
  DETERMINERS,
  isAccordingTo,
  isBetweenSpeakerAndCue,
  isCue,
  isDependentCue,
  isInvertingCue,
} from './attribution-cues.js';
import type { QuotedSpan } from './quote-marks.js';
import {
  isObjectPreposition,
  nameBeforeParticiple,
  type SpeakerPhrase,
  speakerAfter,
  speakerAtClauseStart,
  speakerBefore,
} from './speaker-phrases.js';
import type { Article } from './types.js';
import { type Token, tokenIndexAt } from './word-tokens.js';

/** Who a quotation is attributed to in the words around it, and with what cue. */
export interface Attribution {
  speaker: SpeakerPhrase | null;
  cue: string;
}

/** How far after a closing mark "…,” the White House press secretary said" may reach. */
const MAX_TOKENS_AFTER = 24;
/** How many cue words before a quotation are tried, nearest first. */
const MAX_CUES_BEFORE = 3;
const DASHES = new Set(['―', '—', '–', '-']);
const MAX_PARENTHESIS = 8;
/** Title words allowed between a closing mark and the speaker's name. */
const MAX_TITLE_GAP = 5;
/** How far back from a sentence's end ", she said." is looked for. */
const MAX_TAIL_TOKENS = 6;

/** Token range [lo, hi) of the text around one quotation, bounded by its neighbours. */
export interface QuoteRegions {
  beforeLo: number;
  beforeHi: number;
  afterLo: number;
  afterHi: number;
}

function isWordToken(token: Token): boolean {
  return /^[\p{L}\p{N}]/u.test(token.text);
}

function isCueToken(token: Token): boolean {
  return !token.capital && isCue(token.lower);
}

/** Cues that report speech only when a pause follows ("he continued:"), not "will continue “counting on …”". */
const BARE_CUES = new Set(['continue', 'continues', 'continued']);

/** "As Holm put it, “…”": "put it" before a pause quotes someone like a cue verb does. */
function putsIt(tokens: readonly Token[], m: number): boolean {
  const after = tokens[m + 2];
  return /^puts?$/.test(tokens[m]!.lower) && tokens[m + 1]?.lower === 'it' && (!after || /^[,:.;—–]$/.test(after.text));
}

function isCueBefore(tokens: readonly Token[], m: number): boolean {
  const token = tokens[m]!;
  if (putsIt(tokens, m)) return true;
  if (!isCueToken(token)) return false;
  const next = tokens[m + 1];
  return !BARE_CUES.has(token.lower) || !next || /^[,:.;—–]$/.test(next.text);
}

/** The speaker after a cue verb, for the verbs that allow it ("said Norrby", not "called Holm"). */
function invertedSpeaker(text: string, tokens: readonly Token[], cue: number, hi: number): SpeakerPhrase | null {
  return isInvertingCue(tokens[cue]!.lower) ? speakerAfter(text, tokens, cue + 1, hi) : null;
}

/**
 * "said Smith: “…”": before a quotation, the words after a cue are its speaker only when a comma,
 * colon or dash follows them; "said the route was “…”" opens a reported clause instead.
 */
function invertedSpeakerBefore(text: string, tokens: readonly Token[], cue: number, hi: number): SpeakerPhrase | null {
  const speaker = invertedSpeaker(text, tokens, cue, hi);
  if (!speaker) return null;
  const after = tokenIndexAt(tokens, speaker.end);
  return after < hi && /^[,:—–]$/.test(tokens[after]!.text) ? speaker : null;
}

const PASSIVE_AUXILIARIES = new Set(['was', 'were', 'is', 'are', 'been', 'being', 'be']);
/** Cues whose object is the person spoken to, so "X was asked" makes X the one addressed. */
const ADDRESSEE_CUES = new Set(['asked', 'told', 'urged', 'warned', 'questioned', 'pressed']);

/** Index after a parenthesis opening at `j` ("Moore (D-Wis.) said"), or `j` itself. */
function skipParenthesis(tokens: readonly Token[], j: number, hi: number): number {
  if (tokens[j]?.text !== '(') return j;
  for (let k = j + 1; k < hi && k - j < MAX_PARENTHESIS; k++) if (tokens[k]!.text === ')') return k + 1;
  return j;
}

/** "…,” Lund told", "…,” said Norrby", "…” ― Pamela Padilla": attribution right after the quotation. */
function attributionAfter(text: string, tokens: readonly Token[], lo: number, hi: number): Attribution | null {
  let j = lo;
  while (j < hi && (tokens[j]!.text === ',' || tokens[j]!.text === '.')) j++;
  if (j >= hi) return null;
  if (DASHES.has(tokens[j]!.text)) {
    const speaker = speakerAfter(text, tokens, j + 1, hi);
    return speaker?.kind === 'name' ? { speaker, cue: tokens[j]!.text } : null;
  }
  if (isAccordingTo(tokens, j)) {
    return { speaker: speakerAfter(text, tokens, j + 2, hi), cue: 'according to' };
  }
  const appositive = attributionAfterApposition(text, tokens, j, hi);
  if (appositive) return appositive;
  for (let m = j, seen = 0; m < hi && seen < MAX_TOKENS_AFTER; m++, seen++) {
    m = skipParenthesis(tokens, m, hi);
    const token = tokens[m];
    if (!token || /^[.!?;“"]$/.test(token.text)) break;
    if (!isCueToken(token) && !putsIt(tokens, m)) continue;
    if (m === j) {
      const speaker = invertedSpeaker(text, tokens, m, hi);
      return speaker ? { speaker, cue: token.text } : null;
    }
    // "…” if she lost by more than that, said Dana Holm.": the quotation's sentence runs on, then ", said X".
    if (tokens[m - 1]?.text === ',') {
      const speaker = invertedSpeaker(text, tokens, m, hi);
      if (speaker?.kind === 'name') return { speaker, cue: token.text };
    }
    const speaker = speakerBefore(text, tokens, j, m);
    // Words before the name may only be its title ("White House press secretary Josh Earnest").
    const gap = speaker ? tokens.slice(j, tokenIndexAt(tokens, speaker.start)) : [];
    // "…,” when Holm blasted him": a clause of its own follows, whose subject did not say the quotation.
    const opensClause = gap.some((word) => CLAUSE_OPENERS.has(word.lower));
    if (speaker && gap.length <= MAX_TITLE_GAP && gap.every(isWordToken) && !opensClause)
      return { speaker, cue: token.text };
    break;
  }
  return attributionAtSentenceEnd(text, tokens, lo, hi);
}

/**
 * "…,” Scott Pruitt, the attorney general of Oklahoma, one of the states suing, said": a name
 * right after the quotation, then appositions, then the cue.
 */
function attributionAfterApposition(text: string, tokens: readonly Token[], j: number, hi: number): Attribution | null {
  const lead = speakerAfter(text, tokens, j, hi);
  if (lead?.kind !== 'name') return null;
  const after = tokenIndexAt(tokens, lead.end);
  if (tokens[after]?.text !== ',' && tokens[after]?.text !== '(') return null;
  for (let m = after + 1; m < hi && m - after < MAX_TOKENS_AFTER; m++) {
    const token = tokens[m]!;
    if (/^[.!?;“"]$/.test(token.text)) return null;
    // "one of the states suing": after a determiner the word is a noun, not a cue.
    if (!isCueToken(token) || DETERMINERS.has(tokens[m - 1]?.lower ?? '')) continue;
    let k = m - 1;
    while (k > after && isBetweenSpeakerAndCue(tokens[k]!)) k--;
    if (tokens[k]?.text !== ',' && tokens[k]?.text !== ')') return null;
    const role = text.slice(tokens[after + 1]!.start, tokens[k - 1]!.end).replace(/^(?:the|a|an)\s+/i, '');
    return { speaker: { ...lead, role: lead.role ?? role }, cue: token.text };
  }
  return null;
}

/** A word of a title before a name ("Republican candidate"): a capitalised word or a lower-case one that is no function word. */
function isTitleWord(token: Token): boolean {
  if (!isWordToken(token) || isCueToken(token)) return false;
  return token.capital || (!DETERMINERS.has(token.lower) && !FUNCTION_WORDS.has(token.lower));
}

// biome-ignore format: a word list reads better packed
const FUNCTION_WORDS = new Set([
  'and', 'but', 'or', 'nor', 'so', 'yet', 'that', 'which', 'who', 'when', 'while', 'if', 'as', 'to', 'of',
  'in', 'on', 'at', 'by', 'for', 'with', 'from', 'than', 'because', 'though', 'although', 'not',
]);

/** Conjunctions that open a new clause after a quotation. */
const CLAUSE_OPENERS = new Set(['when', 'while', 'because', 'after', 'before', 'if', 'since', 'until', 'though']);

/** "…” to drive up the stock price, she said.": a closing ", X said" clause ends the sentence. */
function attributionAtSentenceEnd(text: string, tokens: readonly Token[], lo: number, hi: number): Attribution | null {
  let end = hi;
  while (end > lo && /^[.!?]$/.test(tokens[end - 1]!.text)) end--;
  for (let m = end - 1; m >= lo && end - m <= MAX_TAIL_TOKENS; m--) {
    const token = tokens[m]!;
    if (isCueToken(token)) {
      const speaker = speakerBefore(text, tokens, lo, m);
      if (!speaker) return null;
      // Title words may stand between the comma and the name (", Republican candidate Ben Holm said").
      const first = tokenIndexAt(tokens, speaker.start);
      let k = first - 1;
      if (speaker.kind === 'name') while (k >= lo && first - k <= MAX_TITLE_GAP && isTitleWord(tokens[k]!)) k--;
      return tokens[k]?.text === ',' ? { speaker, cue: token.text } : null;
    }
    if (!isWordToken(token)) return null;
  }
  return null;
}

/** "Holm said Berg held a “truly historic” meeting", "according to X, “…”", "X said: “…”". */
function attributionBefore(text: string, tokens: readonly Token[], lo: number, hi: number): Attribution | null {
  let tried = 0;
  for (let m = hi - 1; m >= lo && tried < MAX_CUES_BEFORE; m--) {
    const token = tokens[m]!;
    if (isAccordingTo(tokens, m)) {
      tried++;
      const speaker = speakerAfter(text, tokens, m + 2, hi);
      if (speaker) return { speaker, cue: 'according to' };
      continue;
    }
    // "his calls with Kowalsky": after a determiner the word is a noun, not a cue.
    if (!isCueBefore(tokens, m) || DETERMINERS.has(tokens[m - 1]?.lower ?? '')) continue;
    tried++;
    // "Sanders was asked by host Bill Maher, “…”": a passive cue's speaker is its agent, or unknown.
    if (PASSIVE_AUXILIARIES.has(tokens[m - 1]?.lower ?? '') && ADDRESSEE_CUES.has(token.lower)) {
      const agent = tokens[m + 1]?.lower === 'by' ? speakerAfter(text, tokens, m + 2, hi) : null;
      if (agent) return { speaker: agent, cue: token.text };
      continue;
    }
    // "Holm calling for a ban": a call for something is no speech of the quotation's.
    const callsFor = /^(?:for|on)$/.test(tokens[m + 1]?.lower ?? '');
    const participle = token.lower.endsWith('ing') && !callsFor ? nameBeforeParticiple(text, tokens, lo, m) : null;
    const speaker = isDependentCue(token.lower, tokens[m - 1]?.lower)
      ? (participle ?? speakerAtClauseStart(text, tokens, lo, m))
      : (speakerBefore(text, tokens, lo, m) ?? invertedSpeakerBefore(text, tokens, m, hi));
    if (speaker) return { speaker, cue: token.text };
  }
  // "Holm: ‘I will meet Ek’", "PENCE: Well…"
  if (hi - 1 >= lo && tokens[hi - 1]!.text === ':') {
    const named = speakerBefore(text, tokens, lo, hi - 1);
    // "… she wrote in a letter to Dahl: “…”": a name that is the object of a preposition is the one addressed.
    const addressed = named && isObjectPreposition(tokens[tokenIndexAt(tokens, named.start) - 1]?.lower ?? '');
    const speaker = named?.kind === 'name' && !addressed ? named : speakerAtClauseStart(text, tokens, lo, hi - 1);
    if (speaker) return { speaker, cue: ':' };
  }
  return null;
}

/** Attribution for one quotation from the words before and after it in its sentence. */
export function attributeFromRegions(
  text: string,
  tokens: readonly Token[],
  regions: QuoteRegions,
): Attribution | null {
  return (
    attributionAfter(text, tokens, regions.afterLo, regions.afterHi) ??
    attributionBefore(text, tokens, regions.beforeLo, regions.beforeHi) ??
    participleAfter(text, tokens, regions)
  );
}

/**
 * "The foundation did not want to address “that person,” telling reporters …": a participle right
 * after the quotation hangs from the subject of the clause the quotation sits in.
 */
function participleAfter(text: string, tokens: readonly Token[], regions: QuoteRegions): Attribution | null {
  let j = regions.afterLo;
  while (j < regions.afterHi && tokens[j]!.text === ',') j++;
  const cue = tokens[j];
  if (!cue || j >= regions.afterHi || !isCueToken(cue) || !cue.lower.endsWith('ing')) return null;
  if (regions.beforeHi <= regions.beforeLo) return null;
  const speaker = speakerAtClauseStart(text, tokens, regions.beforeLo, regions.beforeHi);
  return speaker && speaker.kind !== 'noun' ? { speaker, cue: cue.text } : null;
}

/** Index of the sentence holding `offset`. */
export function sentenceAt(article: Article, offset: number): number {
  const sentences = article.sentences;
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sentences[mid]!.start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The text a quotation's attribution may come from: the sentences it starts and ends in, cut at
 * the neighbouring quotations so "“A,” he said, “B.”" gives B the words between them.
 */
export function regionsOf(
  article: Article,
  tokens: readonly Token[],
  quote: QuotedSpan,
  previous: QuotedSpan | undefined,
  next: QuotedSpan | undefined,
): QuoteRegions {
  const closeAt = quote.close ?? quote.end;
  const first = article.sentences[sentenceAt(article, quote.open)];
  const last = article.sentences[sentenceAt(article, closeAt)];
  let from = first?.start ?? quote.open;
  if (previous?.close != null && previous.close < quote.open) from = Math.max(from, previous.close + 1);
  let to = last?.end ?? closeAt;
  if (quote.close === null) to = closeAt;
  // "….” ― Pamela Padilla": a dash attribution the sentence splitter cut off.
  if (/^[\s\u00a0]*[―—–]/.test(article.text.slice(closeAt + 1, closeAt + 4))) {
    const lineEnd = article.text.indexOf('\n', closeAt);
    to = Math.max(to, lineEnd < 0 ? article.text.length : lineEnd);
  }
  if (next && next.open > closeAt) to = Math.min(to, next.open);
  return {
    beforeLo: tokenIndexAt(tokens, from),
    beforeHi: tokenIndexAt(tokens, quote.open),
    afterLo: tokenIndexAt(tokens, closeAt + 1),
    afterHi: Math.max(tokenIndexAt(tokens, closeAt + 1), tokenIndexAt(tokens, to)),
  };
}

/** Attribution in the sentence before a quotation that opens its line, when it ends "Norrby continued:". */
export function attributeFromLeadIn(article: Article, tokens: readonly Token[], open: number): Attribution | null {
  const before = article.text.slice(0, open).trimEnd();
  if (!before.endsWith(':')) return null;
  const colon = before.length - 1;
  const sentence = article.sentences[sentenceAt(article, colon)];
  const lo = tokenIndexAt(tokens, Math.min(sentence?.start ?? colon, colon));
  return attributionBefore(article.text, tokens, lo, tokenIndexAt(tokens, colon + 1));
}
