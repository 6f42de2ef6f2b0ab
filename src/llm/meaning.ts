import { NEGATION_WORDS } from '../text/negation.js';
import { CARDINAL_WORDS } from '../text/number-words.js';
import { isStopword } from '../text/stopwords.js';
import { tokenizeWords, type WordToken } from '../text/tokens.js';

/**
 * Checks that a sentence the model wrote means what its passages say, beyond sharing their words:
 * the same polarity around the shared content ("is not open" against "is open"), and each number
 * with its unit in one passage (not 15 and 12 swapped within a passage, not a number borrowed from
 * another passage, not "four weeks" for "three-week"). Pure and cheap: a sentence and a few passages.
 */

const NEGATIONS: ReadonlySet<string> = new Set(NEGATION_WORDS);
/** A negation governs the content word this many words after it ("has not yet been invited"). */
const SCOPE_AFTER = 3;
/** …and the word just before it ("expressed no desire" denies the expressing too). */
const SCOPE_BEFORE = 2;

/** Scale words belong to the number they follow ("4 million euros": the unit is euros). */
const SCALES: ReadonlySet<string> = new Set(['hundred', 'thousand', 'million', 'billion', 'trillion']);

interface Read {
  tokens: WordToken[];
  negated: boolean[];
}

/** "isn't", "don't", "won't": the tokenizer leaves a "t" after an apostrophe. */
function isNegation(tokens: readonly WordToken[], i: number, text: string): boolean {
  const token = tokens[i]!;
  if (NEGATIONS.has(token.norm)) return true;
  return token.norm === 't' && i > 0 && /['’]$/.test(text.slice(0, token.start)) && tokens[i - 1]!.norm.endsWith('n');
}

function read(text: string): Read {
  const tokens = tokenizeWords(text);
  const negated = tokens.map(() => false);
  tokens.forEach((_, i) => {
    if (!isNegation(tokens, i, text)) return;
    for (let j = Math.max(0, i - SCOPE_BEFORE); j <= Math.min(tokens.length - 1, i + SCOPE_AFTER); j++)
      negated[j] = true;
  });
  return { tokens, negated };
}

/** The content words a negation in `text` governs: the first one after each negation. */
function negatedContent({ tokens }: Read, text: string): Set<string> {
  const stems = new Set<string>();
  tokens.forEach((_, i) => {
    if (!isNegation(tokens, i, text)) return;
    const next = tokens.slice(i + 1, i + 1 + SCOPE_AFTER).find((t) => !isStopword(t.norm) && !NEGATIONS.has(t.norm));
    if (next) stems.add(next.stem);
  });
  return stems;
}

/** How a stem is used in a text: under a negation, outside one, or both. */
function polarityOf(stem: string, { tokens, negated }: Read): { negated: boolean; plain: boolean } {
  const use = { negated: false, plain: false };
  tokens.forEach((token, i) => {
    if (token.stem !== stem) return;
    if (negated[i]) use.negated = true;
    else use.plain = true;
  });
  return use;
}

/**
 * The content words whose polarity the sentence turns round: a word a negation governs on one side
 * that the other side uses only the other way ("the president is not open to meeting" against "the
 * president is open to meeting", or "expressed a desire" against "never expressed a desire").
 */
export function reversedPolarity(sentence: string, passageTexts: readonly string[]): string[] {
  const claim = read(sentence);
  const passages = passageTexts.map(read);
  const watched = new Set(negatedContent(claim, sentence));
  passages.forEach((passage, i) => {
    for (const stem of negatedContent(passage, passageTexts[i]!)) watched.add(stem);
  });
  const reversed: string[] = [];
  for (const stem of watched) {
    const inClaim = polarityOf(stem, claim);
    const inPassages = passages.map((passage) => polarityOf(stem, passage));
    const passageNegated = inPassages.some((use) => use.negated);
    const passagePlain = inPassages.some((use) => use.plain);
    if (!(passageNegated || passagePlain) || !(inClaim.negated || inClaim.plain)) continue;
    const claimOnlyNegated = inClaim.negated && !inClaim.plain;
    const claimOnlyPlain = inClaim.plain && !inClaim.negated;
    if ((claimOnlyNegated && !passageNegated) || (claimOnlyPlain && !passagePlain)) reversed.push(stem);
  }
  return reversed;
}

interface NumberMention {
  value: string;
  /** The word naming what is counted, right after the number (its scale skipped): "15 soldiers". */
  unit: string | null;
  index: number;
}

/** A number in figures or words, as the model may write a passage's figures. "one" is left out: it is mostly a pronoun. */
function numberValue(token: WordToken): string | null {
  if (/^\d+$/.test(token.norm)) return token.norm;
  if (token.norm === 'one') return null;
  return CARDINAL_WORDS.get(token.norm) ?? null;
}

/** Numbers in figures or words, each with the unit written right after it, if any. */
function numbersIn(text: string, tokens: readonly WordToken[]): NumberMention[] {
  const mentions: NumberMention[] = [];
  tokens.forEach((token, i) => {
    const value = numberValue(token);
    if (value === null) return;
    let unit: string | null = null;
    let j = i + 1;
    while (tokens[j] && SCALES.has(tokens[j]!.norm)) j++;
    const next = tokens[j];
    // Only a word joined to the number by a space or hyphen is its unit: "in 2025, leaders" has none.
    const joined = next && /^[\s\-‑–]*$/.test(text.slice(tokens[j - 1]!.end, next.start));
    if (next && joined && numberValue(next) === null) unit = j > i + 1 ? tokens[i + 1]!.stem : next.stem;
    if (unit !== null && isStopword(next!.norm) && j === i + 1) unit = null;
    mentions.push({ value, unit, index: i });
  });
  return mentions;
}

/** Whether `passage` holds the number beside its unit (before it, "June 12", or after it, scales skipped). */
function holds(passage: Read, passageText: string, mention: NumberMention): boolean {
  const { tokens } = passage;
  return numbersIn(passageText, tokens).some((found) => {
    if (found.value !== mention.value) return false;
    if (mention.unit === null) return true;
    const around = [found.unit, tokens[found.index - 1]?.stem, ...scaledUnits(tokens, found.index)];
    return around.includes(mention.unit);
  });
}

/** The words after a number and its scale words: "4 million euros" offers "million" and "euro". */
function scaledUnits(tokens: readonly WordToken[], index: number): string[] {
  const units: string[] = [];
  for (let j = index + 1; j < tokens.length && j <= index + 3; j++) {
    units.push(tokens[j]!.stem);
    if (!SCALES.has(tokens[j]!.norm)) break;
  }
  return units;
}

/**
 * The numbers of the sentence that no single passage holds with their unit ("15 soldiers" when the
 * passage says 12 soldiers and 15 wounded; "12 million" when 12 is a date in one passage and the
 * millions are in another), written as the sentence writes them.
 */
export function unheldNumbers(sentence: string, passageTexts: readonly string[]): string[] {
  const claim = read(sentence);
  const passages = passageTexts.map(read);
  return numbersIn(sentence, claim.tokens)
    .filter((mention) => !passages.some((passage, i) => holds(passage, passageTexts[i]!, mention)))
    .map((mention) => claim.tokens[mention.index]!.raw);
}
