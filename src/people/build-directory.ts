import type { EntityInArticle, EntityKind } from '../articles/people.js';
import type { Quote } from '../articles/quotes.js';
import type { Article } from '../articles/types.js';
import { compareText } from '../text/compare-text.js';
import { Vocabulary } from '../text/vocabulary.js';
import { keptSmallUints, type SmallUints } from '../typed-arrays.js';
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
  /**
   * The articles naming it, by their place in the keyed articles, in the order first named there
   * (repeats included, left out when listed): a map of ids to dates per name held a few entries for
   * every article of the corpus while the directory was built.
   */
  articles: number[];
  quotes: number;
}

/** Where each part of a keyed article's numbers starts (see `KeyedArticle`): the header's slots. */
const ENTITIES = 0;
const ROLES = 1;
const ALIASES = 2;
const SPEAKERS = 3;
const HEADER = 4;

/** An entity's numbers: its kind (of `KINDS`), 1 when the kind is cued, its mentions, and where its roles and its aliases start. */
const KIND = 0;
const KIND_CUED = 1;
const MENTIONS = 2;
const ROLES_START = 3;
const ALIASES_START = 4;
const ENTITY_FIELDS = 5;
const KINDS: readonly EntityKind[] = ['person', 'organisation', 'place', 'other'];

/**
 * One article's names with their keys worked out. Keying is most of the cost of merging, and an
 * article's keys never change, so the directory keys each article once and keeps the result
 * across corpus changes: a rebuild after one new article only merges. Kept for every article, so
 * one array of small numbers each, strings by their number in the shared `NameKeys.strings`: eleven
 * lists of strings per article were most of the directory's memory.
 *
 * The numbers, part after part: how many entities, roles, aliases and speakers; each entity's
 * name, key and surname key (entity i in slot i); the entities' fields (`ENTITY_FIELDS` each); the
 * roles as written and their keys; the aliases and their keys; each speaker's name, role, key and
 * role key.
 */
export class KeyedArticle {
  /** Where the parts start in `numbers`. */
  private readonly names: number;
  private readonly fields: number;
  private readonly roles: number;
  private readonly aliases: number;
  private readonly speakers: number;

  constructor(
    readonly article: Article,
    private readonly numbers: SmallUints,
    private readonly strings: Vocabulary,
  ) {
    const entities = numbers[ENTITIES]!;
    this.names = HEADER;
    this.fields = this.names + 3 * entities;
    this.roles = this.fields + ENTITY_FIELDS * entities;
    this.aliases = this.roles + 2 * numbers[ROLES]!;
    this.speakers = this.aliases + 2 * numbers[ALIASES]!;
  }

  /** The entities that have a key, in the analysis's order. */
  get entityCount(): number {
    return this.numbers[ENTITIES]!;
  }

  /** The names quotes are attributed to that could name someone (see `looksLikeName`). */
  get speakerCount(): number {
    return this.numbers[SPEAKERS]!;
  }

  private string(at: number): string {
    return this.strings.words[this.numbers[at]!]!;
  }

  private field(entity: number, field: number): number {
    return this.numbers[this.fields + entity * ENTITY_FIELDS + field]!;
  }

  nameOf(entity: number): string {
    return this.string(this.names + 3 * entity);
  }

  keyOf(entity: number): string {
    return this.string(this.names + 3 * entity + 1);
  }

  /** Surname key of a person's full name, for resolving lone surnames; '' when not needed. */
  surnameOf(entity: number): string {
    return this.string(this.names + 3 * entity + 2);
  }

  kindOf(entity: number): EntityKind {
    return KINDS[this.field(entity, KIND)]!;
  }

  isKindCued(entity: number): boolean {
    return this.field(entity, KIND_CUED) === 1;
  }

  mentionsOf(entity: number): number {
    return this.field(entity, MENTIONS);
  }

  /** Where the entity's roles are among the article's (see `roleAt`): from, to. */
  roleRange(entity: number): [number, number] {
    return this.range(entity, ROLES_START, ROLES);
  }

  /** Role `i` of the article's entities, as written and keyed. */
  roleAt(i: number): { text: string; key: string } {
    return { text: this.string(this.roles + 2 * i), key: this.string(this.roles + 2 * i + 1) };
  }

  /** Where the entity's aliases are among the article's (see `aliasAt`): from, to. */
  aliasRange(entity: number): [number, number] {
    return this.range(entity, ALIASES_START, ALIASES);
  }

  /** Alias `i` of the article's entities, as written and keyed. */
  aliasAt(i: number): { text: string; key: string } {
    return { text: this.string(this.aliases + 2 * i), key: this.string(this.aliases + 2 * i + 1) };
  }

  /** An entity's part of a list (roles or aliases): from its start field to the next entity's, or the list's count. */
  private range(entity: number, startField: number, countSlot: number): [number, number] {
    const to = entity + 1 < this.entityCount ? this.field(entity + 1, startField) : this.numbers[countSlot]!;
    return [this.field(entity, startField), to];
  }

  /** Speaker `index`: the name, the role as written ('' when none), and their keys. */
  speakerAt(index: number): { name: string; role: string; key: string; roleKey: string } {
    const at = this.speakers + 4 * index;
    return { name: this.string(at), role: this.string(at + 1), key: this.string(at + 2), roleKey: this.string(at + 3) };
  }
}

/** The name functions merging uses, memoised; one set serves every article of a corpus. */
export interface NameKeys {
  keyOf: (name: string) => string;
  /** One key per role however it is spelled ("U.S. President", "United States President"). */
  roleOf: (role: string) => string;
  surname: (name: string) => string;
  nameLike: (name: string) => boolean;
  /**
   * The strings keyed articles keep, by number (names, keys, roles), each once however many
   * articles give it. It serves every article keyed with these functions, so it only grows, as
   * their memos do.
   */
  strings: Vocabulary;
}

export function nameKeys(): NameKeys {
  return {
    keyOf: memoise(nameKey),
    roleOf: memoise(roleKey),
    surname: memoise(surnameOf),
    nameLike: memoise(looksLikeName),
    strings: new Vocabulary(),
  };
}

export function keyArticle({ article, entities, quotes }: AnalysedArticle, keys: NameKeys): KeyedArticle {
  const number = (text: string) => keys.strings.idOf(text);
  const names: number[] = [];
  const fields: number[] = [];
  const roles: number[] = [];
  const aliases: number[] = [];
  for (const entity of entities) {
    const key = keys.keyOf(entity.name);
    if (!key) continue;
    names.push(
      number(entity.name),
      number(key),
      number(entity.kind === 'person' && key.includes(' ') ? keys.surname(entity.name) : ''),
    );
    fields.push(
      KINDS.indexOf(entity.kind),
      entity.kindCued === true ? 1 : 0,
      entity.mentions,
      roles.length / 2,
      aliases.length / 2,
    );
    for (const role of entity.roles) roles.push(number(role), number(keys.roleOf(role)));
    for (const alias of entity.aliases) aliases.push(number(alias), number(keys.keyOf(alias)));
  }
  const speakers: number[] = [];
  for (const quote of quotes) {
    const speaker = quote.speaker;
    if (!speaker || !keys.nameLike(speaker.name)) continue;
    speakers.push(
      number(speaker.name),
      number(speaker.role ?? ''),
      number(keys.keyOf(speaker.name)),
      number(speaker.role ? keys.roleOf(speaker.role) : ''),
    );
  }
  const header = [names.length / 3, roles.length / 2, aliases.length / 2, speakers.length / 4];
  const packed = keptSmallUints([...header, ...names, ...fields, ...roles, ...aliases, ...speakers]);
  return new KeyedArticle(article, packed, keys.strings);
}

/** An entity (by its index) of a keyed article, with the article's place among those merged. */
interface EntityAt {
  keyed: KeyedArticle;
  place: number;
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
  /** Entities named by one word, as their article's place and their index in it (two numbers, not an object each). */
  const singles: number[] = [];

  const fullKeys = new Map<string, number>();
  for (const article of keyed) {
    for (let index = 0; index < article.entityCount; index++) {
      const key = article.keyOf(index);
      if (key.includes(' ')) fullKeys.set(key, (fullKeys.get(key) ?? 0) + 1);
    }
  }
  const respelled = mergeSpellings(fullKeys);
  const canonical = (key: string) => respelled.get(key) ?? key;

  keyed.forEach((article, place) => {
    for (let index = 0; index < article.entityCount; index++) {
      const own = article.keyOf(index);
      if (!own.includes(' ')) {
        singles.push(place, index);
        continue;
      }
      const key = canonical(own);
      addEntity(tallyFor(tallies, key), { keyed: article, place, index }, true);
      const surname = article.surnameOf(index);
      if (surname) noteShortForm(shortForms, surname, key);
      const [from, to] = article.aliasRange(index);
      for (let i = from; i < to; i++) noteShortForm(shortForms, article.aliasAt(i).key, key);
    }
  });

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
    const keysOfArticle = Array.from({ length: article.entityCount }, (_, index) => article.keyOf(index));
    const surnames = Array.from({ length: article.entityCount }, (_, index) => article.surnameOf(index));
    const owners = keysOfArticle.map(canonical);
    for (const other of keysOfArticle) {
      const target = other.includes(' ') ? null : resolve(other);
      if (target?.includes(' ')) {
        surnames.push(other);
        owners.push(target);
      }
    }
    const misspelled = misspelledSurname(key, surnames, owners);
    return misspelled === null ? null : canonical(misspelled);
  };

  for (let k = 0; k < singles.length; k += 2) {
    const single = { keyed: keyed[singles[k]!]!, place: singles[k]!, index: singles[k + 1]! };
    const own = single.keyed.keyOf(single.index);
    const key = resolve(own) ?? resolveRespelled(single, own) ?? own;
    const tally = tallyFor(tallies, key);
    // A surname merged into a full name is an alias of it, never a candidate for the display name.
    addEntity(tally, single, key === own);
    if (key !== own) addAlias(tally, single.keyed.nameOf(single.index), own);
  }

  keyed.forEach((keyedArticle, place) => {
    const { article } = keyedArticle;
    for (let index = 0; index < keyedArticle.speakerCount; index++) {
      const { name, role, key: own, roleKey } = keyedArticle.speakerAt(index);
      const key = resolve(own) ?? own;
      if (!key) continue;
      const tally = tallyFor(tallies, key);
      if (!tally.kinds.size) tally.kinds.set('person', 1);
      if (!tally.spellings.size && key === own) tally.spellings.set(name.trim(), 1);
      tally.quotes += 1;
      addArticle(tally, place);
      if (role) addRole(tally, role, roleKey, article.date ?? '');
    }
  });

  return [...tallies.values()].map((tally) => toPerson(tally, keyed, keys.keyOf)).sort(byProminence);
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
      articles: [],
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

function addEntity(tally: Tally, { keyed, place, index }: EntityAt, isOwnName: boolean): void {
  const name = keyed.nameOf(index);
  const kind = keyed.kindOf(index);
  if (isOwnName) tally.spellings.set(name, (tally.spellings.get(name) ?? 0) + 1);
  tally.kinds.set(kind, (tally.kinds.get(kind) ?? 0) + 1);
  if (keyed.isKindCued(index)) tally.cuedKinds.set(kind, (tally.cuedKinds.get(kind) ?? 0) + 1);
  const date = keyed.article.date ?? '';
  const [rolesFrom, rolesTo] = keyed.roleRange(index);
  for (let i = rolesFrom; i < rolesTo; i++) {
    const role = keyed.roleAt(i);
    addRole(tally, role.text, role.key, date);
  }
  const [from, to] = keyed.aliasRange(index);
  for (let i = from; i < to; i++) {
    const alias = keyed.aliasAt(i);
    addAlias(tally, alias.text, alias.key);
  }
  tally.mentions += keyed.mentionsOf(index);
  addArticle(tally, place);
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

/** Notes that the article at `place` names the tally's name (once per run of the same article). */
function addArticle(tally: Tally, place: number): void {
  if (tally.articles.at(-1) !== place) tally.articles.push(place);
}

function toPerson(tally: Tally, keyed: readonly KeyedArticle[], keyOf: KeyOf): Person {
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
    // The articles in the order first named, each once; newest first (a stable sort keeps that order on ties).
    articleIds: [...new Set(tally.articles)]
      .map((place) => keyed[place]!.article)
      .sort((a, b) => compareText(b.date ?? '', a.date ?? ''))
      .map((article) => article.id),
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
