/**
 * False premises: "why did Putin call off the summit?" takes a calling off for granted. The
 * question is answered as asked only when some sentence about its focus says so, with the verb it
 * presupposes and not negated ("who is not attending" does not support "why is he attending").
 * Otherwise the reply says the articles don't report it and shows what they do say.
 */
import { tokenizeWords } from '../search/query-terms.js';
import { presupposedVerb, presupposition } from './question-shape.js';
import type { ScoredSentence } from './score-sentences.js';

/** A stem this long or longer also matches longer words it starts ("agre" / "agreement"). */
const MIN_PREFIX = 4;
/** A negation this close before the verb denies it ("not be forced to accept", "refused to agree"). */
const NEGATED = /\b(not|no|never|without|nor|neither|refused|refuses|declined|n['’]t)\b\W+(\w+\W+){0,3}$/i;

export interface PremiseCheck {
  /** What the question takes for granted, in its own words. */
  presupposed: string;
  /** The sentences about the question's focus, to show what the articles do say. */
  shown: ScoredSentence[];
}

export function checkPremise(
  question: string,
  candidates: readonly ScoredSentence[],
  lookUp: boolean,
): PremiseCheck | null {
  const verb = presupposedVerb(question);
  if (!verb) return null;
  const matches = (stem: string) =>
    stem === verb.stem || (verb.stem.length >= MIN_PREFIX && stem.startsWith(verb.stem));
  const supports = (text: string) =>
    tokenizeWords(text).some((token) => matches(token.stem) && !NEGATED.test(text.slice(0, token.start)));
  if (candidates.some((s) => supports(s.hit.text))) return null;
  // What the articles do say about the question's focus (its rarest words), unless the question
  // asks for a name, date or number: then the sentence holding one is still the best to show.
  const shown = lookUp
    ? [...candidates]
    : [...candidates].sort((a, b) => b.signals.focus - a.signals.focus || b.score - a.score);
  return { presupposed: presupposition(question, verb), shown };
}
