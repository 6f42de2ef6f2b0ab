import type { EntityKind } from '../articles/people.js';
import type { Corpus } from '../corpus/corpus.js';

/** A person or organisation across the whole corpus. */
export interface Person {
  /** Stable slug of the name. */
  id: string;
  name: string;
  kind: EntityKind;
  roles: string[];
  aliases: string[];
  mentions: number;
  articleIds: string[];
  quotes: number;
}

export interface PeopleQuery {
  /** Name, surname or role words. */
  query?: string;
  kind?: EntityKind;
  limit?: number;
}

export function listPeople(_corpus: Corpus, _query: PeopleQuery = {}): Person[] {
  return [];
}
