/**
 * What the story answer parts (story/, story-qa/) score: the first sentence a person reads in the
 * reply to their question, and the two folds every answer set is split into, fixed in advance by a
 * hash of the row's id, so a ranking change can be kept only when it helps both (a change tuned to
 * the rows it is measured on helps one fold and not the other).
 */
import { createHash } from 'node:crypto';
import { sentencesOfText } from '../src/articles/article.js';
import type { Reply } from '../src/reply.js';
import { replyLines } from './story-set.js';

/** The first sentence of what is read first: the intro when there is one, else the first item. */
export function firstAnswerSentence(reply: Reply): string {
  const first = replyLines(reply)[0] ?? '';
  return sentencesOfText(first)[0]?.text ?? first;
}

/** The story README's refusal pattern: "the articles don't say", "not reported", "unknown"… */
export const REFUSAL =
  /\b(not (been )?(reported|said|stated|specified|disclosed|mentioned|known|clear|confirmed)|no (information|details|report)|(do|does|did)n['’]?t (say|specify|report|mention)|unclear|unknown|cannot (find|tell|say))\b/i;

export type Fold = 'a' | 'b';

export function foldOf(id: string): Fold {
  return (createHash('sha256').update(id).digest()[0]! & 1) === 0 ? 'a' : 'b';
}

/** A share that is also kept per fold. */
export class FoldedShare {
  private readonly counts = { all: [0, 0], a: [0, 0], b: [0, 0] };

  add(id: string, hit: boolean): void {
    for (const key of ['all', foldOf(id)] as const) {
      this.counts[key][0]! += Number(hit);
      this.counts[key][1]! += 1;
    }
  }

  get n(): number {
    return this.counts.all[1]!;
  }

  /** The share overall and in each fold (0 for an empty set). */
  shares(): { all: number; a: number; b: number } {
    const share = ([hit, n]: number[]) => (n ? hit! / n : 0);
    return { all: share(this.counts.all), a: share(this.counts.a), b: share(this.counts.b) };
  }
}
