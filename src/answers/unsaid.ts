/**
 * A report often says outright that what is asked was not given: "the spokesman did not say where
 * the talks would be held", "it remains unclear when the vote will take place". For a "where" or
 * "when" question such a sentence is the answer: the articles don't say, and a place or date picked
 * from another sentence (a standfirst naming the war, not the venue) would be a guess.
 */
import type { AnswerKind } from './answer-kind.js';
import type { ScoredSentence } from './score-sentences.js';

/** "did not say when or where", "declined to disclose where", "has not announced when". */
const NOT_SAID =
  /\b(?:did not|didn['’]t|would not|wouldn['’]t|could not|couldn['’]t|has not|hasn['’]t|have not|haven['’]t|had not|declined to|refused to)\s+(?:yet\s+)?(?:say|said|disclose|disclosed|specify|specified|reveal|revealed|announce|announced|confirm|confirmed)\s+(?:(?:exactly|precisely)\s+)?((?:when|where)(?:\s+or\s+(?:when|where))?)\b/i;
/** "it is unclear where", "it remains unknown when", "it was not clear when or where". */
const UNCLEAR =
  /\b(?:is|was|are|were|remains|remained|it['’]s)\s+(?:still\s+)?(?:unclear|unknown|undecided|not (?:yet )?(?:clear|known|decided))\s+((?:when|where)(?:\s+or\s+(?:when|where))?)\b/i;

const ASKED_WORD: Partial<Record<AnswerKind, string>> = { place: 'where', time: 'when' };

/**
 * The first of `sentences` that says the asked place or time was not given, when it gives none of
 * the asked kind itself (its `cue` is 0: "did not say when, but an aide said within a week" answers
 * "when"); null for other questions or when no sentence says so.
 */
export function saysNotGiven(kind: AnswerKind, sentences: readonly ScoredSentence[]): ScoredSentence | null {
  const asked = ASKED_WORD[kind];
  if (!asked) return null;
  return (
    sentences.find((s) => {
      if (s.cue) return false;
      const wh = (NOT_SAID.exec(s.hit.text) ?? UNCLEAR.exec(s.hit.text))?.[1]?.toLowerCase();
      return !!wh && wh.split(/\s+or\s+/).includes(asked);
    }) ?? null
  );
}
