import { f1 } from './f1.js';

/**
 * Character overlap as the story gold's README defines it: the total size of the matching blocks
 * of Python's `difflib.SequenceMatcher(None, a, b, autojunk=False)`. Reproduced here (same
 * longest-match search and tie-breaking: earliest in `a`, then earliest in `b`, then recursion on
 * both sides) so the scores equal the reference scorer's, not merely resemble them.
 */

/** Longest block a[i..i+k) = b[j..j+k) inside the given ranges, difflib's choice among equals. */
function longestMatch(
  a: string,
  b2j: Map<string, number[]>,
  alo: number,
  ahi: number,
  blo: number,
  bhi: number,
): [number, number, number] {
  let besti = alo;
  let bestj = blo;
  let bestsize = 0;
  let j2len = new Map<number, number>();
  for (let i = alo; i < ahi; i++) {
    const next = new Map<number, number>();
    for (const j of b2j.get(a[i]!) ?? []) {
      if (j < blo) continue;
      if (j >= bhi) break;
      const k = (j2len.get(j - 1) ?? 0) + 1;
      next.set(j, k);
      if (k > bestsize) [besti, bestj, bestsize] = [i - k + 1, j - k + 1, k];
    }
    j2len = next;
  }
  return [besti, bestj, bestsize];
}

/** Sum of the sizes of difflib's matching blocks of `a` and `b`. */
export function matchingCharacters(a: string, b: string): number {
  const b2j = new Map<string, number[]>();
  for (let j = 0; j < b.length; j++) {
    const list = b2j.get(b[j]!);
    if (list) list.push(j);
    else b2j.set(b[j]!, [j]);
  }
  let total = 0;
  const queue: Array<[number, number, number, number]> = [[0, a.length, 0, b.length]];
  while (queue.length) {
    const [alo, ahi, blo, bhi] = queue.pop()!;
    const [i, j, k] = longestMatch(a, b2j, alo, ahi, blo, bhi);
    if (!k) continue;
    total += k;
    if (alo < i && blo < j) queue.push([alo, i, blo, j]);
    if (i + k < ahi && j + k < bhi) queue.push([i + k, ahi, j + k, bhi]);
  }
  return total;
}

/** F1 of the character overlap: 2·overlap / (|pred| + |gold|). */
export function overlapF1(predicted: string, gold: string): number {
  if (!predicted.length || !gold.length) return 0;
  const overlap = matchingCharacters(predicted, gold);
  return f1(overlap / predicted.length, overlap / gold.length);
}
