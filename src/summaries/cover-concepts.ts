/**
 * Picks sentences that together cover the most weight of "concepts" (pairs of adjacent content
 * words) within a word budget: the greedy approximation of Gillick & Favre's concept-coverage ILP
 * ("A Scalable Global Model for Summarization", 2009), whose concepts weigh by how many articles
 * carry them. A concept counts once however many picked sentences hold it, so a fact three outlets
 * report is worth one sentence, and a sentence adding nothing new is worth nothing.
 *
 * Greedy by gain per word, lazily: a sentence's gain only falls as concepts are covered (coverage
 * is submodular), so its last computed gain bounds its current one and most sentences are never
 * recomputed (Minoux's accelerated greedy).
 */
import type { Budget } from './select-sentences.js';

export interface Coverable {
  /** Distinct concept ids of the sentence. */
  concepts: Int32Array;
  words: number;
  /** Added to the gain per word: a prior for sentences that lead their article. */
  prior: number;
}

/** Words are counted from this floor, so a very short sentence does not win on ratio alone. */
const MIN_WORDS_FOR_RATIO = 12;

function gainOf(item: Coverable, weights: Float64Array, covered: Uint8Array): number {
  let gain = 0;
  for (const concept of item.concepts) if (!covered[concept]) gain += weights[concept]!;
  return gain;
}

function ratio(item: Coverable, gain: number): number {
  return gain / Math.max(MIN_WORDS_FOR_RATIO, item.words) + item.prior;
}

/**
 * Indexes of the picked items, in the order picked. `first` items are taken before anything else
 * (the latest development).
 */
export function coverConcepts(
  items: readonly Coverable[],
  weights: Float64Array,
  budget: Budget,
  options: {
    first?: readonly number[];
    /** Asked only of an item about to be picked, so a costly check runs a few times, not per item. */
    rejects?: (item: number, picked: readonly number[]) => boolean;
  } = {},
): number[] {
  const covered = new Uint8Array(weights.length);
  const picked: number[] = [];
  let words = 0;
  const take = (i: number) => {
    picked.push(i);
    words += items[i]!.words;
    for (const concept of items[i]!.concepts) covered[concept] = 1;
  };
  for (const i of options.first ?? []) take(i);

  // A max-heap of (bound, item) by bound.
  const bound = new Float64Array(items.length);
  const heap: number[] = [];
  for (let i = 0; i < items.length; i++) {
    if (picked.includes(i)) continue;
    bound[i] = ratio(items[i]!, gainOf(items[i]!, weights, covered));
    heap.push(i);
  }
  const better = (a: number, b: number) => bound[a]! > bound[b]! || (bound[a] === bound[b] && a < b);
  const swap = (a: number, b: number) => {
    const t = heap[a]!;
    heap[a] = heap[b]!;
    heap[b] = t;
  };
  const down = (at: number) => {
    for (;;) {
      const left = 2 * at + 1;
      const right = left + 1;
      let top = at;
      if (left < heap.length && better(heap[left]!, heap[top]!)) top = left;
      if (right < heap.length && better(heap[right]!, heap[top]!)) top = right;
      if (top === at) return;
      swap(at, top);
      at = top;
    }
  };
  const pop = () => {
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length) {
      heap[0] = last;
      down(0);
    }
    return top;
  };
  const push = (i: number) => {
    heap.push(i);
    let at = heap.length - 1;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!better(heap[at]!, heap[parent]!)) return;
      swap(at, parent);
      at = parent;
    }
  };
  for (let i = heap.length >> 1; i >= 0; i--) down(i);

  while (heap.length && picked.length < budget.maxSentences && words < budget.maxWords) {
    const i = pop();
    const item = items[i]!;
    const gain = gainOf(item, weights, covered);
    const current = ratio(item, gain);
    if (heap.length && current < bound[heap[0]!]!) {
      bound[i] = current;
      push(i);
      continue;
    }
    if (gain <= 0) break;
    // Overshooting the word budget by more than the gap left helps nobody: a shorter one may fit.
    if (picked.length > 0 && words + item.words - budget.maxWords > budget.maxWords - words) continue;
    if (options.rejects?.(i, picked)) continue;
    take(i);
  }
  return picked;
}
