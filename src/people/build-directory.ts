import type { EntityInArticle, EntityKind } from '../articles/people.js';
import type { Quote } from '../articles/quotes.js';
import type { Article } from '../articles/types.js';
import type { Person } from './directory.js';
import { looksLikeName, memoise, nameKey, slugOf, surnameOf } from './names.js';

/** What the directory is built from: each article with its analysis, in any order. */
export interface AnalysedArticle {
  article: Article;
  entities: readonly EntityInArticle[];
  quotes: readonly Quote[];
}

interface Tally {
  key: string;
  spellings: Map<string, number>;
  kinds: Map<EntityKind, number>;
  roles: Map<string, { text: string; count: number }>;
  aliases: Map<string, string>;
  mentions: number;
  /** Article id to its date, so the list can be ordered newest first. */
  articles: Map<string, string>;
  quotes: number;
}

/**
 * Merges the people and organisations named in each article into one entry per real-world name:
 * the same full name (initials and honorifics aside), or a lone surname or alias that points at
 * exactly one full name. Ambiguous surnames ("Smith" when two Smiths are named) stay apart rather
 * than being guessed.
 */
export function mergePeople(analysed: readonly AnalysedArticle[]): Person[] {
  const keyOf = memoise(nameKey);
  const surname = memoise(surnameOf);
  const nameLike = memoise(looksLikeName);
  const tallies = new Map<string, Tally>();
  const shortForms = new Map<string, Set<string>>();
  const singles: Array<{ entity: EntityInArticle; article: Article }> = [];

  for (const { article, entities } of analysed) {
    for (const entity of entities) {
      const key = keyOf(entity.name);
      if (!key) continue;
      if (!key.includes(' ')) {
        singles.push({ entity, article });
        continue;
      }
      addEntity(tallyFor(tallies, key), entity, article, true, keyOf);
      if (entity.kind === 'person') noteShortForm(shortForms, surname(entity.name), key);
      for (const alias of entity.aliases) noteShortForm(shortForms, keyOf(alias), key);
    }
  }

  const resolve = (name: string): string | null => {
    const key = keyOf(name);
    if (!key) return null;
    if (tallies.has(key) && key.includes(' ')) return key;
    const targets = shortForms.get(key);
    if (targets?.size === 1) return [...targets][0] ?? null;
    return tallies.has(key) ? key : null;
  };

  for (const { entity, article } of singles) {
    const own = keyOf(entity.name);
    const key = resolve(entity.name) ?? own;
    const tally = tallyFor(tallies, key);
    // A surname merged into a full name is an alias of it, never a candidate for the display name.
    addEntity(tally, entity, article, key === own, keyOf);
    if (key !== own) addAlias(tally, entity.name, keyOf);
  }

  for (const { article, quotes } of analysed) {
    for (const quote of quotes) {
      const speaker = quote.speaker;
      if (!speaker || !nameLike(speaker.name)) continue;
      const own = keyOf(speaker.name);
      const key = resolve(speaker.name) ?? own;
      if (!key) continue;
      const tally = tallyFor(tallies, key);
      if (!tally.kinds.size) tally.kinds.set('person', 1);
      if (!tally.spellings.size && key === own) tally.spellings.set(speaker.name.trim(), 1);
      tally.quotes += 1;
      tally.articles.set(article.id, article.date ?? '');
      if (speaker.role) addRole(tally, speaker.role, keyOf);
    }
  }

  return [...tallies.values()].map((tally) => toPerson(tally, keyOf)).sort(byProminence);
}

function tallyFor(tallies: Map<string, Tally>, key: string): Tally {
  let tally = tallies.get(key);
  if (!tally) {
    tally = {
      key,
      spellings: new Map(),
      kinds: new Map(),
      roles: new Map(),
      aliases: new Map(),
      mentions: 0,
      articles: new Map(),
      quotes: 0,
    };
    tallies.set(key, tally);
  }
  return tally;
}

function noteShortForm(shortForms: Map<string, Set<string>>, short: string, key: string): void {
  if (!short || short === key) return;
  let targets = shortForms.get(short);
  if (!targets) {
    targets = new Set();
    shortForms.set(short, targets);
  }
  targets.add(key);
}

type KeyOf = (name: string) => string;

function addEntity(tally: Tally, entity: EntityInArticle, article: Article, isOwnName: boolean, keyOf: KeyOf): void {
  if (isOwnName) tally.spellings.set(entity.name, (tally.spellings.get(entity.name) ?? 0) + 1);
  tally.kinds.set(entity.kind, (tally.kinds.get(entity.kind) ?? 0) + 1);
  for (const role of entity.roles) addRole(tally, role, keyOf);
  for (const alias of entity.aliases) addAlias(tally, alias, keyOf);
  tally.mentions += entity.mentions;
  tally.articles.set(article.id, article.date ?? '');
}

function addRole(tally: Tally, role: string, keyOf: KeyOf): void {
  const key = keyOf(role);
  if (!key) return;
  const seen = tally.roles.get(key);
  if (seen) seen.count += 1;
  else tally.roles.set(key, { text: role.trim(), count: 1 });
}

function addAlias(tally: Tally, alias: string, keyOf: KeyOf): void {
  const key = keyOf(alias);
  if (key && !tally.aliases.has(key)) tally.aliases.set(key, alias.trim());
}

function mostFrequent<T>(counts: Map<T, number>, fallback: T): T {
  let best = fallback;
  let bestCount = 0;
  for (const [value, count] of counts) {
    if (count > bestCount) {
      best = value;
      bestCount = count;
    }
  }
  return best;
}

function toPerson(tally: Tally, keyOf: KeyOf): Person {
  const name = mostFrequent(tally.spellings, tally.key);
  const nameKeyOfPerson = keyOf(name);
  const aliases = new Set<string>();
  for (const [key, alias] of tally.aliases) if (key !== nameKeyOfPerson) aliases.add(alias);
  for (const spelling of tally.spellings.keys()) if (spelling !== name) aliases.add(spelling);
  return {
    id: slugOf(name) || tally.key,
    name,
    kind: mostFrequent(tally.kinds, 'person'),
    // Map iteration keeps first-seen order, so equally frequent roles keep the order they appeared in.
    roles: [...tally.roles.values()].sort((a, b) => b.count - a.count).map((role) => role.text),
    aliases: [...aliases],
    mentions: tally.mentions,
    // ISO days compare correctly as plain strings, and far faster than with localeCompare.
    articleIds: [...tally.articles].sort((a, b) => (a[1] < b[1] ? 1 : a[1] > b[1] ? -1 : 0)).map(([id]) => id),
    quotes: tally.quotes,
  };
}

function byProminence(a: Person, b: Person): number {
  return (
    b.mentions - a.mentions ||
    b.quotes - a.quotes ||
    b.articleIds.length - a.articleIds.length ||
    a.name.localeCompare(b.name)
  );
}
