import type { Quote } from '../articles/quotes.js';
import type { Article } from '../articles/types.js';
import { sharedWord } from '../text/shared-words.js';

/**
 * Quotes as columns, one row each, holding what a `Quote` says that its article does not: the
 * text is the article's between the offsets and the id is made from them, so neither is kept.
 * Kept for every quote of the corpus, where the decoded quotes (an object, a speaker and a
 * mention apiece, with their own strings) cost several times as much.
 */
export class QuoteTable {
  constructor(private readonly columns: QuoteColumns) {}

  /** One row per pick: row `index[k]` of `sources[source[k]]`, in order. */
  static gather(sources: readonly QuoteTable[], source: Uint8Array, index: Int32Array): QuoteTable {
    const columns = (k: number) => sources[source[k]!]!.columns;
    const ints = (column: (of: QuoteColumns) => Int32Array) =>
      Int32Array.from(index, (row, k) => column(columns(k))[row]!);
    const texts = (column: (of: QuoteColumns) => (string | null)[]) =>
      Array.from(index, (row, k) => column(columns(k))[row] ?? null);
    const continues = new Map<number, string>();
    index.forEach((row, k) => {
      const continued = columns(k).continues.get(row);
      if (continued !== undefined) continues.set(k, continued);
    });
    return new QuoteTable({
      start: ints((of) => of.start),
      end: ints((of) => of.end),
      sentence: ints((of) => of.sentence),
      partial: Uint8Array.from(index, (row, k) => columns(k).partial[row]!),
      speaker: texts((of) => of.speaker),
      role: texts((of) => of.role),
      mentionStart: ints((of) => of.mentionStart),
      mentionEnd: ints((of) => of.mentionEnd),
      mentionText: texts((of) => of.mentionText),
      cue: texts((of) => of.cue),
      continues,
    });
  }

  get size(): number {
    return this.columns.start.length;
  }

  startAt(row: number): number {
    return this.columns.start[row]!;
  }

  endAt(row: number): number {
    return this.columns.end[row]!;
  }

  isPartial(row: number): boolean {
    return this.columns.partial[row] === 1;
  }

  /** The speaker's name as the article's analysis gives it, or null when the quote has none. */
  speakerAt(row: number): string | null {
    return this.columns.speaker[row] ?? null;
  }

  /**
   * Row `row` as a `Quote` of `article`, the speaker named `speaker` (null: unattributed), and
   * with its fields in the order the analysis gives them.
   */
  quoteAt(row: number, article: Article, speaker = this.speakerAt(row)): Quote {
    const { start, end, partial, role, mentionStart, mentionEnd, mentionText, cue, sentence, continues } = this.columns;
    const from = start[row]!;
    const to = end[row]!;
    const mentionFrom = mentionStart[row]!;
    const continued = continues.get(row);
    return {
      id: `${article.id}:${from}-${to}`,
      articleId: article.id,
      start: from,
      end: to,
      text: article.text.slice(from, to),
      partial: partial[row] === 1,
      speaker:
        speaker === null
          ? null
          : {
              name: speaker,
              role: role[row] ?? null,
              mention:
                mentionFrom < 0 ? null : { start: mentionFrom, end: mentionEnd[row]!, text: mentionText[row] ?? '' },
            },
      cue: cue[row] ?? null,
      sentence: sentence[row]!,
      ...(continued !== undefined ? { continues: continued } : {}),
    };
  }
}

interface QuoteColumns {
  start: Int32Array;
  end: Int32Array;
  sentence: Int32Array;
  /** 1 for a partial quote. */
  partial: Uint8Array;
  speaker: (string | null)[];
  role: (string | null)[];
  /** -1 when the speaker has no mention. */
  mentionStart: Int32Array;
  mentionEnd: Int32Array;
  mentionText: (string | null)[];
  cue: (string | null)[];
  /** The id each continuing quote continues, by row (few quotes have one). */
  continues: Map<number, string>;
}

/** A table of quotes, added one at a time. */
export class QuoteTableBuilder {
  private readonly start: number[] = [];
  private readonly end: number[] = [];
  private readonly sentence: number[] = [];
  private readonly partial: number[] = [];
  private readonly speaker: (string | null)[] = [];
  private readonly role: (string | null)[] = [];
  private readonly mentionStart: number[] = [];
  private readonly mentionEnd: number[] = [];
  private readonly mentionText: (string | null)[] = [];
  private readonly cue: (string | null)[] = [];
  private readonly continues = new Map<number, string>();

  add(quote: Quote): void {
    const { speaker } = quote;
    const mention = speaker?.mention;
    if (quote.continues !== undefined) this.continues.set(this.start.length, quote.continues);
    this.start.push(quote.start);
    this.end.push(quote.end);
    this.sentence.push(quote.sentence);
    this.partial.push(quote.partial ? 1 : 0);
    this.speaker.push(speaker?.name ?? null);
    this.role.push(speaker?.role ?? null);
    this.mentionStart.push(mention?.start ?? -1);
    this.mentionEnd.push(mention?.end ?? -1);
    // Mentions repeat ("he", a surname): one copy of each.
    this.mentionText.push(mention ? sharedWord(mention.text) : null);
    this.cue.push(quote.cue);
  }

  build(): QuoteTable {
    return new QuoteTable({
      start: Int32Array.from(this.start),
      end: Int32Array.from(this.end),
      sentence: Int32Array.from(this.sentence),
      partial: Uint8Array.from(this.partial),
      speaker: this.speaker,
      role: this.role,
      mentionStart: Int32Array.from(this.mentionStart),
      mentionEnd: Int32Array.from(this.mentionEnd),
      mentionText: this.mentionText,
      cue: this.cue,
      continues: this.continues,
    });
  }
}
