import type { Corpus } from '../corpus/corpus.js';

export interface TimelineEntry {
  /** The day the development happened (or is expected), YYYY-MM-DD. */
  date: string;
  articleId: string;
  sentence: number;
  start: number;
  end: number;
  /** Verbatim sentence. */
  text: string;
  /** The words that dated it ("on Wednesday", "earlier today"), or null when it is the article's date. */
  when: string | null;
}

export interface TimelineOptions {
  since?: string;
  until?: string;
  /** Only developments that mention these words or this person. */
  about?: string;
  limit?: number;
}

export function buildTimeline(_corpus: Corpus, _options: TimelineOptions = {}): TimelineEntry[] {
  return [];
}
