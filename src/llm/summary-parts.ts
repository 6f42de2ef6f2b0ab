import type { Article } from '../articles/types.js';
import { countTokens, type NumberedPassage, sourceOf } from './prompt.js';
import { headerTokens, lineTokens, noteLine, sentencePassages } from './summary-prompt.js';
import type { VerifiedSentence } from './verify.js';

/**
 * What a model summary reads, and how it is cut into calls: the articles' sentences chosen within
 * a cost bound (`readScope`), packed into parts that fit the context window (`packParts`), and the
 * notes of a reduce round packed the same way (`packNotes`).
 */

/** Articles are never cut below their first few sentences when the input must shrink. */
const MIN_LEAD_SENTENCES = 3;

export interface ScopeInput {
  passages: NumberedPassage[];
  /** Tokens of the passages as the model is shown them. */
  tokens: number;
  articlesRead: number;
  openingsOnly: boolean;
}

/**
 * The sentences the model reads, numbered in story order (by date): all of them when they fit in
 * `maxTokens`; else the longest opening of every article that fits (at least MIN_LEAD_SENTENCES);
 * else those openings of the newest articles that fit (at least one article). The choice is made
 * on an estimate (CHARS_PER_TOKEN), since tokenising a large corpus whole would hold up everything
 * else for seconds; what is chosen is then counted with the tokenizer, and older articles dropped
 * until the count fits.
 */
export function readScope(articles: readonly Article[], maxTokens: number): ScopeInput {
  const ordered = [...articles].sort((a, b) => (a.date ?? '').localeCompare(b.date ?? ''));
  // Per article: its header's estimated tokens, and the estimated tokens of its first k sentences at [k].
  const costs = ordered.map((article) => {
    const prefix = [0];
    for (const sentence of article.sentences) prefix.push(prefix.at(-1)! + estimate(sentence.text) + LINE_OVERHEAD);
    return { header: estimate(sourceOf(article)) + HEADER_OVERHEAD, prefix };
  });
  const costOf = (i: number, lead: number) => {
    const { header, prefix } = costs[i]!;
    return header + prefix[Math.min(lead, prefix.length - 1)]!;
  };
  const total = (lead: number) => costs.reduce((sum, _, i) => sum + costOf(i, lead), 0);
  const longest = Math.max(0, ...costs.map((cost) => cost.prefix.length - 1));
  let lead = longest;
  while (lead > MIN_LEAD_SENTENCES && total(lead) > maxTokens) lead--;
  let from = ordered.length;
  let estimated = 0;
  while (from > 0 && (from === ordered.length || estimated + costOf(from - 1, lead) <= maxTokens)) {
    from--;
    estimated += costOf(from, lead);
  }
  const counted = ordered.slice(from).map((article) => {
    const passages = sentencePassages(article, 0, lead);
    return { passages, tokens: headerTokens(sourceOf(article)) + passages.reduce((sum, p) => sum + lineTokens(p), 0) };
  });
  let tokens = counted.reduce((sum, article) => sum + article.tokens, 0);
  while (counted.length > 1 && tokens > maxTokens) tokens -= counted.shift()!.tokens;
  const passages: NumberedPassage[] = [];
  for (const article of counted)
    for (const passage of article.passages) passages.push({ ...passage, n: passages.length + 1 });
  return { passages, tokens, articlesRead: counted.length, openingsOnly: lead < longest };
}

/** English news runs about four characters to a token (o200k); an estimate, checked by counting after. */
const CHARS_PER_TOKEN = 4;
/** A sentence's "[n] " and line break; an article block's tags. */
const LINE_OVERHEAD = 4;
const HEADER_OVERHEAD = 8;
const estimate = (text: string) => Math.ceil(text.length / CHARS_PER_TOKEN);

/** Consecutive passages packed into parts of at most `maxTokens` (an article may straddle two parts). */
export function packParts(passages: readonly NumberedPassage[], maxTokens: number): NumberedPassage[][] {
  return packInOrder(
    passages,
    maxTokens,
    (passage, part) =>
      lineTokens(passage) + (part.at(-1)?.articleId === passage.articleId ? 0 : headerTokens(passage.source)),
  );
}

/** Consecutive notes packed into batches of at most `maxTokens` (each note a line of the reduce prompt). */
export function packNotes(notes: readonly VerifiedSentence[], maxTokens: number): VerifiedSentence[][] {
  return packInOrder(notes, maxTokens, (note) => countTokens(noteLine(note)) + 1);
}

/**
 * `items` in order, cut into runs whose `cost` adds up to at most `maxTokens`: each run is filled
 * until the next item would overflow it (an item too large on its own still gets a run). `cost` is
 * told the run the item would join, since what an item adds may depend on what precedes it.
 */
function packInOrder<T>(items: readonly T[], maxTokens: number, cost: (item: T, run: readonly T[]) => number): T[][] {
  const runs: T[][] = [];
  let run: T[] = [];
  let used = 0;
  for (const item of items) {
    let added = cost(item, run);
    if (run.length && used + added > maxTokens) {
      runs.push(run);
      run = [];
      used = 0;
      added = cost(item, run);
    }
    used += added;
    run.push(item);
  }
  if (run.length) runs.push(run);
  return runs;
}

/** The article sentences a batch of notes rests on: what its combined sentences are verified against. */
export function citedPassages(
  notes: readonly VerifiedSentence[],
  byNumber: ReadonlyMap<number, NumberedPassage>,
): NumberedPassage[] {
  const numbers = [...new Set(notes.flatMap((note) => note.passages.map((p) => p.n)))].sort((a, b) => a - b);
  return numbers.map((n) => byNumber.get(n)).filter((p): p is NumberedPassage => p !== undefined);
}
