import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DUC_ANCHORS, evalMultiDoc } from '../../eval/multi-doc.js';
import { DucRougeScorer } from '../../eval/rouge-duc.js';

// The official DUC number is the check on the scorer: the eval data is read where it lies
// (../shared/eval, never copied into the repository), so without it the check is skipped.
const EVAL_DIR = resolve('..', 'shared', 'eval');
const HAS_DUC = existsSync(resolve(EVAL_DIR, 'multi-doc', 'duc2007-update.dev.jsonl'));
/** The task's tolerance, plus the README's rounding to three decimals. */
const TOLERANCE = 0.002 + 0.0005;

describe('DUC ROUGE scorer', () => {
  it.skipIf(!HAS_DUC)(
    'reproduces the best DUC 2007 update participant’s official ROUGE-1, -2 and -SU4 recall (skipped without ../shared/eval)',
    async () => {
      const { scorerCheck } = await evalMultiDoc(EVAL_DIR);
      expect(scorerCheck).toBeDefined();
      const anchor = DUC_ANCHORS.bestParticipant2007;
      expect(Math.abs(scorerCheck!.rouge1 - anchor.rouge1)).toBeLessThanOrEqual(TOLERANCE);
      expect(Math.abs(scorerCheck!.rouge2 - anchor.rouge2)).toBeLessThanOrEqual(TOLERANCE);
      expect(Math.abs(scorerCheck!.rougeSU4 - anchor.rougeSU4)).toBeLessThanOrEqual(TOLERANCE);
    },
    60_000,
  );

  it('cuts a summary at 100 words counted before punctuation is removed', () => {
    const scorer = new DucRougeScorer(new Map());
    const words = Array.from({ length: 120 }, (_, i) => `w${i},`).join(' ');
    expect(scorer.tokens(words)).toHaveLength(100);
  });

  it('splits hyphenated words, drops lone hyphens and stems through the exception list first', () => {
    const scorer = new DucRougeScorer(new Map([['geese', 'goose']]));
    expect(scorer.tokens('Long-range GEESE were flying - fast.')).toEqual([
      'long',
      'rang',
      'goose',
      'were',
      'fly',
      'fast',
    ]);
  });

  it('averages the recall against each three of four references (jackknifing)', () => {
    const scorer = new DucRougeScorer(new Map());
    const references = ['alpha beta', 'alpha gamma', 'delta epsilon', 'alpha beta'];
    // Hits 2, 1, 0 and 2 of two words each; leaving out each in turn: 3/6, 4/6, 5/6 and 3/6.
    expect(scorer.score('alpha beta', references).rouge1).toBeCloseTo((3 + 4 + 5 + 3) / 6 / 4, 10);
  });
});
