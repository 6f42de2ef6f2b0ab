/**
 * ROUGE recall as NIST scored DUC: ROUGE-1.5.5 with `-n 2 -x -m -2 4 -u -c 95 -r 1000 -f A -p 0.5
 * -t 0 -l 100` (stopwords kept), jackknifed over the references. Reproduced from the script itself
 * (ROUGE-1.5.5.pl, `readText`, `createNGram`, `createSkipBigram`, `computeNGramScore`):
 * - `-l 100`: the text is lowercased (ASCII only, Perl's `tr/A-Z/a-z/`) and cut after its first 100
 *   whitespace-separated words, counted before punctuation is removed;
 * - hyphens become separate tokens, everything outside [a-z0-9-] a space, and only tokens starting
 *   with a letter or digit count (so a lone hyphen does not);
 * - `-m`: tokens longer than three characters are looked up in WordNet 2.0's exception list, else
 *   Porter-stemmed;
 * - `-f A`: hits and counts are summed over the references, so recall is pooled, not averaged;
 * - `-2 4 -u`: skip bigrams at most four words apart plus unigrams; the script's loop leaves out
 *   the last token's unigram, and so does this (the official numbers include that quirk);
 * - jackknifing (as NIST did with several references): with k references the score is the mean of
 *   the k scores against each k−1 of them. A system's score is the mean of its per-topic scores.
 */
import { readFile } from 'node:fs/promises';
import { stemmer } from 'stemmer';

export interface DucRouge {
  rouge1: number;
  rouge2: number;
  rougeSU4: number;
}

/** DUC's summaries were cut at 100 words. */
export const DUC_WORD_LIMIT = 100;
const SKIP_DISTANCE = 4;

/** WordNet's exception list (inflected form → base form), one tab-separated pair a line; `#` lines are comments. */
export async function readWordnetExceptions(file: string): Promise<Map<string, string>> {
  const exceptions = new Map<string, string>();
  for (const line of (await readFile(file, 'utf8')).split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const [form, base] = line.split('\t');
    if (form && base) exceptions.set(form, base);
  }
  return exceptions;
}

type Grams = Map<string, number>;

interface Counted {
  grams: Grams;
  total: number;
}

export class DucRougeScorer {
  private readonly stems = new Map<string, string>();

  constructor(
    private readonly exceptions: ReadonlyMap<string, string>,
    private readonly wordLimit = DUC_WORD_LIMIT,
  ) {}

  /** The tokens ROUGE-1.5.5 compares, from a summary with one sentence a line. */
  tokens(text: string): string[] {
    const kept: string[] = [];
    let words = 0;
    for (const line of text.split('\n')) {
      if (!line.length || words >= this.wordLimit) continue;
      const lineWords = line.replace(/[A-Z]+/g, (s) => s.toLowerCase()).split(/\s+/);
      const room = this.wordLimit - words;
      kept.push(lineWords.slice(0, room).join(' '));
      words += Math.min(room, lineWords.length);
    }
    const tokenised = kept
      .join(' ')
      .replace(/-/g, ' - ')
      .replace(/[^A-Za-z0-9-]/g, ' ')
      .trim()
      .split(/\s+/);
    return tokenised.filter((token) => /^[a-z0-9]/.test(token)).map((token) => this.stem(token));
  }

  private stem(token: string): string {
    if (token.length <= 3) return token;
    let stemmed = this.stems.get(token);
    if (stemmed === undefined) {
      stemmed = this.exceptions.get(token) ?? stemmer(token);
      this.stems.set(token, stemmed);
    }
    return stemmed;
  }

  /** ROUGE-1, -2 and -SU4 recall of `peer` against `references`, jackknifed. */
  score(peer: string, references: readonly string[]): DucRouge {
    const peerTokens = this.tokens(peer);
    const referenceTokens = references.map((reference) => this.tokens(reference));
    const measure = (count: (tokens: readonly string[]) => Counted) => {
      const peerCounted = count(peerTokens);
      const perReference = referenceTokens.map((tokens) => {
        const counted = count(tokens);
        return { hits: clippedHits(counted.grams, peerCounted.grams), total: counted.total };
      });
      return jackknife(perReference);
    };
    return {
      rouge1: measure((tokens) => ngrams(tokens, 1)),
      rouge2: measure((tokens) => ngrams(tokens, 2)),
      rougeSU4: measure(skipBigrams),
    };
  }
}

function add(grams: Grams, gram: string): void {
  grams.set(gram, (grams.get(gram) ?? 0) + 1);
}

function ngrams(tokens: readonly string[], n: number): Counted {
  const grams: Grams = new Map();
  let total = 0;
  for (let i = 0; i + n <= tokens.length; i++) {
    add(grams, tokens.slice(i, i + n).join(' '));
    total++;
  }
  return { grams, total };
}

/** ROUGE-1.5.5's `createSkipBigram` with `-u`: the unigram of every token but the last. */
function skipBigrams(tokens: readonly string[]): Counted {
  const grams: Grams = new Map();
  let total = 0;
  for (let i = 0; i < tokens.length - 1; i++) {
    add(grams, tokens[i]!);
    total++;
    for (let j = i + 1; j < tokens.length && j <= i + SKIP_DISTANCE + 1; j++) {
      add(grams, `${tokens[i]} ${tokens[j]}`);
      total++;
    }
  }
  return { grams, total };
}

function clippedHits(reference: Grams, peer: Grams): number {
  let hits = 0;
  for (const [gram, count] of reference) hits += Math.min(count, peer.get(gram) ?? 0);
  return hits;
}

/** Pooled recall over the references; with several, the mean of the leave-one-out pooled recalls. */
function jackknife(perReference: readonly { hits: number; total: number }[]): number {
  const pooled = (parts: readonly { hits: number; total: number }[]) => {
    const total = parts.reduce((sum, part) => sum + part.total, 0);
    return total ? parts.reduce((sum, part) => sum + part.hits, 0) / total : 0;
  };
  if (perReference.length < 2) return pooled(perReference);
  let sum = 0;
  for (let left = 0; left < perReference.length; left++) sum += pooled(perReference.filter((_, i) => i !== left));
  return sum / perReference.length;
}

export function meanDucRouge(scores: readonly DucRouge[]): DucRouge {
  const n = Math.max(1, scores.length);
  const mean = (pick: (s: DucRouge) => number) => scores.reduce((sum, s) => sum + pick(s), 0) / n;
  return { rouge1: mean((s) => s.rouge1), rouge2: mean((s) => s.rouge2), rougeSU4: mean((s) => s.rougeSU4) };
}
