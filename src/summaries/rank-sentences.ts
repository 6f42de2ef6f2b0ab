/**
 * Scores the sentences of one text for a summary: TextRank centrality within the text, a lead
 * prior (news puts what matters first), a small bonus for concrete facts (names, numbers) and a
 * penalty for openings that lean on the sentence before ("He said…", "But…").
 */

import { forEachWrittenWord } from '../text/written-words.js';
import { grown } from '../typed-arrays.js';
import { Buffers } from './buffers.js';
import { centralityOf, type SentenceVectors } from './centrality.js';
import { ineligibility } from './eligibility.js';
import { sentenceVectors } from './sentence-vectors.js';
import { TermIds } from './terms.js';
import type { TermVector } from './vectors.js';

export interface RankedSentence {
  /** Position of the sentence in the text's sentence list. */
  index: number;
  text: string;
  words: number;
  /** TF-IDF over the text's own sentences; its ids are numbered within the text. */
  vector: TermVector;
  /** Whether it may be a summary point at all (see `ineligibility`). */
  eligible: boolean;
  /** Position among the eligible sentences (0 = the lead), or -1. */
  leadRank: number;
  /** Centrality relative to the most central sentence of the text, 0–1. */
  centrality: number;
  /** Combined score, higher is better; only meaningful for eligible sentences. */
  score: number;
}

/** Weights of the score's parts, tuned on the aggregate of the CNN/DM dev split. */
export interface RankWeights {
  centrality: number;
  lead: number;
  /** The lead prior halves every this many sentences. */
  leadHalfLife: number;
  facts: number;
  danglingStart: number;
}

export const DEFAULT_RANK_WEIGHTS: RankWeights = {
  centrality: 1,
  lead: 3,
  leadHalfLife: 1.5,
  facts: 0.3,
  danglingStart: 0.3,
};

/** Openings that only make sense after the sentence before them. */
const DANGLING_START =
  /^(?:[“"‘']\s*)?(?:he|she|they|it|this|that|these|those|his|her|their|its|but|and|so|also|however|meanwhile|instead|then|there|here)\b/i;

/**
 * A text's sentences ranked, in flat arrays indexed by sentence (a corpus ranks hundreds of
 * thousands of sentences, and an object per sentence was much of the cost). The arrays belong to
 * the ranker and are overwritten by its next `rank`: copy what is kept.
 */
export interface RankedText {
  readonly words: Int32Array;
  /** 1 when the sentence may be a summary point at all (see `ineligibility`). */
  readonly eligible: Uint8Array;
  /** Position among the eligible sentences (0 = the lead), or -1. */
  readonly leadRank: Int32Array;
  /** Centrality relative to the most central sentence of the text, 0–1. */
  readonly centrality: Float64Array;
  /** Combined score, higher is better; -Infinity for ineligible sentences. */
  readonly score: Float64Array;
  /** Sentence i's term ids (of the ranker's `TermIds`), in word order: from `termStarts[i]` to `termStarts[i + 1]`. */
  readonly terms: Int32Array;
  readonly termStarts: Int32Array;
  /** TF-IDF over the text's own sentences. */
  readonly vectors: SentenceVectors;
}

/** Whether the word starting at `at` starts with a capital (compared by case, like `first !== first.toLowerCase()`). */
function startsCapitalised(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  if (code < 0x80) return code >= 0x41 && code <= 0x5a;
  const first = text.charAt(at);
  return first !== first.toLowerCase();
}

/**
 * Ranks texts' sentences with one term dictionary. A corpus keeps one ranker, so term ids can be
 * compared across its articles; the working arrays are reused from text to text.
 */
export class TextRanker {
  private readonly buffers = new Buffers();
  /** Zero except while a text is read (see `sentenceVectors`); grows with the dictionary. */
  private localOf = new Int32Array(1024);

  constructor(readonly termIds: TermIds = new TermIds()) {}

  rank(texts: readonly string[], weights: RankWeights = DEFAULT_RANK_WEIGHTS): RankedText {
    const n = texts.length;
    const buffers = this.buffers;
    const words = buffers.int32Array('words', n);
    const facts = buffers.float64Array('facts', n);
    const termStarts = buffers.int32Array('termStarts', n + 1);
    let terms = buffers.int32Array('terms', 64 * n);
    let termCount = 0;
    for (let sentence = 0; sentence < n; sentence++) {
      const text = texts[sentence]!;
      let wordCount = 0;
      let factCount = 0;
      forEachWrittenWord(text, (start, end, hasDigit) => {
        // Names (capitalised words after the first) and numbers make a sentence concrete.
        if (hasDigit || (wordCount > 0 && startsCapitalised(text, start))) factCount++;
        wordCount++;
        const id = this.termIds.idOf(text.slice(start, end));
        if (id < 0) return;
        // Rarely past the buffer (64 terms a sentence): then an array of its own, not reused.
        terms = grown(terms, termCount + 1);
        terms[termCount++] = id;
      });
      words[sentence] = wordCount;
      facts[sentence] = wordCount ? Math.min(1, (3 * factCount) / wordCount) : 0;
      termStarts[sentence + 1] = termCount;
    }
    terms = terms.subarray(0, termCount);
    this.localOf = grown(this.localOf, this.termIds.size);
    const vectors = sentenceVectors(terms, termStarts, this.localOf, buffers);
    const centrality = centralityOf(vectors, buffers);

    let minCentrality = Number.POSITIVE_INFINITY;
    let maxCentrality = Number.NEGATIVE_INFINITY;
    for (const value of centrality) {
      minCentrality = Math.min(minCentrality, value);
      maxCentrality = Math.max(maxCentrality, value);
    }
    const eligible = buffers.uint8Array('eligible', n);
    const leadRank = buffers.int32Array('leadRank', n).fill(-1);
    const score = buffers.float64Array('score', n).fill(Number.NEGATIVE_INFINITY);
    let lead = 0;
    for (let sentence = 0; sentence < n; sentence++) {
      const relative =
        maxCentrality > minCentrality ? (centrality[sentence]! - minCentrality) / (maxCentrality - minCentrality) : 1;
      centrality[sentence] = relative;
      const text = texts[sentence]!;
      if (ineligibility(text, words[sentence]) !== null) continue;
      eligible[sentence] = 1;
      leadRank[sentence] = lead;
      score[sentence] =
        weights.centrality * relative +
        weights.lead * 0.5 ** (lead / weights.leadHalfLife) +
        weights.facts * facts[sentence]! -
        (DANGLING_START.test(text) ? weights.danglingStart : 0);
      lead++;
    }
    return { words, eligible, leadRank, centrality, score, terms, termStarts, vectors };
  }
}

/** One sentence's vector from the flat layout, ids sorted (as `cosine` needs). */
function vectorAt(vectors: SentenceVectors, sentence: number): TermVector {
  const from = vectors.starts[sentence]!;
  const to = vectors.starts[sentence + 1]!;
  const order = Array.from({ length: to - from }, (_, k) => from + k).sort((a, b) => vectors.ids[a]! - vectors.ids[b]!);
  return {
    ids: Int32Array.from(order, (i) => vectors.ids[i]!),
    weights: Float64Array.from(order, (i) => vectors.weights[i]!),
  };
}

/** Every sentence of `texts`, ranked (see `TextRanker` for a corpus's many texts). */
export function rankSentences(texts: readonly string[], weights: RankWeights = DEFAULT_RANK_WEIGHTS): RankedSentence[] {
  const ranked = new TextRanker().rank(texts, weights);
  return texts.map((text, index) => ({
    index,
    text,
    words: ranked.words[index]!,
    vector: vectorAt(ranked.vectors, index),
    eligible: ranked.eligible[index] === 1,
    leadRank: ranked.leadRank[index]!,
    centrality: ranked.centrality[index]!,
    score: ranked.score[index]!,
  }));
}
