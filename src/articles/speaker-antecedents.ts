import { sentenceAt } from './attribution.js';
import { DETERMINERS, isAccordingTo, isCue, isInvertingCue, speaksNext } from './attribution-cues.js';
import { isDemonym } from './entity-kinds.js';
import type { EntityInArticle } from './people.js';
import { isRoleWord } from './roles.js';
import type { Article, TextSpan } from './types.js';
import { type Token, tokenIndexAt } from './word-tokens.js';

/**
 * Who "he", "she" or "the Danish minister" refers to, decided as a reader decides it: the
 * person most in focus before the words, not merely the name nearest to them. A person is in
 * focus when they speak ("Holm said") or are the subject of a sentence; a name that is only
 * the object or topic ("a call with Kowalsky", "Holm's envoy"), or that sits inside someone's
 * quotation, is not a candidate. A reader looks back a few sentences; beyond that the speaker is
 * unclear and is left unresolved rather than guessed.
 */

/** How a mention stands in its sentence; lower is more in focus. */
enum Focus {
  Speaker = 0,
  Subject = 1,
  Other = 2,
}

export type Gender = 'm' | 'f';

interface Candidate {
  entity: EntityInArticle;
  start: number;
  sentence: number;
  focus: Focus;
}

/** What being less in focus costs, in sentences of distance. */
const FOCUS_COST: Record<Focus, number> = { [Focus.Speaker]: 0, [Focus.Subject]: 1, [Focus.Other]: 2.5 };

/** How many sentences back a pronoun's antecedent is looked for. */
const MAX_SENTENCES_BACK = 4;

/** Words after which a name is an object, not a subject ("a call with Ek", "told Harbour Radio"). */
// biome-ignore format: a word list reads better packed
const OBJECT_MARKERS = new Set([
  'with', 'to', 'by', 'about', 'of', 'between', 'on', 'in', 'for', 'from', 'against', 'at', 'into', 'than',
  'toward', 'towards', 'among', 'over', 'under', 'like', 'and', 'or', 'nor', 'met', 'meet', 'meets',
  'meeting', 'told', 'tell', 'tells', 'urged', 'asked', 'called', 'invited', 'thanked', 'criticized',
  'praised', 'blamed', 'visit', 'visited', 'host', 'hosted', 'join', 'joined', 'sent', 'spoke', 'welcomed',
]);

/** Words that give a person's gender in their title or description. */
// biome-ignore format: a word list reads better packed
const FEMALE_WORDS = new Set([
  'mrs.', 'mrs', 'ms.', 'ms', 'miss', 'madam', 'madame', 'dame', 'lady', 'queen', 'princess', 'spokeswoman',
  'chairwoman', 'congresswoman', 'councilwoman', 'businesswoman', 'congresswomen', 'stateswoman', 'wife',
  'mother', 'daughter', 'sister', 'grandmother', 'widow', 'actress', 'duchess', 'empress', 'baroness',
]);
// biome-ignore format: a word list reads better packed
const MALE_WORDS = new Set([
  'mr.', 'mr', 'sir', 'lord', 'king', 'prince', 'spokesman', 'chairman', 'congressman', 'councilman',
  'businessman', 'statesman', 'husband', 'father', 'son', 'brother', 'grandfather', 'widower', 'duke',
  'emperor', 'baron',
]);

const MALE_PRONOUNS = new Set(['he', 'him', 'his', 'himself']);
const FEMALE_PRONOUNS = new Set(['she', 'her', 'hers', 'herself']);

export function pronounGender(lower: string): Gender | null {
  if (MALE_PRONOUNS.has(lower)) return 'm';
  if (FEMALE_PRONOUNS.has(lower)) return 'f';
  return null;
}

function genderOfWord(lower: string): Gender | null {
  if (FEMALE_WORDS.has(lower)) return 'f';
  if (MALE_WORDS.has(lower)) return 'm';
  return null;
}

function isInside(offset: number, spans: readonly TextSpan[]): boolean {
  return spans.some((span) => span.start <= offset && offset < span.end);
}

/** Lower-case words allowed before a role word in a title ("union leader", "city council member"). */
const MAX_TITLE_MODIFIERS = 2;

/** Index of the first word before a mention's title ("with Norway’s President Piotr Kowalsky" → "with"). */
function beforeTitle(tokens: readonly Token[], first: number): number {
  let k = first - 1;
  let modifiers = -1;
  while (k >= 0) {
    const token = tokens[k]!;
    const role = !token.capital && (isRoleWord(token.lower) || isDemonym(token.lower));
    const titleWord =
      (token.capital && /^\p{L}/u.test(token.text) && !DETERMINERS.has(token.lower)) ||
      role ||
      token.lower === 'the' ||
      token.text === '-';
    if (role) modifiers = 0;
    else if (!titleWord && modifiers >= 0 && modifiers < MAX_TITLE_MODIFIERS && isPlainWord(token)) {
      modifiers++;
      k--;
      continue;
    }
    if (!titleWord) break;
    k--;
  }
  return k;
}

/** A lower-case word that is no cue and no object marker: may describe a role ("union"). */
function isPlainWord(token: Token): boolean {
  return /^\p{Ll}/u.test(token.text) && !isCue(token.lower) && !OBJECT_MARKERS.has(token.lower);
}

/**
 * Whether a cue verb follows the mention ("Holm said", "Ek also told") or precedes it ("said Norrby");
 * `before` is `beforeTitle(tokens, first)`.
 */
function isSpeakerAt(tokens: readonly Token[], before: number, last: number): boolean {
  if (speaksNext(tokens, last + 1)) return true;
  const marker = tokens[before];
  if (marker && !marker.capital && isInvertingCue(marker.lower)) return true;
  return isAccordingTo(tokens, before - 1);
}

/** The people of an article as antecedents for pronouns and role descriptions. */
export class SpeakerAntecedents {
  private readonly candidates: Candidate[] = [];
  private readonly genders = new Map<EntityInArticle, Gender>();

  constructor(
    private readonly article: Article,
    tokens: readonly Token[],
    private readonly entities: readonly EntityInArticle[],
    private readonly quoted: readonly TextSpan[],
  ) {
    const inFocus = new Set<number>();
    for (const entity of entities) {
      if (entity.kind !== 'person') continue;
      this.noteGenderFromRoles(entity);
      for (const span of entity.spans) {
        if (isInside(span.start, quoted)) continue;
        const first = tokenIndexAt(tokens, span.start);
        const last = Math.max(first, tokenIndexAt(tokens, span.end) - 1);
        const titleGender = genderOfWord(tokens[first - 1]?.lower ?? '');
        if (titleGender && !this.genders.has(entity)) this.genders.set(entity, titleGender);
        const sentence = sentenceAt(article, span.start);
        const before = beforeTitle(tokens, first);
        const marker = tokens[before];
        const possessive = tokens[last]?.possessive || tokens[first - 1]?.possessive;
        let focus = Focus.Other;
        if (isSpeakerAt(tokens, before, last)) focus = Focus.Speaker;
        else if (possessive || (marker && !marker.capital && OBJECT_MARKERS.has(marker.lower))) continue;
        else if (!inFocus.has(sentence)) focus = Focus.Subject;
        inFocus.add(sentence);
        this.candidates.push({ entity, start: span.start, sentence, focus });
      }
    }
    this.candidates.sort((a, b) => a.start - b.start);
    this.noteGenderFromPronouns(tokens);
  }

  /** "Spokeswoman Maja Lund": a gendered title word in any role the article gives. */
  private noteGenderFromRoles(entity: EntityInArticle): void {
    for (const role of entity.roles) {
      for (const word of role.toLowerCase().split(/\s+/)) {
        const gender = genderOfWord(word);
        if (gender) {
          this.genders.set(entity, gender);
          return;
        }
      }
    }
  }

  /** A sentence that names one person and refers back with pronouns of one gender gives theirs. */
  private noteGenderFromPronouns(tokens: readonly Token[]): void {
    const bySentence = new Map<number, Set<EntityInArticle>>();
    for (const candidate of this.candidates) {
      const set = bySentence.get(candidate.sentence) ?? new Set();
      set.add(candidate.entity);
      bySentence.set(candidate.sentence, set);
    }
    for (const [index, people] of bySentence) {
      if (people.size !== 1) continue;
      const [entity] = people;
      if (!entity || this.genders.has(entity)) continue;
      const sentence = this.article.sentences[index]!;
      const seen = new Set<Gender>();
      for (let i = tokenIndexAt(tokens, sentence.start); i < tokens.length && tokens[i]!.start < sentence.end; i++) {
        const gender = pronounGender(tokens[i]!.lower);
        if (gender && !isInside(tokens[i]!.start, this.quoted)) seen.add(gender);
      }
      if (seen.size === 1) this.genders.set(entity, [...seen][0]!);
    }
  }

  private compatible(entity: EntityInArticle, gender: Gender | null): boolean {
    const known = this.genders.get(entity);
    return !gender || !known || known === gender;
  }

  /** A pronoun resolved to `entity` tells its gender, and makes it the focus from here on. */
  noteResolved(entity: EntityInArticle, offset: number, gender: Gender | null): void {
    if (gender && !this.genders.has(entity)) this.genders.set(entity, gender);
    const sentence = sentenceAt(this.article, offset);
    const at = this.candidates.findIndex((candidate) => candidate.start > offset);
    const candidate = { entity, start: offset, sentence, focus: Focus.Speaker };
    if (at < 0) this.candidates.push(candidate);
    else this.candidates.splice(at, 0, candidate);
  }

  /**
   * The person a pronoun (or a role description, with `accept`) at `offset` refers to: a subject
   * earlier in the same sentence, else the person most in focus in the nearest sentence before it
   * that has one; null when none is near enough.
   */
  resolve(
    offset: number,
    gender: Gender | null,
    accept: (entity: EntityInArticle) => boolean = () => true,
    reach = MAX_SENTENCES_BACK,
  ): EntityInArticle | null {
    const sentence = sentenceAt(this.article, offset);
    let best: Candidate | null = null;
    let bestScore = Number.POSITIVE_INFINITY;
    for (let i = this.candidates.length - 1; i >= 0; i--) {
      const candidate = this.candidates[i]!;
      if (candidate.start >= offset) continue;
      const back = sentence - candidate.sentence;
      if (back > reach) break;
      if (!this.compatible(candidate.entity, gender) || !accept(candidate.entity)) continue;
      // A speaker a sentence further back stays in focus over a person merely mentioned since.
      const score = back + FOCUS_COST[candidate.focus];
      if (score < bestScore || (score === bestScore && best?.sentence === candidate.sentence)) {
        [best, bestScore] = [candidate, score];
      }
    }
    if (best) return best.entity;
    // "he said" paragraphs into an interview: the last speaker, if no one who could be meant came since.
    for (let i = this.candidates.length - 1; i >= 0; i--) {
      const candidate = this.candidates[i]!;
      if (candidate.start >= offset || !accept(candidate.entity)) continue;
      if (!this.compatible(candidate.entity, gender)) continue;
      return candidate.focus === Focus.Speaker ? candidate.entity : null;
    }
    return null;
  }

  /** The person a sentence is about: its speaker, else its subject; null when it has neither. */
  subjectOf(sentence: number): EntityInArticle | null {
    let best: Candidate | null = null;
    for (const candidate of this.candidates) {
      if (candidate.sentence !== sentence || candidate.focus === Focus.Other) continue;
      if (!best || candidate.focus < best.focus) best = candidate;
    }
    return best?.entity ?? null;
  }

  /** The last person who speaks (with a cue of their own) between two offsets. */
  lastSpeakerIn(from: number, to: number): EntityInArticle | null {
    for (let i = this.candidates.length - 1; i >= 0; i--) {
      const candidate = this.candidates[i]!;
      if (candidate.start >= to) continue;
      if (candidate.start < from) break;
      if (candidate.focus === Focus.Speaker) return candidate.entity;
    }
    return null;
  }

  /** The person named first after `offset` in the same or next sentence who fits (a headline's "the aide"). */
  resolveAhead(offset: number, accept: (entity: EntityInArticle) => boolean): EntityInArticle | null {
    const sentence = sentenceAt(this.article, offset);
    const found = this.candidates.find(
      (candidate) => candidate.start > offset && candidate.sentence - sentence <= 1 && accept(candidate.entity),
    );
    return found?.entity ?? null;
  }

  get people(): readonly EntityInArticle[] {
    return this.entities;
  }
}
