import type { Article, TextSpan } from './types.js';

export type EntityKind = 'person' | 'organisation' | 'place' | 'other';

/** A person, organisation or place named in one article. */
export interface EntityInArticle {
  /** The fullest name the article uses ("Karoline Leavitt"). */
  name: string;
  kind: EntityKind;
  /** Roles and titles as the article gives them ("White House Press Secretary"). */
  roles: string[];
  /** Shorter forms the article also uses ("Leavitt"). */
  aliases: string[];
  mentions: number;
  /** Offsets of every mention, full or short form. */
  spans: TextSpan[];
}

export function extractEntities(_article: Article): EntityInArticle[] {
  return [];
}
