/**
 * TF-IDF vectors of a text's sentences over the text's own sentences (each sentence a document),
 * built straight into the flat layout `centralityOf` reads. The text's terms are renumbered from
 * 0 so counts and weights are plain array slots rather than map entries.
 */
import type { Buffers } from './buffers.js';
import type { SentenceVectors } from './centrality.js';
import { inverseFrequency } from './vectors.js';

/**
 * `terms`: each sentence's term ids, sentence i's from `termStarts[i]` to `termStarts[i + 1]`.
 * `localOf` must be zero at every id of `terms` and is left so: it holds each id's number within
 * the text, plus one, while the text is read. The result lives in `buffers`.
 */
export function sentenceVectors(
  terms: Int32Array,
  termStarts: Int32Array,
  localOf: Int32Array,
  buffers: Buffers,
): SentenceVectors {
  const n = termStarts.length - 1;
  const distinctTerms = buffers.int32Array('distinctTerms', terms.length);
  let distinct = 0;
  // Per text term: how many sentences hold it, the last sentence it was seen in (plus one), and
  // that sentence's entry, so a repeat within a sentence adds to its count instead.
  const frequency = buffers.int32Array('frequency', terms.length);
  const lastSentence = buffers.int32Array('lastSentence', terms.length);
  const entryOf = buffers.int32Array('entryOf', terms.length);
  const starts = buffers.int32Array('vectorStarts', n + 1);
  const ids = buffers.int32Array('vectorIds', terms.length);
  const weights = buffers.float64Array('vectorWeights', terms.length);
  let entries = 0;
  for (let sentence = 0; sentence < n; sentence++) {
    for (let i = termStarts[sentence]!; i < termStarts[sentence + 1]!; i++) {
      const id = terms[i]!;
      let local = localOf[id]! - 1;
      if (local < 0) {
        local = distinct;
        distinctTerms[distinct++] = id;
        localOf[id] = local + 1;
      }
      if (lastSentence[local] === sentence + 1) {
        weights[entryOf[local]!]! += 1;
        continue;
      }
      lastSentence[local] = sentence + 1;
      frequency[local]! += 1;
      entryOf[local] = entries;
      ids[entries] = local;
      weights[entries++] = 1;
    }
    starts[sentence + 1] = entries;
  }
  for (let local = 0; local < distinct; local++) localOf[distinctTerms[local]!] = 0;

  const idf = buffers.float64Array('idf', distinct);
  for (let local = 0; local < distinct; local++) idf[local] = inverseFrequency(frequency[local]!, n);
  for (let sentence = 0; sentence < n; sentence++) {
    let norm = 0;
    for (let i = starts[sentence]!; i < starts[sentence + 1]!; i++) {
      const weight = weights[i]! * idf[ids[i]!]!;
      weights[i] = weight;
      norm += weight * weight;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (let i = starts[sentence]!; i < starts[sentence + 1]!; i++) weights[i]! /= norm;
  }
  // The vectors' ids number the text's distinct terms in order of first occurrence (`distinctTerms`).
  return { terms: distinct, starts, ids: ids.subarray(0, entries), weights: weights.subarray(0, entries) };
}
