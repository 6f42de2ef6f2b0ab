/**
 * TextRank (Mihalcea & Tarau 2004) over a sentence-similarity graph: a sentence is central when
 * sentences that are themselves central resemble it. Edges are TF-IDF cosines (LexRank's
 * continuous variant); scores come from power iteration of weighted PageRank.
 */
import type { TermVector } from './vectors.js';

const DAMPING = 0.85;
const MAX_ITERATIONS = 50;
/** Scores are only compared with each other, so a coarse fixed point is enough. */
const CONVERGED = 1e-4;

interface PackedVector {
  ids: Int32Array;
  weights: Float64Array;
}

/**
 * The n² cosines dominate ranking a large corpus, so vectors are packed as sorted term ids and
 * compared by merging, which is several times faster than looking terms up in maps.
 */
function pack(vectors: readonly TermVector[]): PackedVector[] {
  const ids = new Map<string, number>();
  return vectors.map((vector) => {
    const entries = [...vector].map(([term, weight]) => {
      let id = ids.get(term);
      if (id === undefined) {
        id = ids.size;
        ids.set(term, id);
      }
      return [id, weight] as const;
    });
    entries.sort((a, b) => a[0] - b[0]);
    return { ids: Int32Array.from(entries, (e) => e[0]), weights: Float64Array.from(entries, (e) => e[1]) };
  });
}

function packedCosine(a: PackedVector, b: PackedVector): number {
  let dot = 0;
  let i = 0;
  let j = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const difference = a.ids[i]! - b.ids[j]!;
    if (difference === 0) dot += a.weights[i++]! * b.weights[j++]!;
    else if (difference < 0) i++;
    else j++;
  }
  return dot;
}

/** Scores sum to 1; O(n²) in the number of sentences, so callers keep n to one article or a shortlist. */
export function rankByCentrality(vectors: readonly TermVector[]): number[] {
  const n = vectors.length;
  if (n === 0) return [];
  const packed = pack(vectors);
  // transition[i * n + j]: the share of sentence j's score that flows to sentence i.
  const transition = new Float64Array(n * n);
  const outWeight = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const similarity = packedCosine(packed[i]!, packed[j]!);
      transition[i * n + j] = similarity;
      transition[j * n + i] = similarity;
      outWeight[i]! += similarity;
      outWeight[j]! += similarity;
    }
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) if (outWeight[j]! > 0) transition[i * n + j]! /= outWeight[j]!;
  }
  let scores = new Float64Array(n).fill(1 / n);
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    // A sentence linked to nothing spreads its score evenly, so the scores keep summing to 1.
    let dangling = 0;
    for (let j = 0; j < n; j++) if (outWeight[j] === 0) dangling += scores[j]!;
    const next = new Float64Array(n);
    let change = 0;
    for (let i = 0; i < n; i++) {
      let incoming = dangling / n;
      const row = i * n;
      for (let j = 0; j < n; j++) incoming += transition[row + j]! * scores[j]!;
      next[i] = (1 - DAMPING) / n + DAMPING * incoming;
      change += Math.abs(next[i]! - scores[i]!);
    }
    scores = next;
    if (change < CONVERGED) break;
  }
  return [...scores];
}
