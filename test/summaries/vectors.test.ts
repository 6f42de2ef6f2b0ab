import { describe, expect, it } from 'vitest';
import { tfidfVector, tfidfVectorOfDistinct, tfidfVectors } from '../../src/summaries/vectors.js';

const idf = (id: number) => 1 + id / 10;

/** The vector worked out the plain way: counts in a map, weighted, scaled to unit length. */
function expected(terms: readonly number[]): { ids: number[]; weights: number[] } {
  const counts = new Map<number, number>();
  for (const id of terms) counts.set(id, (counts.get(id) ?? 0) + 1);
  const ids = [...counts.keys()].sort((a, b) => a - b);
  const raw = ids.map((id) => counts.get(id)! * idf(id));
  const norm = Math.hypot(...raw);
  return { ids, weights: raw.map((weight) => (norm > 0 ? weight / norm : 0)) };
}

describe('tfidfVectors', () => {
  it('gives each sentence of a batch its own vector: distinct ids ascending, weights at unit length', () => {
    const sentences = [[4, 2, 4, 9], [], [7, 7, 7], [1, 9, 2]];
    const vectors = tfidfVectors(
      sentences.map((terms) => Int32Array.from(terms)),
      idf,
    );
    expect(vectors).toHaveLength(sentences.length);
    sentences.forEach((terms, i) => {
      const want = expected(terms);
      expect([...vectors[i]!.ids]).toEqual(want.ids);
      vectors[i]!.weights.forEach((weight, k) => {
        expect(weight).toBeCloseTo(want.weights[k]!, 12);
      });
      expect(vectors[i]!.weights).toHaveLength(want.weights.length);
    });
  });
});

describe('tfidfVectorOfDistinct', () => {
  it('gives the very numbers of tfidfVector, from the distinct ids known beforehand', () => {
    for (const terms of [[4, 2, 4, 9, 31, 2, 2], [], [7, 7, 7], [12, 1, 9, 2, 40, 3, 5, 8, 13]]) {
      const ids = Int32Array.from(new Set(terms)).sort();
      const made = tfidfVectorOfDistinct(ids, terms, idf);
      const plain = tfidfVector(terms, idf);
      expect([...made.ids]).toEqual([...plain.ids]);
      expect([...made.weights]).toEqual([...plain.weights]);
    }
  });
});
