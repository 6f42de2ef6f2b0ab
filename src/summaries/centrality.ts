/**
 * TextRank (Mihalcea & Tarau 2004) over a sentence-similarity graph: a sentence is central when
 * sentences that are themselves central resemble it. Edges are TF-IDF cosines (LexRank's
 * continuous variant); scores come from power iteration of weighted PageRank.
 */
import { Buffers } from './buffers.js';
import type { TermVector } from './vectors.js';

const DAMPING = 0.85;
const MAX_ITERATIONS = 50;
/** Scores are only compared with each other, so a coarse fixed point is enough. */
const CONVERGED = 1e-4;

/**
 * A text's sentence vectors in one flat layout (ranking a corpus makes hundreds of thousands):
 * sentence i's entries are `ids`/`weights` from `starts[i]` to `starts[i + 1]`, each id at most
 * once per sentence. Ids are numbered within the text, from 0 to `terms - 1`.
 */
export interface SentenceVectors {
  readonly terms: number;
  readonly starts: Int32Array;
  readonly ids: Int32Array;
  readonly weights: Float64Array;
}

/**
 * Pairwise cosines, `n × n`, through an inverted list of the sentences' terms: only sentences that
 * share a term are ever multiplied, which is a fraction of the n² pairs a merge would visit.
 */
function similarities(
  { terms, starts: sentenceStarts, ids, weights }: SentenceVectors,
  buffers: Buffers,
): Float64Array {
  const n = sentenceStarts.length - 1;
  const starts = buffers.int32Array('listStarts', terms + 1);
  for (let i = 0; i < ids.length; i++) starts[ids[i]! + 1]! += 1;
  for (let t = 0; t < terms; t++) starts[t + 1]! += starts[t]!;
  const filled = buffers.int32Array('listFilled', terms);
  filled.set(starts.subarray(0, terms));
  const sentenceOf = buffers.int32Array('listSentences', ids.length);
  const weightOf = buffers.float64Array('listWeights', ids.length);
  for (let sentence = 0; sentence < n; sentence++) {
    for (let i = sentenceStarts[sentence]!; i < sentenceStarts[sentence + 1]!; i++) {
      const slot = filled[ids[i]!]!++;
      sentenceOf[slot] = sentence;
      weightOf[slot] = weights[i]!;
    }
  }
  // Each list holds its sentences in ascending order, so every pair lands above the diagonal.
  const matrix = buffers.float64Array('similarities', n * n);
  for (let t = 0; t < terms; t++) {
    const end = starts[t + 1]!;
    for (let a = starts[t]!; a < end; a++) {
      const row = sentenceOf[a]! * n;
      const weight = weightOf[a]!;
      for (let b = a + 1; b < end; b++) matrix[row + sentenceOf[b]!]! += weight * weightOf[b]!;
    }
  }
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) matrix[j * n + i] = matrix[i * n + j]!;
  return matrix;
}

/**
 * `rankByCentrality` for vectors in the flat layout. The scores are in one of `buffers`' arrays,
 * valid until the buffers are next used.
 */
export function centralityOf(vectors: SentenceVectors, buffers = new Buffers()): Float64Array {
  const n = vectors.starts.length - 1;
  if (n <= 0) return new Float64Array(0);
  // transition[i * n + j]: the share of sentence j's score that flows to sentence i.
  const transition = similarities(vectors, buffers);
  const outWeight = buffers.float64Array('outWeight', n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) outWeight[j]! += transition[i * n + j]!;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) if (outWeight[j]! > 0) transition[i * n + j]! /= outWeight[j]!;
  }
  let scores = buffers.float64Array('scores', n).fill(1 / n);
  let next = buffers.float64Array('nextScores', n);
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    // A sentence linked to nothing spreads its score evenly, so the scores keep summing to 1.
    let dangling = 0;
    for (let j = 0; j < n; j++) if (outWeight[j] === 0) dangling += scores[j]!;
    let change = 0;
    for (let i = 0; i < n; i++) {
      let incoming = dangling / n;
      const row = i * n;
      for (let j = 0; j < n; j++) incoming += transition[row + j]! * scores[j]!;
      next[i] = (1 - DAMPING) / n + DAMPING * incoming;
      change += Math.abs(next[i]! - scores[i]!);
    }
    [scores, next] = [next, scores];
    if (change < CONVERGED) break;
  }
  return scores;
}

/**
 * Scores sum to 1; O(n²) in the number of sentences, so callers keep n to one article or a
 * shortlist. Vector ids index arrays here, so they should be small (numbered within the text).
 */
export function rankByCentrality(vectors: readonly TermVector[]): number[] {
  const starts = new Int32Array(vectors.length + 1);
  vectors.forEach((vector, i) => {
    starts[i + 1] = starts[i]! + vector.ids.length;
  });
  const ids = new Int32Array(starts[vectors.length]!);
  const weights = new Float64Array(ids.length);
  let terms = 0;
  vectors.forEach((vector, i) => {
    ids.set(vector.ids, starts[i]!);
    weights.set(vector.weights, starts[i]!);
    for (const id of vector.ids) terms = Math.max(terms, id + 1);
  });
  return [...centralityOf({ terms, starts, ids, weights })];
}
