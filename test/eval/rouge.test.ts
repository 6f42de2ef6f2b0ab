import { describe, expect, it } from 'vitest';
import { rougeL, rougeLsum, rougeN, rougeTokens, scoreRouge } from '../../eval/rouge.js';

// Worked example used below:
//   candidate "the cat was found under the bed" → the cat was found under the bed (7 tokens)
//   reference "the cat was under the bed"       → the cat was under the bed       (6 tokens)
const CANDIDATE = 'the cat was found under the bed';
const REFERENCE = 'the cat was under the bed';

describe('rougeTokens', () => {
  it('lowercases, splits on anything outside a-z0-9 and stems words longer than three letters', () => {
    expect(rougeTokens('Running CATS, in 2024!')).toEqual(['run', 'cat', 'in', '2024']);
  });

  it('leaves words of three letters or fewer unstemmed, as rouge-score does', () => {
    expect(rougeTokens('was has')).toEqual(['was', 'has']);
  });

  it('drops accented letters and punctuation as non-alphanumeric', () => {
    expect(rougeTokens('café—“quoted”')).toEqual(['caf', 'quot']);
  });
});

describe('rougeN', () => {
  it('scores unigram overlap with clipped counts', () => {
    // Overlap: the×2, cat, was, under, bed = 6. P = 6/7, R = 6/6, F1 = 2·(6/7)·1 / (6/7 + 1) = 12/13.
    const score = rougeN(CANDIDATE, REFERENCE, 1);
    expect(score.precision).toBeCloseTo(6 / 7, 10);
    expect(score.recall).toBeCloseTo(1, 10);
    expect(score.f1).toBeCloseTo(12 / 13, 10);
  });

  it('scores bigram overlap', () => {
    // Candidate bigrams (6): the-cat, cat-was, was-found, found-under, under-the, the-bed.
    // Reference bigrams (5): the-cat, cat-was, was-under, under-the, the-bed. Overlap 4.
    // P = 4/6, R = 4/5, F1 = 2·(2/3)·(4/5) / (2/3 + 4/5) = (16/15) / (22/15) = 8/11.
    const score = rougeN(CANDIDATE, REFERENCE, 2);
    expect(score.precision).toBeCloseTo(4 / 6, 10);
    expect(score.recall).toBeCloseTo(4 / 5, 10);
    expect(score.f1).toBeCloseTo(8 / 11, 10);
  });

  it('counts a repeated candidate word only as often as the reference has it', () => {
    // "the" ×3 against "the cat": overlap min(3, 1) = 1. P = 1/3, R = 1/2, F1 = (1/3) / (5/6) = 0.4.
    expect(rougeN('the the the', 'the cat', 1).f1).toBeCloseTo(0.4, 10);
  });

  it('matches words through Porter stemming', () => {
    expect(rougeN('Running cats', 'run cat', 1).f1).toBe(1);
  });
});

describe('rougeL', () => {
  it('scores the longest common subsequence', () => {
    // The whole reference is a subsequence of the candidate: LCS 6. P = 6/7, R = 1, F1 = 12/13.
    expect(rougeL(CANDIDATE, REFERENCE).f1).toBeCloseTo(12 / 13, 10);
  });
});

describe('rougeLsum', () => {
  it('equals ROUGE-L when both texts are a single sentence', () => {
    expect(rougeLsum(CANDIDATE, REFERENCE).f1).toBeCloseTo(12 / 13, 10);
  });

  it('matches each reference sentence by the union of its LCS with every candidate sentence', () => {
    // Reference: "the cat sat" / "the dog ran"; candidate: "the cat ran" / "dog sat".
    // "the cat sat": LCS with "the cat ran" = {the, cat}, with "dog sat" = {sat} → union the cat sat.
    // "the dog ran": LCS with "the cat ran" = {the, ran}, with "dog sat" = {dog} → union the dog ran.
    // Hits are capped by token counts: the candidate has one "the", used up by the first sentence,
    // so the second sentence hits dog and ran only. Hits 5; P = 5/5, R = 5/6, F1 = 10/11.
    const score = rougeLsum('the cat ran\ndog sat', 'the cat sat\nthe dog ran');
    expect(score.precision).toBeCloseTo(1, 10);
    expect(score.recall).toBeCloseTo(5 / 6, 10);
    expect(score.f1).toBeCloseTo(10 / 11, 10);
    // Taken as single sequences the same texts only share a 3-token LCS: F1 = 2·(3/5)·(3/6)/(3/5 + 3/6) = 6/11.
    expect(rougeL('the cat ran dog sat', 'the cat sat the dog ran').f1).toBeCloseTo(6 / 11, 10);
  });

  it('ignores empty lines', () => {
    expect(rougeLsum('\nthe cat sat\n\n', 'the cat sat').f1).toBe(1);
  });
});

describe('scoreRouge', () => {
  it('scores identical texts 1 on every measure', () => {
    expect(scoreRouge('The talks ended.\nBoth sides left.', 'The talks ended.\nBoth sides left.')).toEqual({
      rouge1: 1,
      rouge2: 1,
      rougeLsum: 1,
    });
  });

  it('scores 0 when either side is empty or has no words', () => {
    const zero = { rouge1: 0, rouge2: 0, rougeLsum: 0 };
    expect(scoreRouge('', 'the cat')).toEqual(zero);
    expect(scoreRouge('the cat', '')).toEqual(zero);
    expect(scoreRouge('!!! ...', 'the cat')).toEqual(zero);
  });

  it('scores 0 bigram overlap when the candidate is one word', () => {
    expect(scoreRouge('cat', 'the cat').rouge2).toBe(0);
  });
});
