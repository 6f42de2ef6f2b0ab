/**
 * Sparse TF-IDF vectors, unit length, so the cosine of two sentences is their dot product.
 */
export type TermVector = ReadonlyMap<string, number>;

/** How many of `documents` contain each term. */
export function documentFrequencies(documents: readonly (readonly string[])[]): Map<string, number> {
  const frequencies = new Map<string, number>();
  for (const terms of documents) {
    for (const term of new Set(terms)) frequencies.set(term, (frequencies.get(term) ?? 0) + 1);
  }
  return frequencies;
}

/** Smoothed IDF (as in scikit-learn), so a term in every document still weighs a little. */
export function inverseFrequency(frequency: number, documents: number): number {
  return Math.log((1 + documents) / (1 + frequency)) + 1;
}

export function tfidfVector(terms: readonly string[], idf: (term: string) => number): TermVector {
  const weights = new Map<string, number>();
  for (const term of terms) weights.set(term, (weights.get(term) ?? 0) + 1);
  let norm = 0;
  for (const [term, count] of weights) {
    const weight = count * idf(term);
    weights.set(term, weight);
    norm += weight * weight;
  }
  norm = Math.sqrt(norm);
  if (norm > 0) for (const [term, weight] of weights) weights.set(term, weight / norm);
  return weights;
}

export function cosine(a: TermVector, b: TermVector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [term, weight] of small) {
    const other = large.get(term);
    if (other !== undefined) dot += weight * other;
  }
  return dot;
}

/** The sum of `vectors`, normalised: what a set of sentences is about as a whole. */
export function centroid(vectors: readonly TermVector[]): TermVector {
  const sum = new Map<string, number>();
  for (const vector of vectors) for (const [term, weight] of vector) sum.set(term, (sum.get(term) ?? 0) + weight);
  let norm = 0;
  for (const weight of sum.values()) norm += weight * weight;
  norm = Math.sqrt(norm);
  if (norm > 0) for (const [term, weight] of sum) sum.set(term, weight / norm);
  return sum;
}
