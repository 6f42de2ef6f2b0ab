/**
 * ROUGE as computed by Google's `rouge-score` package, the reference implementation behind the
 * published CNN/DM numbers (https://github.com/google-research/google-research/tree/master/rouge):
 * lowercase, every run of characters outside [a-z0-9] becomes a space, tokens longer than three
 * characters are Porter-stemmed, and each score is an F1 of precision and recall.
 */
import { stemmer } from 'stemmer';
import { f1 } from './f1.js';
import type { RougeScores } from './types.js';

/** rouge-score leaves tokens of three characters or fewer unstemmed. */
const MIN_STEMMED_LENGTH = 4;

export interface RougeScore {
  precision: number;
  recall: number;
  f1: number;
}

const ZERO: RougeScore = { precision: 0, recall: 0, f1: 0 };

/** rouge-score's default tokenizer, with stemming on. */
export function rougeTokens(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .split(/\s+/)
    .filter((token) => token.length > 0)
    .map((token) => (token.length >= MIN_STEMMED_LENGTH ? stemmer(token) : token));
}

function score(hits: number, candidateTotal: number, referenceTotal: number): RougeScore {
  if (candidateTotal === 0 || referenceTotal === 0) return ZERO;
  const precision = hits / candidateTotal;
  const recall = hits / referenceTotal;
  return { precision, recall, f1: f1(precision, recall) };
}

function countNgrams(tokens: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const gram = tokens.slice(i, i + n).join(' ');
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}

/** ROUGE-N: clipped n-gram overlap. */
export function rougeN(candidate: string, reference: string, n: number): RougeScore {
  const candidateGrams = countNgrams(rougeTokens(candidate), n);
  const referenceGrams = countNgrams(rougeTokens(reference), n);
  let hits = 0;
  for (const [gram, count] of candidateGrams) hits += Math.min(count, referenceGrams.get(gram) ?? 0);
  const total = (grams: Map<string, number>) => [...grams.values()].reduce((sum, c) => sum + c, 0);
  return score(hits, total(candidateGrams), total(referenceGrams));
}

/** Dynamic-programming table: `table[i][j]` is the LCS length of `a[0..i)` and `b[0..j)`. */
function lcsTable(a: readonly string[], b: readonly string[]): number[][] {
  const table = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i++) {
    const row = table[i]!;
    const previous = table[i - 1]!;
    for (let j = 1; j <= b.length; j++) {
      row[j] = a[i - 1] === b[j - 1] ? previous[j - 1]! + 1 : Math.max(previous[j]!, row[j - 1]!);
    }
  }
  return table;
}

/** Indexes into `reference` of one LCS with `candidate`, backtracked as rouge-score does. */
function lcsIndexes(reference: readonly string[], candidate: readonly string[]): number[] {
  const table = lcsTable(reference, candidate);
  const indexes: number[] = [];
  let i = reference.length;
  let j = candidate.length;
  while (i > 0 && j > 0) {
    if (reference[i - 1] === candidate[j - 1]) {
      indexes.push(i - 1);
      i--;
      j--;
    } else if (table[i]![j - 1]! > table[i - 1]![j]!) {
      j--;
    } else {
      i--;
    }
  }
  return indexes.reverse();
}

/** ROUGE-L: longest common subsequence of the two texts taken as one sequence each. */
export function rougeL(candidate: string, reference: string): RougeScore {
  const candidateTokens = rougeTokens(candidate);
  const referenceTokens = rougeTokens(reference);
  const lcs = lcsTable(referenceTokens, candidateTokens)[referenceTokens.length]![candidateTokens.length]!;
  return score(lcs, candidateTokens.length, referenceTokens.length);
}

function countTokens(sentences: readonly string[][]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const sentence of sentences) for (const token of sentence) counts.set(token, (counts.get(token) ?? 0) + 1);
  return counts;
}

/**
 * ROUGE-Lsum, the summary-level LCS: texts are split into sentences on newlines; each reference
 * sentence is matched by the union of its LCS with every candidate sentence, and a token counts as
 * a hit only while both sides still have an unmatched copy of it.
 */
export function rougeLsum(candidate: string, reference: string): RougeScore {
  const sentencesOf = (text: string) =>
    text
      .split('\n')
      .filter((line) => line.length > 0)
      .map(rougeTokens);
  const candidateSentences = sentencesOf(candidate);
  const referenceSentences = sentencesOf(reference);
  const candidateTotal = candidateSentences.reduce((sum, s) => sum + s.length, 0);
  const referenceTotal = referenceSentences.reduce((sum, s) => sum + s.length, 0);
  if (candidateTotal === 0 || referenceTotal === 0) return ZERO;
  const candidateLeft = countTokens(candidateSentences);
  const referenceLeft = countTokens(referenceSentences);
  let hits = 0;
  for (const referenceSentence of referenceSentences) {
    const union = new Set<number>();
    for (const candidateSentence of candidateSentences) {
      for (const index of lcsIndexes(referenceSentence, candidateSentence)) union.add(index);
    }
    for (const index of [...union].sort((a, b) => a - b)) {
      const token = referenceSentence[index]!;
      const inCandidate = candidateLeft.get(token) ?? 0;
      const inReference = referenceLeft.get(token) ?? 0;
      if (inCandidate > 0 && inReference > 0) {
        hits++;
        candidateLeft.set(token, inCandidate - 1);
        referenceLeft.set(token, inReference - 1);
      }
    }
  }
  return score(hits, candidateTotal, referenceTotal);
}

/** The three F1 scores reported for summaries; sentences in both texts are separated by newlines. */
export function scoreRouge(candidate: string, reference: string): RougeScores {
  return {
    rouge1: rougeN(candidate, reference, 1).f1,
    rouge2: rougeN(candidate, reference, 2).f1,
    rougeLsum: rougeLsum(candidate, reference).f1,
  };
}
