/**
 * False premises: "why did the council call off the vote?" takes a calling off for granted. The
 * question is answered as asked only when some sentence about its focus says so, with the verb it
 * presupposes and not negated ("who is not attending" does not support "why is he attending").
 * Otherwise the reply says the articles don't report it and shows what they do say.
 */

import { NEGATORS } from '../text/negation.js';
import { isStopword } from '../text/stopwords.js';
import { tokenizeWords, type WordToken } from '../text/tokens.js';
import { presupposedVerb, presupposition } from './question-shape.js';
import type { ScoredSentence } from './score-sentences.js';

/**
 * Beyond the shared negators, premise checks count refusals ("refused to agree") and "without" ("left
 * without comment") as denials of the verb they stand by.
 */
const PREMISE_DENIALS = [...NEGATORS, 'without', 'refused', 'refuses', 'declined'];
/** A negation this close before the verb denies it ("not be forced to accept", "refused to agree"). */
const NEGATED = new RegExp(`\\b(${PREMISE_DENIALS.join('|')}|n['’]t)\\b\\W+(\\w+\\W+){0,3}$`, 'i');

/** Words that deny what stands near them, refusals named as nouns and other tenses included. */
const DENIAL = new RegExp(
  `^(${[...PREMISE_DENIALS, 'refusal', 'declines', 'rejected', 'rejects'].join('|')}|n['’]t)$`,
  'i',
);
/** How near (in words) a denial must stand to the premise's verb or object to deny it. */
const DENIAL_REACH = 5;
/**
 * A refusal governs the infinitive after it to the end of its clause ("her refusal to formally
 * sign the harbour accord", "declined to say whether a deal"): before a premise word, with no
 * punctuation between, it reaches this far. "Not" stays with the words beside it ("did not say when
 * such a vote…" denies no vote).
 */
const DENIAL_CLAUSE_REACH = 8;
const REFUSAL = /^(refused|refuses|refusal|declined|declines|rejected|rejects)$/i;
const CLAUSE_PUNCTUATION = /[,;:.!?()\u2013\u2014]/;

/** Whether a denial stands within reach of one of the premise's words. */
function denies(tokens: readonly WordToken[], premiseWord: (stem: string) => boolean, text: string): boolean {
  return tokens.some(
    (token, i) =>
      premiseWord(token.stem) &&
      tokens.some((near, j) => {
        if (!DENIAL.test(near.norm)) return false;
        if (Math.abs(i - j) <= DENIAL_REACH) return true;
        return (
          j < i &&
          i - j <= DENIAL_CLAUSE_REACH &&
          REFUSAL.test(near.norm) &&
          tokens[j + 1]?.norm === 'to' &&
          !CLAUSE_PUNCTUATION.test(text.slice(near.end, token.start))
        );
      }),
  );
}

export interface PremiseCheck {
  /** What the question takes for granted, in its own words. */
  presupposed: string;
  /** The sentences about the question's focus, to show what the articles do say. */
  shown: ScoredSentence[];
}

/**
 * The common words of what the question takes for granted, other than its verb: what the event is
 * done to ("the vote" of "call off the vote"; "treaty" of "what treaty did X agree to").
 * Names are left out, as every sentence of a story holds them.
 */
function objectStems(tokens: readonly WordToken[], verb: WordToken): Set<string> {
  const wh = tokens.findIndex((token) => token.norm === 'what' || token.norm === 'which');
  const asked = wh >= 0 && tokens[wh + 1] && tokens[wh + 1]!.end <= verb.start ? [tokens[wh + 1]!] : [];
  const after = tokens.filter((token) => token.start > verb.start);
  return new Set(
    [...asked, ...after]
      .filter((token) => !isStopword(token.norm) && !/^[\p{Lu}\d]/u.test(token.raw))
      .map((token) => token.stem),
  );
}

/** The common words before the verb a question takes for granted: its subject ("the reporters"). */
function subjectStems(tokens: readonly WordToken[], verb: WordToken): Set<string> {
  return new Set(
    tokens
      .filter((token) => token.end <= verb.start && !isStopword(token.norm) && !/^[\p{Lu}\d]/u.test(token.raw))
      .map((token) => token.stem),
  );
}

export function checkPremise(
  question: string,
  candidates: readonly ScoredSentence[],
  lookUp: boolean,
): PremiseCheck | null {
  const verb = presupposedVerb(question);
  if (!verb) return null;
  // The verb's own stem only: "agreement" names a thing, it does not say anyone agreed.
  const matches = (stem: string) => stem === verb.stem;
  // The event is the verb with what it is done to: "agreed on many points" is no agreed treaty.
  const asked = tokenizeWords(question);
  const objects = objectStems(asked, verb);
  // A premise tied to a day or a number ("signed at the 2 June meeting") is supported only by a sentence
  // holding it: a signing reported of another day is not the one asked about.
  const when = new Set(asked.filter((token) => /\d/.test(token.raw)).map((token) => token.stem));
  const supports = (s: ScoredSentence) => {
    const tokens = s.words.tokens;
    const text = s.hit.text;
    return (
      (!when.size || tokens.some((token) => when.has(token.stem))) &&
      (!objects.size || tokens.some((token) => objects.has(token.stem))) &&
      tokens.some((token) => matches(token.stem) && !NEGATED.test(text.slice(0, token.start)))
    );
  };
  if (candidates.some(supports)) return null;
  // What the articles do say about the question's focus (its rarest words), unless the question
  // asks for a name, date or number: then the sentence holding one is still the best to show.
  // Among those, the ones about who or what the premise is about come first: "why did the
  // pilots walk out of the talks?" is corrected by what the articles say of the pilots.
  const subject = subjectStems(asked, verb);
  const aboutSubject = new Map(
    candidates.map((s) => [s, Number(s.words.tokens.some((token) => subject.has(token.stem)))] as const),
  );
  const ordered = lookUp
    ? [...candidates]
    : [...candidates].sort(
        (a, b) => aboutSubject.get(b)! - aboutSubject.get(a)! || b.signals.focus - a.signals.focus || b.score - a.score,
      );
  // A sentence denying the event is the correction itself ("the plan was left without comment",
  // "his refusal to sign a treaty"): it comes first.
  const denying = new Set(
    ordered.filter((s) => denies(s.words.tokens, (stem) => matches(stem) || objects.has(stem), s.hit.text)),
  );
  const shown = [...ordered.filter((s) => denying.has(s)), ...ordered.filter((s) => !denying.has(s))];
  return { presupposed: presupposition(question, verb), shown };
}
