import type { EntityInArticle } from './people.js';
import type { Article, TextSpan } from './types.js';

export interface Speaker {
  /** Full name as the article gives it ("Karoline Leavitt"), or the surface mention when unresolved. */
  name: string;
  /** Role or title as the article gives it ("White House Press Secretary"), when it does. */
  role: string | null;
  /** The words in the attribution that name the speaker ("Leavitt", "he"), with their offsets. */
  mention: (TextSpan & { text: string }) | null;
}

export interface Quote extends TextSpan {
  /** Stable: derived from article id and offsets. */
  id: string;
  articleId: string;
  /** Exactly `article.text.slice(start, end)`: the words inside the quotation marks. */
  text: string;
  /** True when the quoted words are a fragment inside a sentence of reported speech. */
  partial: boolean;
  speaker: Speaker | null;
  /** The attribution cue ("said", "told", "added", "wrote", "in a post"). */
  cue: string | null;
  /** Index of the sentence the quote starts in. */
  sentence: number;
}

export function extractQuotes(_article: Article, _entities: readonly EntityInArticle[]): Quote[] {
  return [];
}
