import { basisFooter, CitationBook, plural, quoted } from '../citations.js';
import type { Corpus } from '../corpus/corpus.js';
import type { Reply, ReplyItem } from '../reply.js';
import type { CheckedClaim, ClaimCheck, Verdict } from './check-claims.js';
import type { Conflict } from './compare-claim.js';

export const VERDICT_LABELS: Readonly<Record<Verdict, string>> = {
  supported: 'Supported',
  contradicted: 'Contradicted',
  not_covered: 'Not covered',
};

/**
 * The platform-neutral reply for a claim check: one item per claim with its verdict, the claim and
 * the passages it rests on quoted verbatim and cited, so a reader can judge each verdict.
 */
export function claimCheckReply(check: ClaimCheck, corpus: Corpus): Reply {
  if (!check.claims.length) {
    return {
      tone: 'info',
      title: 'Nothing to check',
      intro:
        'I found no statement of fact to check in that message. Questions, greetings and very short lines are ' +
        'skipped; try it on a message that says something happened.',
      items: [],
      citations: [],
      ephemeral: true,
    };
  }
  const book = new CitationBook(corpus);
  const items = check.claims.map((claim) => claimItem(claim, book));
  const counts = verdictTally(check.claims.map((claim) => claim.verdict));
  return {
    tone: 'answer',
    title: 'Checked against the sources',
    intro: `${plural(check.claims.length, 'claim')} checked (${counts.join(', ')}).${uncheckedNote(check)}`,
    items,
    citations: book.citations(),
    footer: basisFooter(check.basis),
    ephemeral: true,
  };
}

/** How many of each verdict there are, those there are: ["supported: 2", "not covered: 1"]. */
export function verdictTally(verdicts: readonly Verdict[]): string[] {
  return (['supported', 'contradicted', 'not_covered'] as const)
    .map((verdict) => [verdict, verdicts.filter((v) => v === verdict).length] as const)
    .filter(([, count]) => count > 0)
    .map(([verdict, count]) => `${VERDICT_LABELS[verdict].toLowerCase()}: ${count}`);
}

/** " 2 more claims not checked." after the tally, when the message held more claims than are checked; else "". */
export function uncheckedNote(check: Pick<ClaimCheck, 'unchecked'>): string {
  return check.unchecked ? ` ${plural(check.unchecked, 'more claim')} not checked.` : '';
}

export function claimItem(claim: CheckedClaim, book: CitationBook): ReplyItem {
  const cites = claim.passages.map((passage) => book.cite(passage.hit.articleId, passage.hit));
  const head = `${VERDICT_LABELS[claim.verdict]}: ${quoted(claim.text)}`;
  const first = claim.passages[0];
  if (!first) return { text: `${head} The articles do not mention it.`, cites };
  const evidence = quoted(first.hit.text);
  if (claim.verdict === 'supported') return { text: `${head} The articles say: ${evidence}`, cites };
  if (claim.verdict === 'contradicted') {
    const why = first.conflicts.map(describeConflict).join('; ');
    return { text: `${head} ${why}: ${evidence}`, cites };
  }
  return { text: `${head} The articles do not say; the closest they come: ${evidence}`, cites };
}

function describeConflict(conflict: Conflict): string {
  if (conflict.kind === 'negation') return 'The articles say the opposite';
  return `The articles say ${quoted(conflict.passage)}, not ${quoted(conflict.claim)}`;
}
