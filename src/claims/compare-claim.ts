import type { DateMention } from '../articles/dates.js';
import { isStopword } from '../text/stopwords.js';
import type { WordToken } from '../text/tokens.js';
import { isNameToken, matchStem, stemsOf, type Term, type TextFacts } from './claim-facts.js';

/** One point on which a passage disagrees with a claim, with both sides' words verbatim. */
export interface Conflict {
  kind: 'number' | 'date' | 'name' | 'negation';
  /** The claim's words ("Aug. 20", "Oslo", "40,000"; for a negation, the claim). */
  claim: string;
  /** The passage's words in the same place ("Aug. 15", "Nordland", "52,000"). */
  passage: string;
}

export interface Assessment {
  /** Weighted share of the claim's content words the passage holds (names count double). */
  coverage: number;
  supports: boolean;
  conflicts: Conflict[];
}

/** A claim is supported by a passage holding this weighted share of its words (and every name, number and date). */
export const SUPPORT_COVERAGE = 0.8;
/** A passage is about the same thing as the claim when it holds this share of the words not in dispute. */
export const SUBJECT_COVERAGE = 0.6;
const NAME_WEIGHT = 2;
/** Words either side of a number read as what it counts ("a crowd of 52,000 watched"). */
const NUMBER_CONTEXT = 3;
/** How far before a disputed name the passage may place the word the claim puts before it. */
const SLOT_CONTEXT = 4;

/**
 * Compares a claim with one passage. The rules, in order:
 *
 * - **supports**: every name and number of the claim is in the passage, each of its dates agrees
 *   with a date there, both or neither are negated, and the passage holds SUPPORT_COVERAGE of the
 *   claim's words (stems; "Norway" partly matches "Norwegian").
 * - **conflicts**, only when the passage is about the same thing (it holds the claim's other names
 *   and SUBJECT_COVERAGE of the words not in dispute):
 *   - a date of the claim matches no date of the passage and the passage gives a different day;
 *   - a number of the claim is missing and the passage has another number beside the same words;
 *   - one name of the claim is missing and the passage puts another name in the same slot (after
 *     the same verb, or the same preposition after the same word: "summit in Oslo" / "summit in
 *     Nordland"); a passage missing two of the claim's names is about something else;
 *   - everything else supports but one side is negated and the other is not.
 */
export function assessPassage(claim: TextFacts, passage: TextFacts): Assessment {
  const stems = stemsOf(passage);
  const found = new Map(claim.terms.map((term) => [term, matchStem(term.token.stem, stems)]));
  const coverage = coverageOf(claim.terms, found);
  const missingNames = claim.terms.filter((term) => term.name && !found.get(term));
  const passageNumbers = new Set(passage.numbers.map((n) => n.value));
  const missingNumbers = claim.numbers.filter((n) => !passageNumbers.has(n.value));
  const dateConflicts = claim.dates.flatMap((date) => {
    if (passage.dates.some((other) => sameDay(date, other))) return [];
    const differing = passage.dates.find((other) => comparable(date, other));
    return [{ kind: 'date' as const, claim: date.text, passage: differing?.text ?? null }];
  });
  const datesAgree = dateConflicts.length === 0;
  const aligned = missingNames.length === 0 && missingNumbers.length === 0 && datesAgree;
  const supports = aligned && claim.negated === passage.negated && coverage >= SUPPORT_COVERAGE;

  const conflicts: Conflict[] = [];
  const onSubject = missingNames.length === 0 && coverage >= SUBJECT_COVERAGE;
  if (onSubject && missingNumbers.length === 0) {
    for (const date of dateConflicts) if (date.passage) conflicts.push({ ...date, passage: date.passage });
  }
  if (onSubject && datesAgree) conflicts.push(...numberConflicts(claim, passage, missingNumbers));
  if (missingNumbers.length === 0 && datesAgree) conflicts.push(...nameConflicts(claim, passage, found, missingNames));
  if (aligned && coverage >= SUPPORT_COVERAGE && claim.negated !== passage.negated) {
    conflicts.push({ kind: 'negation', claim: claim.text, passage: passage.text });
  }
  return { coverage, supports, conflicts };
}

function coverageOf(terms: readonly Term[], found: ReadonlyMap<Term, number>): number {
  let total = 0;
  let held = 0;
  for (const term of terms) {
    const weight = term.name ? NAME_WEIGHT : 1;
    total += weight;
    held += weight * (found.get(term) ?? 0);
  }
  return total ? held / total : 0;
}

/** A claim's date written without a month ("on Wednesday") can only be compared by weekday. */
function namesMonth(mention: DateMention): boolean {
  return /\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec/i.test(mention.text);
}

/** Compares only what the claim states: the year when it gives one, else month and day, else weekday. */
function dayKey(claimDate: DateMention, date: string): string {
  if (!namesMonth(claimDate)) return String(new Date(`${date}T12:00:00Z`).getUTCDay());
  return claimDate.relative ? date.slice(5) : date;
}

function sameDay(claimDate: DateMention, other: DateMention): boolean {
  return dayKey(claimDate, claimDate.date) === dayKey(claimDate, other.date);
}

/** A passage date can disagree with the claim's only if it is as specific as what the claim compares. */
function comparable(claimDate: DateMention, other: DateMention): boolean {
  return !namesMonth(claimDate) || namesMonth(other);
}

/** Content-word stems within NUMBER_CONTEXT words of the span. */
function contextStems(tokens: readonly WordToken[], start: number, end: number): Set<string> {
  const first = tokens.findIndex((token) => token.end > start);
  const from = first === -1 ? tokens.length : first;
  let to = from;
  while (to < tokens.length && tokens[to]!.start < end) to++;
  const near = [...tokens.slice(Math.max(0, from - NUMBER_CONTEXT), from), ...tokens.slice(to, to + NUMBER_CONTEXT)];
  return new Set(near.filter((token) => !isStopword(token.norm) && !/\d/.test(token.norm)).map((token) => token.stem));
}

function numberConflicts(
  claim: TextFacts,
  passage: TextFacts,
  missing: readonly TextFacts['numbers'][number][],
): Conflict[] {
  const claimValues = new Set(claim.numbers.map((n) => n.value));
  const conflicts: Conflict[] = [];
  for (const number of missing) {
    const around = contextStems(claim.tokens, number.start, number.end);
    const rival = passage.numbers.find((other) => {
      if (claimValues.has(other.value)) return false;
      const otherAround = contextStems(passage.tokens, other.start, other.end);
      return [...around].some((stem) => otherAround.has(stem));
    });
    if (rival) conflicts.push({ kind: 'number', claim: number.raw, passage: rival.raw });
  }
  return conflicts;
}

/** The name starting at token `at` and the capitalised words that continue it ("New York Times"). */
function nameRun(facts: TextFacts, at: number): { text: string; stems: string[] } {
  let end = at + 1;
  while (end < facts.tokens.length && isNameToken(facts.text, facts.tokens, end)) end++;
  const run = facts.tokens.slice(at, end);
  return { text: facts.text.slice(run[0]!.start, run.at(-1)!.end), stems: run.map((token) => token.stem) };
}

function nameConflicts(
  claim: TextFacts,
  passage: TextFacts,
  found: ReadonlyMap<Term, number>,
  missing: readonly Term[],
): Conflict[] {
  // One name may be in dispute; a passage lacking two of the claim's names is about something else
  // ("Xi visited Paris" against "Berg visited Oslo"). A multi-word name counts once.
  const starts = missing.filter((term) => !missing.some((other) => other.at === term.at - 1));
  if (starts.length !== 1) return [];
  const disputed = new Set(missing);
  const rest = claim.terms.filter((term) => !disputed.has(term));
  // The passage must hold the claim's other names and most of its other words.
  if (rest.some((term) => term.name && !found.get(term))) return [];
  if (coverageOf(rest, found) < SUBJECT_COVERAGE) return [];
  const claimStems = new Set(claim.tokens.map((token) => token.stem));
  const conflicts: Conflict[] = [];
  for (const term of starts) {
    const anchor = claim.tokens[term.at - 1];
    if (!anchor || isNameToken(claim.text, claim.tokens, term.at - 1)) continue;
    // A bare preposition ("in", "with") is a slot only together with the word it follows.
    const lead = isStopword(anchor.norm)
      ? claim.tokens
          .slice(Math.max(0, term.at - 1 - SLOT_CONTEXT), term.at - 1)
          .reverse()
          .find((token) => !isStopword(token.norm))
      : undefined;
    if (isStopword(anchor.norm) && !lead) continue;
    const rival = passage.tokens.findIndex((token, i) => {
      if (token.stem !== anchor.stem || !isNameToken(passage.text, passage.tokens, i + 1)) return false;
      if (claimStems.has(passage.tokens[i + 1]!.stem)) return false;
      if (!lead) return true;
      return passage.tokens.slice(Math.max(0, i - SLOT_CONTEXT), i).some((before) => before.stem === lead.stem);
    });
    if (rival === -1) continue;
    conflicts.push({ kind: 'name', claim: nameRun(claim, term.at).text, passage: nameRun(passage, rival + 1).text });
  }
  return conflicts;
}
