import { sentenceAt } from './attribution.js';
import { DETERMINERS } from './attribution-cues.js';
import type { EntityInArticle } from './people.js';
import type { Speaker } from './quotes.js';
import { isRoleHead, splitRole } from './roles.js';
import { pronounGender, type SpeakerAntecedents } from './speaker-antecedents.js';
import type { SpeakerPhrase } from './speaker-phrases.js';
import type { Article } from './types.js';

/** A resolved speaker plus what resolution needs to know about it later. */
export interface ResolvedSpeaker {
  speaker: Speaker;
  /** A person (a pronoun may refer back to it). */
  person: boolean;
}

/** Pronouns that refer back to a person named earlier. */
const PERSONAL_PRONOUNS = new Set(['he', 'she']);

/** The most specific role the article gives an entity (its longest). */
function bestRole(entity: EntityInArticle): string | null {
  return entity.roles.reduce<string | null>((best, role) => (!best || role.length > best.length ? role : best), null);
}

function entityAt(entities: readonly EntityInArticle[], offset: number): EntityInArticle | undefined {
  return entities.find((entity) => entity.spans.some((span) => span.start <= offset && offset < span.end));
}

function entityNamed(entities: readonly EntityInArticle[], name: string): EntityInArticle | undefined {
  const lower = name.toLowerCase();
  return entities.find(
    (entity) => entity.name.toLowerCase() === lower || entity.aliases.some((alias) => alias.toLowerCase() === lower),
  );
}

/** Words a role is written with in two ways ("US president", "United States President"). */
const ROLE_SYNONYMS: Record<string, string> = { us: 'united states', 'u.s.': 'united states', uk: 'united kingdom' };

function roleWords(text: string): string[] {
  const lower = text.toLowerCase();
  return Object.entries(ROLE_SYNONYMS)
    .reduce(
      (acc, [short, long]) => acc.replace(new RegExp(`(^|\\s)${short.replace('.', '\\.')}(?=\\s|$)`, 'g'), `$1${long}`),
      lower,
    )
    .split(/\s+/)
    .filter(Boolean);
}

/**
 * "The US president has said … He initially promised …": a sentence that opens with "The <role>"
 * is about the person the article gives that role, and a pronoun opening the next sentence refers
 * to them rather than to whoever was quoted last.
 */
function personByRolePhrase(
  article: Article,
  entities: readonly EntityInArticle[],
  sentenceIndex: number,
): EntityInArticle | undefined {
  const previous = article.sentences[sentenceIndex - 1];
  const opening = previous && /^The ((?:[A-Z][\w.]*\s+)?[a-z]+)\b/.exec(previous.text);
  if (!opening) return undefined;
  const words = roleWords(opening[1]!);
  const head = words.at(-1)!;
  let best: EntityInArticle | undefined;
  let bestShared = 0;
  for (const entity of entities) {
    if (entity.kind !== 'person') continue;
    for (const role of entity.roles) {
      const candidate = roleWords(role);
      if (candidate.at(-1) !== head) continue;
      const shared = words.filter((word) => candidate.includes(word)).length;
      if (shared > bestShared) [best, bestShared] = [entity, shared];
    }
  }
  // Only a role that names the person uniquely enough: head plus a qualifier ("US president").
  return bestShared >= Math.min(2, words.length) ? best : undefined;
}

function fromEntity(entity: EntityInArticle, role: string | null, mention: Speaker['mention']): ResolvedSpeaker {
  return { speaker: { name: entity.name, role: role ?? bestRole(entity), mention }, person: entity.kind === 'person' };
}

/** Role words a description must share with a role to name its holder ("the Danish minister"). */
function describes(phrase: readonly string[], role: string, strict: boolean): boolean {
  const words = roleWords(role);
  if (words.at(-1) !== phrase.at(-1)) return false;
  return !strict || phrase.every((word) => words.includes(word));
}

/**
 * "the Danish minister said", "according to the palace aide": a description whose head is a
 * role names the person the article gives that role, the one most in focus before it (or, for a
 * headline, just after it). Every word of the description must be in the role when some person
 * fits that way; otherwise the head alone, when only one person of the article has it.
 */
function personByDescription(phrase: SpeakerPhrase, antecedents: SpeakerAntecedents): EntityInArticle | null {
  const words = roleWords(phrase.tokens.map((token) => token.text).join(' ')).filter((word) => !DETERMINERS.has(word));
  const head = words.at(-1);
  if (!head || !isRoleHead(head) || phrase.tokens.at(-1)?.possessive) return null;
  const people = antecedents.people.filter((entity) => entity.kind === 'person');
  for (const strict of [true, false]) {
    const fits = people.filter((entity) => entity.roles.some((role) => describes(words, role, strict)));
    if (!fits.length || (!strict && fits.length > 1)) continue;
    const accept = (entity: EntityInArticle) => fits.includes(entity);
    const found =
      antecedents.resolve(phrase.start, null, accept, Number.POSITIVE_INFINITY) ??
      antecedents.resolveAhead(phrase.end, accept);
    if (found) return found;
  }
  return null;
}

/**
 * Turns the words of an attribution into a speaker: a surname becomes the full name the article
 * gives, "he"/"she" the person in focus before it (see `SpeakerAntecedents`), a description the
 * person holding that role, and other noun phrases ("a source") stand as they are. A pronoun with
 * no clear antecedent is kept as it is (the article's own words), never guessed at.
 */
export function resolveSpeaker(
  article: Article,
  phrase: SpeakerPhrase,
  antecedents: SpeakerAntecedents,
): ResolvedSpeaker {
  const entities = antecedents.people;
  const surface = article.text.slice(phrase.start, phrase.end);
  const mention = { start: phrase.start, end: phrase.end, text: surface };
  if (phrase.kind === 'pronoun') {
    const lower = phrase.tokens[0]!.lower;
    if (!PERSONAL_PRONOUNS.has(lower)) {
      return { speaker: { name: surface, role: null, mention }, person: false };
    }
    const gender = pronounGender(lower);
    const sentence = article.sentences[sentenceAt(article, phrase.start)];
    const opensSentence = sentence && phrase.start === sentence.start;
    const byRole = opensSentence ? personByRolePhrase(article, entities, sentence.index) : undefined;
    const found = byRole ?? antecedents.resolve(phrase.start, gender);
    // No clear antecedent: the pronoun stays as the article's words, and is shown as unattributed.
    if (!found) return { speaker: { name: surface, role: null, mention }, person: true };
    antecedents.noteResolved(found, phrase.start, gender);
    return fromEntity(found, null, mention);
  }
  if (phrase.kind === 'noun') {
    const holder = personByDescription(phrase, antecedents);
    if (holder) return fromEntity(holder, phrase.role ?? surface.replace(/^(?:the|a|an)\s+/i, ''), mention);
    return { speaker: { name: surface, role: phrase.role, mention }, person: false };
  }
  const { roleLength, hasRole } = splitRole(phrase.tokens.map((token) => token.lower));
  const nameTokens = phrase.tokens.slice(roleLength);
  const titled = hasRole ? article.text.slice(phrase.tokens[0]!.start, phrase.tokens[roleLength - 1]!.end) : null;
  const role = titled ?? phrase.role;
  const nameStart = nameTokens[0]?.start ?? phrase.start;
  const name = article.text.slice(nameStart, phrase.end);
  // "The Palace": the entity's own span may start after a leading "The", so look it up by the last word.
  const lastStart = nameTokens.at(-1)?.start ?? nameStart;
  const entity = entityAt(entities, nameStart) ?? entityAt(entities, lastStart) ?? entityNamed(entities, name);
  if (entity) return fromEntity(entity, role, mention);
  return { speaker: { name, role, mention }, person: nameTokens.length > 0 };
}
