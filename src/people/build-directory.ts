import type { EntityInArticle, EntityKind } from '../articles/people.js';
import type { Quote } from '../articles/quotes.js';
import type { Article } from '../articles/types.js';
import type { Person } from './directory.js';
import { looksLikeName, memoise, nameKey, roleKey, singularRole, slugOf, surnameOf } from './names.js';
import { abbreviationOf, mergeSpellings, misspelledSurname } from './spelling-variants.js';

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
  /** Kinds read from the text around a name; they outvote kinds guessed from its shape. */
  cuedKinds: Map<EntityKind, number>;
  roles: Map<string, { text: string; count: number; latest: string }>;
  aliases: Map<string, string>;
  mentions: number;
  /** Article id to its date, so the list can be ordered newest first. */
  articles: Map<string, string>;
  quotes: number;
}

/**
 * One article's names with their keys worked out. Keying is most of the cost of merging, and an
 * article's keys never change, so the directory keys each article once and keeps the result
 * across corpus changes: a rebuild after one new article only merges. Flat lists, each exactly
 * as long as it needs (they are kept for every article), not an object per name: a corpus names
 * hundreds of thousands.
 */
export interface KeyedArticle {
  article: Article;
  /**
   * The entities that have a key, entity i in slot i of each list, without what merging never
   * reads (the mentions' offsets).
   */
  names: string[];
  keys: string[];
  /** Surname key of each person's full name, for resolving lone surnames; '' when not needed. */
  surnames: string[];
  /** The entities' numbers, `ENTITY_FIELDS` per entity (see `kindOf`, `roleRange`, …), in one array. */
  numbers: Int32Array;
  /** The entities' roles as written, entity after entity, in the order of `entity.roles`. */
  roles: string[];
  /** The key of each of `roles`. */
  roleKeys: string[];
  /** The entities' aliases and their keys, likewise. */
  aliases: string[];
  aliasKeys: string[];
  /** Names of the article's quotes' speakers that could name someone (see `looksLikeName`). */
  speakerNames: string[];
  /** Each speaker's role as written, '' when none is given. */
  speakerRoles: string[];
  speakerKeys: string[];
  /** Key of each speaker's role, '' when none is given. */
  speakerRoleKeys: string[];
}

/** An entity's numbers in `KeyedArticle.numbers`: its kind (of `KINDS`), 1 when the kind is cued, its mentions, and where its roles and its aliases start. */
const KIND = 0;
const KIND_CUED = 1;
const MENTIONS = 2;
const ROLES_START = 3;
const ALIASES_START = 4;
const ENTITY_FIELDS = 5;
const KINDS: readonly EntityKind[] = ['person', 'organisation', 'place', 'other'];

function kindOf(keyed: KeyedArticle, index: number): EntityKind {
  return KINDS[keyed.numbers[index * ENTITY_FIELDS + KIND]!]!;
}

/**
 * Where entity `index`'s entries of a per-entity list start and end (from, to): the list's start is
 * the entity's number at `field`, its end the next entity's start or the list's length.
 */
function rangeOf(keyed: KeyedArticle, index: number, field: number, length: number): [number, number] {
  const next = index + 1 < keyed.keys.length ? keyed.numbers[(index + 1) * ENTITY_FIELDS + field]! : length;
  return [keyed.numbers[index * ENTITY_FIELDS + field]!, next];
}

/** Where entity `index`'s roles are in `roles` and `roleKeys`: from, to. */
const roleRange = (keyed: KeyedArticle, index: number) => rangeOf(keyed, index, ROLES_START, keyed.roleKeys.length);

/** Where entity `index`'s aliases are in `aliases` and `aliasKeys`: from, to. */
const aliasRange = (keyed: KeyedArticle, index: number) => rangeOf(keyed, index, ALIASES_START, keyed.aliasKeys.length);

/** The name functions merging uses, memoised; one set serves every article of a corpus. */
export interface NameKeys {
  keyOf: (name: string) => string;
  /** One key per role however it is spelled ("U.S. President", "United States President"). */
  roleOf: (role: string) => string;
  surname: (name: string) => string;
  nameLike: (name: string) => boolean;
}

export function nameKeys(): NameKeys {
  return {
    keyOf: memoise(nameKey),
    roleOf: memoise(roleKey),
    surname: memoise(surnameOf),
    nameLike: memoise(looksLikeName),
  };
}

export function keyArticle({ article, entities, quotes }: AnalysedArticle, keys: NameKeys): KeyedArticle {
  const names: string[] = [];
  const entityKeys: string[] = [];
  const surnames: string[] = [];
  const numbers: number[] = [];
  const roles: string[] = [];
  const roleKeys: string[] = [];
  const aliases: string[] = [];
  const aliasKeys: string[] = [];
  for (const entity of entities) {
    const key = keys.keyOf(entity.name);
    if (!key) continue;
    names.push(entity.name);
    entityKeys.push(key);
    surnames.push(entity.kind === 'person' && key.includes(' ') ? keys.surname(entity.name) : '');
    numbers.push(
      KINDS.indexOf(entity.kind),
      entity.kindCued === true ? 1 : 0,
      entity.mentions,
      roleKeys.length,
      aliasKeys.length,
    );
    for (const role of entity.roles) {
      roles.push(role);
      roleKeys.push(keys.roleOf(role));
    }
    for (const alias of entity.aliases) {
      aliases.push(alias);
      aliasKeys.push(keys.keyOf(alias));
    }
  }
  const speakerNames: string[] = [];
  const speakerRoles: string[] = [];
  const speakerKeys: string[] = [];
  const speakerRoleKeys: string[] = [];
  for (const quote of quotes) {
    const speaker = quote.speaker;
    if (!speaker || !keys.nameLike(speaker.name)) continue;
    speakerNames.push(speaker.name);
    speakerRoles.push(speaker.role ?? '');
    speakerKeys.push(keys.keyOf(speaker.name));
    speakerRoleKeys.push(speaker.role ? keys.roleOf(speaker.role) : '');
  }
  // Copied at their length: a list grown one item at a time keeps spare room, and these are kept.
  return {
    article,
    names: names.slice(),
    keys: entityKeys.slice(),
    surnames: surnames.slice(),
    numbers: Int32Array.from(numbers),
    roles: roles.slice(),
    roleKeys: roleKeys.slice(),
    aliases: aliases.slice(),
    aliasKeys: aliasKeys.slice(),
    speakerNames: speakerNames.slice(),
    speakerRoles: speakerRoles.slice(),
    speakerKeys: speakerKeys.slice(),
    speakerRoleKeys: speakerRoleKeys.slice(),
  };
}

/** An entity of a keyed article. */
interface EntityAt {
  keyed: KeyedArticle;
  index: number;
}

/**
 * Merges the people and organisations named in each article into one entry per real-world name:
 * the same full name (initials and honorifics aside) or another spelling of it, a lone surname or
 * alias that points at exactly one full name, an abbreviation of one name, or a surname its own
 * article misspells (see spelling-variants.ts). Ambiguous surnames ("Smith" when two Smiths are
 * named) stay apart rather than being guessed.
 */
export function mergePeople(keyed: readonly KeyedArticle[], keys: NameKeys): Person[] {
  const tallies = new Map<string, Tally>();
  const shortForms = new Map<string, Set<string>>();
  const singles: EntityAt[] = [];

  const fullKeys = new Map<string, number>();
  for (const article of keyed) {
    for (const key of article.keys) if (key.includes(' ')) fullKeys.set(key, (fullKeys.get(key) ?? 0) + 1);
  }
  const respelled = mergeSpellings(fullKeys);
  const canonical = (key: string) => respelled.get(key) ?? key;

  for (const article of keyed) {
    article.keys.forEach((own, index) => {
      if (!own.includes(' ')) {
        singles.push({ keyed: article, index });
        return;
      }
      const key = canonical(own);
      addEntity(tallyFor(tallies, key), { keyed: article, index }, true);
      const surname = article.surnames[index]!;
      if (surname) noteShortForm(shortForms, surname, key);
      const [from, to] = aliasRange(article, index);
      for (let i = from; i < to; i++) noteShortForm(shortForms, article.aliasKeys[i]!, key);
    });
  }

  // Abbreviations of the names that are not people's ("AP" for "Associated Press", "US").
  const abbreviations = new Map<string, Set<string>>();
  for (const [key, tally] of tallies) {
    const abbreviation = abbreviationOf(key);
    if (abbreviation && mostFrequent(tally.kinds, 'person') !== 'person') {
      noteShortForm(abbreviations, abbreviation, key);
    }
  }

  const resolve = (key: string): string | null => {
    if (!key) return null;
    const full = canonical(key);
    if (tallies.has(full) && full.includes(' ')) return full;
    const targets = shortForms.get(key);
    if (targets?.size === 1) return [...targets][0] ?? null;
    return tallies.has(key) ? key : null;
  };

  /** A lone word that is no known short form: an abbreviation, or a typo of a surname beside it. */
  const resolveRespelled = ({ keyed: article }: EntityAt, key: string): string | null => {
    if (shortForms.has(key)) return null;
    const expanded = abbreviations.get(key);
    if (expanded?.size === 1) return [...expanded][0] ?? null;
    // The article's surnames, given with the full name or alone ("Kowalsky" for "Piotr Kowalskyy").
    const surnames = [...article.surnames];
    const owners = article.keys.map(canonical);
    for (const other of article.keys) {
      const target = other.includes(' ') ? null : resolve(other);
      if (target?.includes(' ')) {
        surnames.push(other);
        owners.push(target);
      }
    }
    const misspelled = misspelledSurname(key, surnames, owners);
    return misspelled === null ? null : canonical(misspelled);
  };

  for (const single of singles) {
    const own = single.keyed.keys[single.index]!;
    const key = resolve(own) ?? resolveRespelled(single, own) ?? own;
    const tally = tallyFor(tallies, key);
    // A surname merged into a full name is an alias of it, never a candidate for the display name.
    addEntity(tally, single, key === own);
    if (key !== own) addAlias(tally, single.keyed.names[single.index]!, own);
  }

  for (const { article, speakerNames, speakerRoles, speakerKeys, speakerRoleKeys } of keyed) {
    speakerNames.forEach((name, index) => {
      const own = speakerKeys[index]!;
      const key = resolve(own) ?? own;
      if (!key) return;
      const tally = tallyFor(tallies, key);
      if (!tally.kinds.size) tally.kinds.set('person', 1);
      if (!tally.spellings.size && key === own) tally.spellings.set(name.trim(), 1);
      tally.quotes += 1;
      tally.articles.set(article.id, article.date ?? '');
      const role = speakerRoles[index]!;
      if (role) addRole(tally, role, speakerRoleKeys[index]!, article.date ?? '');
    });
  }

  return [...tallies.values()].map((tally) => toPerson(tally, keys.keyOf)).sort(byProminence);
}

function tallyFor(tallies: Map<string, Tally>, key: string): Tally {
  let tally = tallies.get(key);
  if (!tally) {
    tally = {
      key,
      spellings: new Map(),
      kinds: new Map(),
      cuedKinds: new Map(),
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

function addEntity(tally: Tally, { keyed, index }: EntityAt, isOwnName: boolean): void {
  const name = keyed.names[index]!;
  const kind = kindOf(keyed, index);
  if (isOwnName) tally.spellings.set(name, (tally.spellings.get(name) ?? 0) + 1);
  tally.kinds.set(kind, (tally.kinds.get(kind) ?? 0) + 1);
  if (keyed.numbers[index * ENTITY_FIELDS + KIND_CUED]) tally.cuedKinds.set(kind, (tally.cuedKinds.get(kind) ?? 0) + 1);
  const date = keyed.article.date ?? '';
  const [rolesFrom, rolesTo] = roleRange(keyed, index);
  for (let i = rolesFrom; i < rolesTo; i++) addRole(tally, keyed.roles[i]!, keyed.roleKeys[i]!, date);
  const [from, to] = aliasRange(keyed, index);
  for (let i = from; i < to; i++) addAlias(tally, keyed.aliases[i]!, keyed.aliasKeys[i]!);
  tally.mentions += keyed.numbers[index * ENTITY_FIELDS + MENTIONS]!;
  tally.articles.set(keyed.article.id, keyed.article.date ?? '');
}

/** A role keeps the wording of the newest article that gives it (singular: "Presidents Holm and Ek"). */
function addRole(tally: Tally, role: string, key: string, date: string): void {
  if (!key) return;
  const text = singularRole(role.trim());
  const seen = tally.roles.get(key);
  if (!seen) tally.roles.set(key, { text, count: 1, latest: date });
  else {
    seen.count += 1;
    if (date > seen.latest) [seen.text, seen.latest] = [text, date];
  }
}

function addAlias(tally: Tally, alias: string, key: string): void {
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
    kind: mostFrequent(tally.cuedKinds.size ? tally.cuedKinds : tally.kinds, 'person'),
    // As the latest article gives them, then the most used; Map order keeps the first seen ahead on ties.
    roles: [...tally.roles.values()]
      .sort((a, b) => (a.latest < b.latest ? 1 : a.latest > b.latest ? -1 : b.count - a.count))
      .map((role) => role.text),
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
