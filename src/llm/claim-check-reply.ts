import { basisFooter, CitationBook, plural, quoted } from '../citations.js';
import {
  claimCheckReply,
  claimItem,
  uncheckedNote,
  VERDICT_LABELS,
  verdictTally,
} from '../claims/claim-check-reply.js';
import type { Corpus } from '../corpus/corpus.js';
import type { Reply, ReplyItem } from '../reply.js';
import { type LlmClaimResult, type ModelJudgement, verdictsOf } from './llm-claim-checker.js';

/**
 * The reply to "Check against sources" with a model: the extractive check's reply with the note
 * when the model was not used, else one item per claim — the model's verdict and its verified
 * sentence, cited, where it held up; the extractive verdict elsewhere — saying which is which.
 */
export function modelClaimCheckReply(result: LlmClaimResult, corpus: Corpus): Reply {
  const { check } = result;
  if (result.fallback) {
    const reply = claimCheckReply(check, corpus);
    return { ...reply, intro: [result.note, reply.intro].filter(Boolean).join(' ') };
  }
  if (!check.claims.length) return claimCheckReply(check, corpus);
  const book = new CitationBook(corpus);
  const items = check.claims.map((claim, i) => {
    const judgement = result.judgements[i];
    return judgement ? judgedItem(claim.text, judgement, book) : claimItem(claim, book);
  });
  const tally = verdictTally(verdictsOf(result));
  const judged = result.judgements.filter(Boolean).length;
  const how =
    judged === check.claims.length
      ? `Each verdict by ${result.model}, its evidence checked against the passages it cites.`
      : `${judged} of ${check.claims.length} verdicts by ${result.model} (evidence checked against the passages cited); the rest from the articles' wording.`;
  return {
    tone: 'answer',
    title: 'Checked against the sources',
    intro: `${plural(check.claims.length, 'claim')} checked (${tally.join(', ')}).${uncheckedNote(check)} ${how}`,
    items,
    citations: book.citations(),
    footer: `Checked by ${result.model}${result.cached ? ' (cached)' : ''} · ${basisFooter(check.basis)}`,
    ephemeral: true,
  };
}

function judgedItem(claim: string, judgement: ModelJudgement, book: CitationBook): ReplyItem {
  const cites = [...new Set(judgement.sentences.flatMap((s) => s.passages.map((p) => book.cite(p.articleId, p))))];
  const said = judgement.sentences.map((s) => s.text).join(' ');
  const label = VERDICT_LABELS[judgement.verdict];
  const lead = judgement.verdict === 'supported' ? 'The articles agree:' : 'The articles say otherwise:';
  return { text: `${label}: ${quoted(claim)} ${lead} ${said}`, cites };
}
