import { BARE_SPEAKERS, speaksNext } from './attribution-cues.js';
import { classifyName, isDemonym, isOrganisationWord, isPlace, kindFromContext } from './entity-kinds.js';
import { findNameRuns, type NameRun } from './names.js';
import { findRoleAround } from './role-phrases.js';
import { isRoleHead } from './roles.js';
import type { Article, TextSpan } from './types.js';
import { type Token, tokenIndexAt, tokenize } from './word-tokens.js';

export type EntityKind = 'person' | 'organisation' | 'place' | 'other';

/** A person, organisation or place named in one article. */
export interface EntityInArticle {
  /** The fullest name the article uses ("Maja Lund"). */
  name: string;
  kind: EntityKind;
  /** Roles and titles as the article gives them ("White House Press Secretary"). */
  roles: string[];
  /** Shorter forms the article also uses ("Lund"). */
  aliases: string[];
  mentions: number;
  /** Offsets of every mention, full or short form. */
  spans: TextSpan[];
  /** The kind was read from the text around a mention ("wrote on …", "as reported by …"), not guessed from the name. */
  kindCued?: boolean;
}

/** One name as it appears once in the text, before mentions are grouped into entities. */
interface Mention extends TextSpan {
  words: string[];
  lowers: string[];
  kind: EntityKind;
  role: string | null;
  /** Opens a sentence and has no other evidence of being a name. */
  weak: boolean;
  /** The kind comes from the words around the name ("posted on …", "reported by …"), not its shape. */
  cued: boolean;
}

function nameText(article: Article, tokens: readonly Token[]): { text: string; end: number } {
  const last = tokens.at(-1)!;
  const end = last.possessive ? last.end - 2 : last.end;
  return { text: article.text.slice(tokens[0]!.start, end), end };
}

function kindOf(run: NameRun, nameTokens: readonly Token[], speaks: boolean): EntityKind {
  const words = nameTokens.map((token) => token.text.replace(/[’']s$/, ''));
  const lowers = nameTokens.map((token) => token.lower);
  const byWords = classifyName(words, lowers);
  if ((run.roleLength > 0 || run.title) && byWords !== 'organisation' && byWords !== 'place') return 'person';
  if (byWords === 'other' && words.length === 1 && speaks) return 'person';
  if (byWords === 'person' && run.afterThe) return 'organisation';
  return byWords;
}

function toMention(article: Article, tokens: readonly Token[], run: NameRun, indexAfter: number): Mention | null {
  const nameTokens = run.tokens.slice(run.roleLength);
  const lastLower = run.tokens.at(-1)!.lower;
  // A title with no name after it ("the White House Press Secretary") names no one.
  if (!nameTokens.length || (isRoleHead(lastLower) && !isOrganisationWord(lastLower))) return null;
  if (nameTokens.every((token) => isDemonym(token.lower))) return null;
  // "Officials said": a plural common noun that opens a sentence names no one.
  if (nameTokens.length === 1 && BARE_SPEAKERS.has(nameTokens[0]!.lower)) return null;
  const { text, end } = nameText(article, nameTokens);
  const speaks = speaksNext(tokens, indexAfter);
  const first = tokenIndexAt(tokens, run.tokens[0]!.start);
  const cuedKind =
    run.roleLength > 0
      ? null
      : kindFromContext(
          tokens.slice(Math.max(0, first - 2), first),
          nameTokens.map((token) => token.text.replace(/[’']s$/, '')),
          nameTokens.map((token) => token.lower),
          tokens.slice(indexAfter, indexAfter + 2),
        );
  const kind = cuedKind ?? kindOf(run, nameTokens, speaks);
  const roleTokens = run.tokens.slice(0, run.roleLength);
  const titleRole = run.hasRole ? nameText(article, roleTokens).text : (run.title ?? null);
  const role = kind === 'person' ? (titleRole ?? findRoleAround(article, tokens, run)) : null;
  return {
    start: nameTokens[0]!.start,
    end,
    words: text.split(/\s+/),
    lowers: nameTokens.map((token) => token.lower),
    kind,
    role,
    weak: run.initial && run.tokens.length === 1 && !speaks,
    cued: cuedKind !== null,
  };
}

interface Group {
  entity: EntityInArticle;
  lowers: string[];
  /** Where the full name itself is given. */
  fullSpans: TextSpan[];
}

function addMention(group: Group, mention: Mention, text: string): void {
  group.entity.mentions++;
  group.entity.spans.push({ start: mention.start, end: mention.end });
  if (mention.role && !group.entity.roles.includes(mention.role)) group.entity.roles.push(mention.role);
  const surface = text.slice(mention.start, mention.end);
  if (surface !== group.entity.name && !group.entity.aliases.includes(surface)) group.entity.aliases.push(surface);
}

/**
 * The person a one-word mention refers back to: of the full names sharing that surname (or first
 * name), the latest one given before `offset`, else the first one given after it (a headline).
 */
function findPersonByWord(groups: readonly Group[], word: string, offset: number): Group | undefined {
  let before: Group | undefined;
  let beforeAt = -1;
  let after: Group | undefined;
  let afterAt = Number.POSITIVE_INFINITY;
  for (const group of groups) {
    if (group.entity.kind !== 'person' || group.lowers.length < 2) continue;
    if (group.lowers.at(-1) !== word && group.lowers[0] !== word) continue;
    for (const span of group.fullSpans) {
      if (span.start <= offset && span.start > beforeAt) [before, beforeAt] = [group, span.start];
      if (span.start > offset && span.start < afterAt) [after, afterAt] = [group, span.start];
    }
  }
  return before ?? after;
}

function newGroup(article: Article, mention: Mention): Group {
  const name = article.text.slice(mention.start, mention.end);
  return {
    entity: { name, kind: mention.kind, roles: [], aliases: [], mentions: 0, spans: [] },
    lowers: mention.lowers,
    fullSpans: [],
  };
}

/**
 * People, organisations and places named in the article, from runs of capitalised words with
 * title cues. Surname-only mentions ("Lund") count towards the full name given elsewhere.
 */
export function extractEntities(
  article: Article,
  tokens: readonly Token[] = tokenize(article.text),
): EntityInArticle[] {
  const runs = findNameRuns(article, tokens);
  const mentions: Mention[] = [];
  let cursor = 0;
  for (const run of runs) {
    const last = run.tokens.at(-1)!;
    while (cursor < tokens.length && tokens[cursor]!.start <= last.start) cursor++;
    const mention = toMention(article, tokens, run, cursor);
    if (mention) mentions.push(mention);
  }
  const seenInside = new Set(mentions.filter((mention) => !mention.weak).map((mention) => mention.lowers.join(' ')));
  const groups: Group[] = [];
  const byKey = new Map<string, Group>();
  // Full names first, so a surname can refer to a full name wherever it is given.
  for (const mention of mentions) {
    if (mention.lowers.length < 2) continue;
    const key = mention.lowers.join(' ');
    let group = byKey.get(key);
    if (!group) {
      group = newGroup(article, mention);
      groups.push(group);
      byKey.set(key, group);
    }
    group.fullSpans.push(mention);
  }
  for (const mention of mentions) {
    const key = mention.lowers.join(' ');
    let group = mention.lowers.length > 1 ? byKey.get(key) : findPersonByWord(groups, key, mention.start);
    group ??= byKey.get(key);
    if (!group) {
      if (mention.weak && !seenInside.has(key) && !isPlace(key)) continue;
      group = newGroup(article, mention);
      groups.push(group);
      byKey.set(key, group);
    }
    if (mention.cued && !group.entity.kindCued) {
      group.entity.kind = mention.kind;
      group.entity.kindCued = true;
    } else if (mention.kind === 'person' && group.entity.kind === 'other' && !group.entity.kindCued) {
      group.entity.kind = 'person';
    }
    addMention(group, mention, article.text);
  }
  for (const group of groups) group.entity.spans.sort((a, b) => a.start - b.start);
  return groups.map((group) => group.entity).sort((a, b) => (a.spans[0]?.start ?? 0) - (b.spans[0]?.start ?? 0));
}
