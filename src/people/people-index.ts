import { queryStems } from '../quotes/words.js';
import { stem } from '../text/stem.js';
import { queryWords } from '../text/words.js';
import type { Person } from './directory.js';
import { isSpellingOf, nameKey, nameWords, surnameOf } from './names.js';

/** How well a query names a person: the full name beats a surname or alias, which beats role words. */
export const MATCH_FULL_NAME = 3;
export const MATCH_NAME_WORDS = 2;
export const MATCH_ROLE_WORDS = 1;

export interface PersonMatch {
  /** Position of the person in `PeopleIndex.people` (most prominent first). */
  index: number;
  person: Person;
  score: number;
}

/**
 * Lookups over the merged people list: resolving a name as written in an article, and matching a
 * user's words ("Lund", "press secretary", "President Holm") against names, aliases and roles.
 * Built once per corpus version; every lookup touches only the people that share a query word.
 */
export class PeopleIndex {
  private readonly byKey = new Map<string, number>();
  private readonly byShortForm = new Map<string, Set<number>>();
  private readonly byNameWord = new Map<string, number[]>();
  private readonly byRoleStem = new Map<string, number[]>();
  /** Name words by their first two letters, built on the first query that needs another spelling. */
  private byNameStart: Map<string, string[]> | null = null;

  constructor(readonly people: readonly Person[]) {
    people.forEach((person, index) => {
      const key = nameKey(person.name);
      if (!this.byKey.has(key)) this.byKey.set(key, index);
      const shortForms = new Set([surnameOf(person.name), ...person.aliases.map(nameKey)]);
      shortForms.delete(key);
      for (const short of shortForms) addTo(this.byShortForm, short, index);
      const words = new Set([person.name, ...person.aliases].flatMap(nameWords));
      for (const word of words) pushTo(this.byNameWord, word, index);
      const roleStems = new Set(person.roles.flatMap((role) => queryStems(role)));
      for (const stem of roleStems) pushTo(this.byRoleStem, stem, index);
    });
  }

  /** The person a name refers to: the same full name, or a surname or alias only one person has. */
  resolve(name: string): number | null {
    const key = nameKey(name);
    if (!key) return null;
    const exact = this.byKey.get(key);
    if (exact !== undefined && key.includes(' ')) return exact;
    const targets = this.byShortForm.get(key);
    if (targets?.size === 1) return [...targets][0] ?? null;
    return exact ?? null;
  }

  /** People every content word of the query points at, best match first, then most mentioned. */
  match(query: string): PersonMatch[] {
    const words = queryWords(query);
    if (!words.length) return [];
    const queryKey = nameKey(query);
    const [first, ...rest] = words.map((word) => this.peopleNamedBy(word));
    let candidates = first ?? new Set<number>();
    for (const found of rest) candidates = new Set([...candidates].filter((index) => found.has(index)));
    // "the palace aide" for the one "royal palace aide": a description's head word names the
    // role when its other words are the article's, not the role's.
    if (!candidates.size && words.length > 1) {
      const holders = this.byRoleStem.get(stem(words.at(-1)!)) ?? [];
      if (new Set(holders).size === 1) candidates = new Set(holders);
    }
    const matches: PersonMatch[] = [];
    for (const index of candidates) {
      const person = this.people[index];
      if (person) matches.push({ index, person, score: this.score(person, index, queryKey, words) });
    }
    return matches.sort((a, b) => b.score - a.score || a.index - b.index);
  }

  private peopleNamedBy(word: string): Set<number> {
    const found = new Set([...(this.byNameWord.get(word) ?? []), ...(this.byRoleStem.get(stem(word)) ?? [])]);
    if (found.size) return found;
    // "Kowalskiy" when the articles write "Kowalskyy": a name word spelled another way.
    for (const spelling of this.spellingsOf(word))
      for (const index of this.byNameWord.get(spelling) ?? []) found.add(index);
    return found;
  }

  /** Name words that are another spelling of `word` (see `isSpellingOf`), by their first two letters. */
  private spellingsOf(word: string): string[] {
    if (!this.byNameStart) {
      this.byNameStart = new Map();
      for (const name of this.byNameWord.keys()) pushTo(this.byNameStart, name.slice(0, 2), name);
    }
    return (this.byNameStart.get(word.slice(0, 2)) ?? []).filter((name) => isSpellingOf(word, name));
  }

  private score(person: Person, index: number, queryKey: string, words: readonly string[]): number {
    if (queryKey === nameKey(person.name)) return MATCH_FULL_NAME;
    const namesIt = words.some((word) => this.byNameWord.get(word)?.includes(index));
    return namesIt ? MATCH_NAME_WORDS : MATCH_ROLE_WORDS;
  }
}

function pushTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function addTo(map: Map<string, Set<number>>, key: string, value: number): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}
