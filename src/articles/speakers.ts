import { sentenceAt } from './attribution.js';
import type { EntityInArticle } from './people.js';
import type { Speaker } from './quotes.js';
import { splitRole } from './roles.js';
import type { SpeakerPhrase } from './speaker-phrases.js';
import type { Article, TextSpan } from './types.js';

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

/** The person named last before `offset`: what "he" or "she" refers to when no quote came before. */
function lastPersonBefore(entities: readonly EntityInArticle[], offset: number): EntityInArticle | undefined {
  let best: EntityInArticle | undefined;
  let bestAt = -1;
  for (const entity of entities) {
    if (entity.kind !== 'person') continue;
    for (const span of entity.spans) {
      if (span.end <= offset && span.start > bestAt) [best, bestAt] = [entity, span.start];
    }
  }
  return best;
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

/** How close to its sentence's start a name must be to count as the sentence's subject. */
const SUBJECT_REACH = 24;

function isQuoted(span: TextSpan, quoted: readonly TextSpan[]): boolean {
  return quoted.some((quote) => quote.start <= span.start && span.end <= quote.end);
}

/** A person named at the start of the sentence, outside quotation marks: its likely subject. */
function sentenceSubject(
  entities: readonly EntityInArticle[],
  from: number,
  to: number,
  quoted: readonly TextSpan[],
): EntityInArticle | undefined {
  let best: EntityInArticle | undefined;
  let bestAt = Number.POSITIVE_INFINITY;
  for (const entity of entities) {
    if (entity.kind !== 'person') continue;
    for (const span of entity.spans) {
      if (span.start < from || span.end > to || span.start > from + SUBJECT_REACH || isQuoted(span, quoted)) continue;
      if (span.start < bestAt) [best, bestAt] = [entity, span.start];
    }
  }
  return best;
}

function fromEntity(entity: EntityInArticle, role: string | null, mention: Speaker['mention']): ResolvedSpeaker {
  return { speaker: { name: entity.name, role: role ?? bestRole(entity), mention }, person: entity.kind === 'person' };
}

/**
 * Turns the words of an attribution into a speaker: a surname becomes the full name the article
 * gives, "he"/"she" refers back to the previous speaker (or the person named last), and other noun
 * phrases ("a source") stand as they are.
 */
export function resolveSpeaker(
  article: Article,
  phrase: SpeakerPhrase,
  entities: readonly EntityInArticle[],
  previous: ResolvedSpeaker | null,
  quoted: readonly TextSpan[] = [],
): ResolvedSpeaker {
  const surface = article.text.slice(phrase.start, phrase.end);
  const mention = { start: phrase.start, end: phrase.end, text: surface };
  if (phrase.kind === 'pronoun') {
    if (!PERSONAL_PRONOUNS.has(phrase.tokens[0]!.lower)) {
      return { speaker: { name: surface, role: null, mention }, person: false };
    }
    const sentence = article.sentences[sentenceAt(article, phrase.start)];
    // "Clinton says she appreciated … what she calls": the subject named earlier in the same sentence.
    const subject = sentence && sentenceSubject(entities, sentence.start, phrase.start, quoted);
    if (subject) return fromEntity(subject, null, mention);
    const opensSentence = sentence && phrase.start === sentence.start;
    const byRole = opensSentence ? personByRolePhrase(article, entities, sentence.index) : undefined;
    if (byRole) return fromEntity(byRole, null, mention);
    if (previous?.person) return { speaker: { ...previous.speaker, mention }, person: true };
    const antecedent = lastPersonBefore(entities, phrase.start);
    if (antecedent) return fromEntity(antecedent, null, mention);
    return { speaker: { name: surface, role: null, mention }, person: true };
  }
  if (phrase.kind === 'noun') return { speaker: { name: surface, role: phrase.role, mention }, person: false };
  const { roleLength, hasRole } = splitRole(phrase.tokens.map((token) => token.lower));
  const nameTokens = phrase.tokens.slice(roleLength);
  const titled = hasRole ? article.text.slice(phrase.tokens[0]!.start, phrase.tokens[roleLength - 1]!.end) : null;
  const role = titled ?? phrase.role;
  const nameStart = nameTokens[0]?.start ?? phrase.start;
  const name = article.text.slice(nameStart, phrase.end);
  const entity = entityAt(entities, nameStart) ?? entityNamed(entities, name);
  if (entity) return fromEntity(entity, role, mention);
  return { speaker: { name, role, mention }, person: nameTokens.length > 0 };
}
