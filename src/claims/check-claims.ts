import { sentencesOfText } from '../articles/article.js';
import type { Basis } from '../articles/types.js';
import type { Corpus } from '../corpus/corpus.js';
import type { PassageIndex, SearchHit } from '../search/passage-index.js';
import { readFacts, type TextFacts } from './claim-facts.js';
import { type Assessment, assessPassage, type Conflict } from './compare-claim.js';

export type Verdict = 'supported' | 'contradicted' | 'not_covered';

/** A passage cited for a verdict: a verbatim span of its article (`article.text.slice(start, end)`). */
export interface CitedPassage {
  hit: SearchHit;
  /** Weighted share of the claim's content words the passage holds. */
  coverage: number;
  /** Where it disagrees with the claim; empty for support and for the closest passages. */
  conflicts: Conflict[];
}

export interface CheckedClaim {
  /** The claim as written in the message. */
  text: string;
  /** Offsets of the claim in the checked text. */
  start: number;
  end: number;
  verdict: Verdict;
  /**
   * Supported: passages that say it. Contradicted: passages that disagree (with the conflicts).
   * Not covered: the closest passages, if any come near, for the reader to judge.
   */
  passages: CitedPassage[];
}

export interface ClaimCheck {
  claims: CheckedClaim[];
  /** Claims found beyond MAX_CLAIMS, left unchecked. */
  unchecked: number;
  basis: Basis;
}

/** A message is checked claim by claim; beyond this many, the rest are counted, not checked. */
export const MAX_CLAIMS = 8;
/** Passages cited per claim. */
export const MAX_CITED = 3;
/** A sentence needs this many content words, names and numbers to state something checkable. */
const MIN_CLAIM_FACTS = 2;
/** Passages retrieved by BM25 per claim before they are compared with it. */
const CANDIDATES = 40;
/** A not-covered claim cites its closest passages only if they hold this share of its words. */
const CLOSEST_COVERAGE = 0.4;
/** Social noise, not claims: greetings, thanks, reactions. */
const GREETING =
  /^(?:hi|hello|hey|yo|thanks|thank you|thx|cheers|good (?:morning|afternoon|evening|night)|lol|ok(?:ay)?|wow)\b/i;

/**
 * Checks each claim of a message against the articles: supported (a passage says it), contradicted
 * (a passage about the same thing disagrees on a date, a number, a name in the same place, or
 * negates it) or not covered. The comparison rules are in `assessPassage` (compare-claim.ts).
 *
 * Claims are the message's sentences, less questions, greetings and sentences too short to state
 * a fact. When some passages support a claim and others disagree, the passage holding more of the
 * claim's words decides (support on a tie): a close paraphrase that denies it ("Lund did not say
 * when…") outweighs a loose match that does not.
 */
export function checkClaims(text: string, deps: { corpus: Corpus; index: PassageIndex }): ClaimCheck {
  const basis = deps.corpus.basis();
  const found = findClaims(text, basis.asOf);
  const claims = found.slice(0, MAX_CLAIMS).map((claim) => checkClaim(claim, deps));
  return { claims, unchecked: Math.max(0, found.length - MAX_CLAIMS), basis };
}

interface Claim {
  text: string;
  start: number;
  end: number;
  facts: TextFacts;
}

/** The checkable sentences of a message. */
export function findClaims(text: string, asOf: string | null = null): Claim[] {
  const claims: Claim[] = [];
  for (const sentence of sentencesOfText(text)) {
    const body = sentence.text.trim();
    if (/\?["”’')\]]*$/.test(body) || GREETING.test(body)) continue;
    const facts = readFacts(body, asOf);
    if (facts.terms.length + facts.numbers.length + facts.dates.length < MIN_CLAIM_FACTS) continue;
    claims.push({ text: body, start: sentence.start, end: sentence.end, facts });
  }
  return claims;
}

function checkClaim(claim: Claim, deps: { corpus: Corpus; index: PassageIndex }): CheckedClaim {
  const assessed: { hit: SearchHit; assessment: Assessment }[] = [];
  for (const hit of deps.index.search(claim.text, { limit: CANDIDATES })) {
    const article = deps.corpus.get(hit.articleId);
    if (!article) continue;
    assessed.push({ hit, assessment: assessPassage(claim.facts, readFacts(hit.text, article.date)) });
  }
  // Best held first; the retrieval order (BM25) breaks ties, as sort is stable.
  assessed.sort((a, b) => b.assessment.coverage - a.assessment.coverage);
  const cite = (list: typeof assessed, withConflicts: boolean): CitedPassage[] =>
    list.slice(0, MAX_CITED).map(({ hit, assessment }) => ({
      hit,
      coverage: assessment.coverage,
      conflicts: withConflicts ? assessment.conflicts : [],
    }));
  const base = { text: claim.text, start: claim.start, end: claim.end };
  const supporting = assessed.filter((a) => a.assessment.supports);
  const contradicting = assessed.filter((a) => a.assessment.conflicts.length);
  const supportHolds = supporting[0]?.assessment.coverage ?? -1;
  const conflictHolds = contradicting[0]?.assessment.coverage ?? -1;
  if (supporting.length && supportHolds >= conflictHolds) {
    return { ...base, verdict: 'supported', passages: cite(supporting, false) };
  }
  if (contradicting.length) return { ...base, verdict: 'contradicted', passages: cite(contradicting, true) };
  const closest = assessed.filter((a) => a.assessment.coverage >= CLOSEST_COVERAGE);
  return { ...base, verdict: 'not_covered', passages: cite(closest, false) };
}
