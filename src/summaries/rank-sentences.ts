/**
 * Scores the sentences of one text for a summary: TextRank centrality within the text, a lead
 * prior (news puts what matters first), a small bonus for concrete facts (names, numbers) and a
 * penalty for openings that lean on the sentence before ("He said…", "But…").
 */
import { rankByCentrality } from './centrality.js';
import { ineligibility } from './eligibility.js';
import { termsOfWords, wordsOf } from './terms.js';
import { documentFrequencies, inverseFrequency, type TermVector, tfidfVector } from './vectors.js';

export interface RankedSentence {
  /** Position of the sentence in the text's sentence list. */
  index: number;
  text: string;
  words: number;
  terms: string[];
  /** TF-IDF over the text's own sentences. */
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

const DIGIT = /\d/;

/** Names (capitalised words after the first) and numbers make a sentence concrete. */
function factDensity(words: readonly string[]): number {
  if (words.length === 0) return 0;
  let facts = 0;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const first = word.charAt(0);
    // Comparing cases is far cheaper than a Unicode regex per word, and ranking runs on every sentence.
    if (DIGIT.test(word) || (i > 0 && first !== first.toLowerCase())) facts++;
  }
  return Math.min(1, (3 * facts) / words.length);
}

export function rankSentences(texts: readonly string[], weights: RankWeights = DEFAULT_RANK_WEIGHTS): RankedSentence[] {
  const words = texts.map(wordsOf);
  const terms = words.map(termsOfWords);
  const frequencies = documentFrequencies(terms);
  const idf = (term: string) => inverseFrequency(frequencies.get(term) ?? 0, texts.length);
  const vectors = terms.map((t) => tfidfVector(t, idf));
  const centrality = rankByCentrality(vectors);
  const minCentrality = Math.min(...centrality);
  const maxCentrality = Math.max(...centrality);
  let leadRank = 0;
  return texts.map((text, index) => {
    const eligible = ineligibility(text, words[index]!.length) === null;
    const rank = eligible ? leadRank++ : -1;
    const relativeCentrality =
      maxCentrality > minCentrality ? (centrality[index]! - minCentrality) / (maxCentrality - minCentrality) : 1;
    const score = eligible
      ? weights.centrality * relativeCentrality +
        weights.lead * 0.5 ** (rank / weights.leadHalfLife) +
        weights.facts * factDensity(words[index]!) -
        (DANGLING_START.test(text) ? weights.danglingStart : 0)
      : Number.NEGATIVE_INFINITY;
    return {
      index,
      text,
      words: words[index]!.length,
      terms: terms[index]!,
      vector: vectors[index]!,
      eligible,
      leadRank: rank,
      centrality: relativeCentrality,
      score,
    };
  });
}
