import { describe, expect, it } from 'vitest';
import { rankByCentrality } from '../../src/summaries/centrality.js';
import { selectSentences } from '../../src/summaries/select-sentences.js';
import { TermIds } from '../../src/summaries/terms.js';
import { tfidfVector } from '../../src/summaries/vectors.js';
import { writtenWords } from '../../src/text/written-words.js';

const termIds = new TermIds();
const vectorOf = (text: string) =>
  tfidfVector(
    writtenWords(text)
      .map((word) => termIds.idOf(word))
      .filter((id) => id >= 0),
    () => 1,
  );
const item = (text: string, score: number) => ({ text, score, words: text.split(' ').length, vector: vectorOf(text) });

describe('selectSentences', () => {
  it('never picks a near-duplicate of a sentence already picked', () => {
    const picked = selectSentences(
      [
        item('the bridge closed after cracks were found in its supports', 3),
        item('the bridge was closed after cracks were found in its supports', 2.9),
        item('shops near the river lost trade during the closure', 1),
      ],
      { maxSentences: 2, maxWords: 100 },
    );
    expect(picked.map((p) => p.score)).toEqual([3, 1]);
  });

  it('skips a sentence that would overshoot the word budget by more than it fills', () => {
    const long = item(`a very long sentence ${'about nothing in particular '.repeat(6)}`, 2);
    const picked = selectSentences(
      [item('first point made in brief words here', 3), long, item('short second point', 1)],
      {
        maxSentences: 3,
        maxWords: 12,
      },
    );
    expect(picked.map((p) => p.score)).toEqual([3, 1]);
  });
});

describe('rankByCentrality', () => {
  it('scores the sentence most like the others highest, with scores summing to 1', () => {
    const scores = rankByCentrality(
      [
        'bridge closed cracks supports',
        'bridge cracks inspection supports',
        'bridge supports repaired',
        'weather sunny tomorrow',
      ].map(vectorOf),
    );
    expect(scores.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(scores.indexOf(Math.max(...scores))).toBeLessThan(3);
    expect(scores[3]).toBe(Math.min(...scores));
  });
});
