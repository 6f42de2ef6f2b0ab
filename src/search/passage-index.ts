import type { Article } from '../articles/types.js';

/** One sentence of one article: the unit Newsdesk retrieves and cites. */
export interface Passage {
  articleId: string;
  /** Sentence index within the article. */
  sentence: number;
  start: number;
  end: number;
  text: string;
}

export interface SearchHit extends Passage {
  /** Higher is better. */
  score: number;
}

export interface SearchOptions {
  limit?: number;
  /** Restrict to these articles. */
  articleIds?: readonly string[];
}

/** Full-text index over passages, updated incrementally as articles come and go. */
export class PassageIndex {
  static open(_file?: string): PassageIndex {
    return new PassageIndex();
  }

  add(_articles: readonly Article[]): void {}

  remove(_articleIds: readonly string[]): void {}

  search(_query: string, _options: SearchOptions = {}): SearchHit[] {
    return [];
  }

  get size(): number {
    return 0;
  }

  close(): void {}
}
