/**
 * Sparse TF-IDF vectors over term ids (see `TermIds`), unit length, so the cosine of two sentences
 * is their dot product. Ids are sorted, so two vectors are compared by merging two typed arrays:
 * ranking a corpus compares hundreds of thousands of sentences, and maps of strings made that the
 * larger part of the cost.
 */
export interface TermVector {
  /** Distinct term ids, ascending. */
  readonly ids: Int32Array;
  /** Weight of each id, the vector at unit length (or all zero). */
  readonly weights: Float64Array;
}

/** Smoothed IDF (as in scikit-learn), so a term in every document still weighs a little. */
export function inverseFrequency(frequency: number, documents: number): number {
  return Math.log((1 + documents) / (1 + frequency)) + 1;
}

/** `terms`: a sentence's term ids in any order, each repeated as often as the term occurs. */
export function tfidfVector(terms: ArrayLike<number>, idf: (id: number) => number): TermVector {
  return tfidfVectors([Int32Array.from(terms)], idf)[0]!;
}

/**
 * `tfidfVector(terms, idf)`, the same numbers, when the distinct ids of `terms` are known already
 * (ascending): each id's count is looked up rather than the terms copied and sorted, which was
 * most of the cost of weighing a sentence.
 */
export function tfidfVectorOfDistinct(
  ids: Int32Array,
  terms: ArrayLike<number>,
  idf: (id: number) => number,
): TermVector {
  const weights = new Float64Array(ids.length);
  for (let t = 0; t < terms.length; t++) {
    // Binary search: a sentence's ids are few, and every term is among them.
    let low = 0;
    let high = ids.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (ids[middle]! < terms[t]!) low = middle + 1;
      else high = middle;
    }
    weights[low]! += 1;
  }
  let norm = 0;
  for (let i = 0; i < ids.length; i++) {
    const weight = weights[i]! * idf(ids[i]!);
    weights[i] = weight;
    norm += weight * weight;
  }
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < ids.length; i++) weights[i]! /= norm;
  return { ids, weights };
}

/**
 * The vectors of several sentences (as `tfidfVector`), views of one pair of arrays: a corpus
 * keeps a few per article, and two arrays of their own apiece cost more than their numbers.
 */
export function tfidfVectors(sentences: readonly Int32Array[], idf: (id: number) => number): TermVector[] {
  let total = 0;
  for (const terms of sentences) total += terms.length;
  const ids = new Int32Array(total);
  const weights = new Float64Array(total);
  const vectors: TermVector[] = [];
  let at = 0;
  for (const terms of sentences) {
    // Sorted in place, then each run of one id becomes the id once with its count as weight.
    ids.set(terms, at);
    ids.subarray(at, at + terms.length).sort();
    let end = at;
    for (let i = at; i < at + terms.length; i++) {
      if (end > at && ids[i] === ids[end - 1]) weights[end - 1]! += 1;
      else {
        ids[end] = ids[i]!;
        weights[end++] = 1;
      }
    }
    let norm = 0;
    for (let i = at; i < end; i++) {
      const weight = weights[i]! * idf(ids[i]!);
      weights[i] = weight;
      norm += weight * weight;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (let i = at; i < end; i++) weights[i]! /= norm;
    vectors.push({ ids: ids.subarray(at, end), weights: weights.subarray(at, end) });
    at = end;
  }
  return vectors;
}

export function cosine(a: TermVector, b: TermVector): number {
  const aIds = a.ids;
  const bIds = b.ids;
  let dot = 0;
  let i = 0;
  let j = 0;
  while (i < aIds.length && j < bIds.length) {
    const difference = aIds[i]! - bIds[j]!;
    if (difference === 0) dot += a.weights[i++]! * b.weights[j++]!;
    else if (difference < 0) i++;
    else j++;
  }
  return dot;
}

/**
 * The sum of `vectors`, normalised: what a set of sentences is about as a whole. Dense (indexed by
 * term id), since it holds every term of every vector and is compared with each of them.
 */
export function centroid(vectors: readonly TermVector[]): Float64Array {
  let dimensions = 0;
  for (const vector of vectors) if (vector.ids.length) dimensions = Math.max(dimensions, vector.ids.at(-1)! + 1);
  const sum = new Float64Array(dimensions);
  for (const { ids, weights } of vectors) for (let i = 0; i < ids.length; i++) sum[ids[i]!]! += weights[i]!;
  let norm = 0;
  for (let i = 0; i < dimensions; i++) norm += sum[i]! * sum[i]!;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < dimensions; i++) sum[i]! /= norm;
  return sum;
}

/** Cosine of a sparse vector and a dense one (such as a centroid). */
export function cosineToDense(vector: TermVector, dense: Float64Array): number {
  let dot = 0;
  for (let i = 0; i < vector.ids.length; i++) dot += vector.weights[i]! * (dense[vector.ids[i]!] ?? 0);
  return dot;
}
