import type { Quote } from '../articles/quotes.js';
import type { Article, Sentence } from '../articles/types.js';
import { sentencesOnce } from '../corpus/article-store.js';
import { gather, type IntLists, IntListsBuilder } from '../int-lists.js';
import { compareText } from '../text/compare-text.js';
import type { Interner } from '../text/interner.js';
import { stem } from '../text/stem.js';
import { foldedWords } from '../text/words.js';
import { QuoteTable, QuoteTableBuilder } from './quote-table.js';
import { stemsOfText } from './words.js';

/** Quotes shorter than this are fragments ("open", "day one"): listed after full quotes. */
export const TINY_QUOTE_WORDS = 4;

/**
 * Quotes with the words they are searched, ranked and grouped by, one row each (row `i` of every
 * field is quote `i`): kept for every quote of the corpus, so a few flat arrays, not an object
 * and a few lists per quote.
 */
export interface QuoteRows {
  quotes: QuoteTable;
  articles: readonly Article[];
  /** Folded words of each quoted text, in order, as ids of the catalogue's word `Interner`. */
  words: IntLists;
  /** Distinct stems of each quote's words, as ids of the catalogue's stem `Interner`. */
  quoteStems: IntLists;
  /** Distinct stems of the surrounding sentence(s) that are not in the quote itself. */
  sentenceStems: IntLists;
}

/** Rows for new articles' quotes, in the order they are added. */
export class QuoteRowsBuilder {
  private readonly quotes = new QuoteTableBuilder();
  private readonly articles: Article[] = [];
  private readonly words = new IntListsBuilder();
  private readonly quoteStems = new IntListsBuilder();
  private readonly sentenceStems = new IntListsBuilder();

  constructor(
    private readonly wordIds: Interner,
    private readonly stemIds: Interner,
  ) {}

  add(article: Article, quotes: readonly Quote[]): void {
    // Several quotes often share a sentence; stem each sentence once.
    const sentenceStemsOf = new Map<number, Set<string>>();
    const stemsOfSentence = (index: number, text: string) => {
      let found = sentenceStemsOf.get(index);
      if (!found) {
        found = stemsOfText(text);
        sentenceStemsOf.set(index, found);
      }
      return found;
    };
    const sentences = quotes.length ? sentencesOnce(article) : [];
    for (const quote of quotes) {
      const words = foldedWords(quote.text);
      for (const word of words) this.words.push(this.wordIds.idOf(word));
      this.words.end();
      const quoteStems = new Set(words.map(stem));
      for (const found of quoteStems) this.quoteStems.push(this.stemIds.idOf(found));
      this.quoteStems.end();
      const sentenceStems = new Set<string>();
      for (const sentence of sentencesAround(sentences, quote)) {
        for (const found of stemsOfSentence(sentence.index, sentence.text)) {
          if (!quoteStems.has(found)) sentenceStems.add(found);
        }
      }
      for (const found of sentenceStems) this.sentenceStems.push(this.stemIds.idOf(found));
      this.sentenceStems.end();
      this.quotes.add(quote);
      this.articles.push(article);
    }
  }

  build(): QuoteRows {
    return {
      quotes: this.quotes.build(),
      articles: this.articles,
      words: this.words.build(),
      quoteStems: this.quoteStems.build(),
      sentenceStems: this.sentenceStems.build(),
    };
  }
}

/** The sentence a quote starts in and any it runs on into (attributions often follow the quote). */
function sentencesAround(sentences: readonly Sentence[], quote: Quote): Sentence[] {
  const found: Sentence[] = [];
  for (let index = quote.sentence; index < sentences.length; index++) {
    const sentence = sentences[index];
    if (!sentence || (index > quote.sentence && sentence.start >= quote.end)) break;
    found.push(sentence);
  }
  return found;
}

/** Catalogue positions already in rank order (the previous catalogue's quotes still in the corpus). */
export interface RankedRows {
  rows: QuoteRows;
  positions: readonly number[];
}

/**
 * `fresh` in catalogue order (full quotes before fragments, newest first, whole quotes before
 * partial ones, longer first), merged with quotes `kept` from the previous catalogue: their order
 * still holds, so only the new quotes are sorted, and the merge is linear.
 */
export function rankRows(fresh: QuoteRows, kept?: RankedRows): QuoteRows {
  const order = Array.from(fresh.articles.keys()).sort((a, b) => byRank(fresh, a, fresh, b));
  const keptRows = kept?.rows ?? fresh;
  const keptPositions = kept?.positions ?? [];
  const size = keptPositions.length + order.length;
  const source = new Uint8Array(size);
  const index = new Int32Array(size);
  let i = 0;
  let j = 0;
  for (let k = 0; k < size; k++) {
    const takeKept =
      j >= order.length || (i < keptPositions.length && byRank(keptRows, keptPositions[i]!, fresh, order[j]!) <= 0);
    source[k] = takeKept ? 0 : 1;
    index[k] = takeKept ? keptPositions[i++]! : order[j++]!;
  }
  const from = [keptRows, fresh];
  return {
    quotes: QuoteTable.gather([keptRows.quotes, fresh.quotes], source, index),
    articles: Array.from(index, (at, k) => from[source[k]!]!.articles[at]!),
    words: gather([keptRows.words, fresh.words], source, index),
    quoteStems: gather([keptRows.quoteStems, fresh.quoteStems], source, index),
    sentenceStems: gather([keptRows.sentenceStems, fresh.sentenceStems], source, index),
  };
}

/** A total order: quotes only tie with themselves (same article, same offset). */
function byRank(rowsA: QuoteRows, a: number, rowsB: QuoteRows, b: number): number {
  const wordsA = rowsA.words.lengthOf(a);
  const wordsB = rowsB.words.lengthOf(b);
  const articleA = rowsA.articles[a]!;
  const articleB = rowsB.articles[b]!;
  return (
    Number(wordsA < TINY_QUOTE_WORDS) - Number(wordsB < TINY_QUOTE_WORDS) ||
    compareText(articleB.date ?? '', articleA.date ?? '') ||
    Number(rowsA.quotes.isPartial(a)) - Number(rowsB.quotes.isPartial(b)) ||
    wordsB - wordsA ||
    compareText(articleA.origin, articleB.origin) ||
    rowsA.quotes.startAt(a) - rowsB.quotes.startAt(b)
  );
}
