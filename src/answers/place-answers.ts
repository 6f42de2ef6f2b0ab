/**
 * Which of the places a sentence names answer a place question, and how well. A place answers when
 * it is new to the question, of the scale the question asks for ("which city" is not answered by a
 * state, nor "which country" by a continent), and written as where something is rather than as the
 * origin or the modifier of something else ("traveling from Oslo", "Oslo lawmakers").
 */
import { datelineLength } from '../articles/dateline.js';
import { isNotName } from '../articles/entity-kinds.js';
import { isStopword } from '../text/stopwords.js';
import type { WordToken } from '../text/tokens.js';
import { type PlaceScale, placedBy, placeScales, SCALE_NOUN_WORDS, scaleNamedBy } from './places.js';
import type { SentenceWords } from './sentence-words.js';

/** What a place question asks for. */
export interface PlaceAsked {
  /** The scale its noun names ("which Norwegian city" → city); null when any place answers ("where …?"). */
  scale: PlaceScale | null;
  /** Whether it asks where someone or something comes from ("the glassblower comes from which state?"). */
  origin: boolean;
  /** Whether it asks where someone or something goes ("the ferry was bound for which port?"). */
  destination: boolean;
}

export const ANY_PLACE: PlaceAsked = { scale: null, origin: false, destination: false };

/** The question's noun for the scale asked, after "which" or "what" and a modifier or two. */
const SCALE_QUESTION = new RegExp(String.raw`\b(?:which|what) (?:[\w-]+ ){0,2}?(${SCALE_NOUN_WORDS.join('|')})\b`, 'i');
const ORIGIN_QUESTION = /\b(?:from|fleeing|fled) (?:which|what)\b/i;
/**
 * "To which" asks where to, unless the "to" belongs to the word before it ("according to which",
 * "due to what", "compared to what") or the noun after asks how much ("to which extent").
 */
const DESTINATION_QUESTION =
  /\b(?:(?<!\b(?:according|due|owing|thanks|compared|contrary|prior|similar|related|opposed|next|close) )to|toward|towards|bound for|headed for) (?:which|what)\b(?! (?:extent|degree)\b)/i;

export function readPlaceAsked(asking: string): PlaceAsked {
  const noun = SCALE_QUESTION.exec(asking)?.[1]?.toLowerCase();
  return {
    scale: (noun && scaleNamedBy(noun)) || null,
    origin: ORIGIN_QUESTION.test(asking),
    destination: DESTINATION_QUESTION.test(asking),
  };
}

/**
 * How a sentence writes a place: where something is ("crashed in Tromsø", "Norway has …"), where
 * it comes from ("flew from Tromsø"), as the modifier of another noun ("Tromsø police", "in Tromsø's
 * history"), or as the dateline that opens a report ("BERGEN, Norway –"), which says where the
 * reporter was.
 */
export type PlaceRole = 'location' | 'origin' | 'destination' | 'modifier' | 'dateline';

export interface PlaceAnswer {
  words: readonly WordToken[];
  role: PlaceRole;
}

/**
 * The places of the sentence that answer what is asked, best written first: where something is,
 * then where it comes from, where it goes (only when the question asks where to), a modifier and
 * the dateline; a question asking where from or where to puts the origin or the destination first.
 * The reply's short answer and the sentence's answer cue both read this one list.
 */
export function placeAnswers(
  sentence: SentenceWords,
  asked: PlaceAsked,
  questionStems: ReadonlySet<string>,
): PlaceAnswer[] {
  const { text } = sentence;
  const datelineEnd = datelineLength(text);
  // A dateline opens with the town the report was filed from ("OSLO, Norway –"), whatever else the name is.
  const scalesOf = (place: readonly WordToken[]) =>
    place[0]!.start === 0 && datelineEnd ? TOWN : placeScales(text, place);
  const answers = sentence
    .places()
    .filter((place) => !namedByQuestion(place, questionStems) && !opensLongerName(sentence, place))
    .filter((place) => !asked.scale || fitsScale(scalesOf(place), asked.scale))
    .map((place) => ({ words: place, role: roleOf(sentence, place, datelineEnd) }))
    // Where something goes answers only a question asking where to: "flew to Tromsø" says not where it crashed.
    .filter((answer) => answer.role !== 'destination' || asked.destination);
  const rank = (answer: PlaceAnswer) => roleRank(answer.role, asked);
  return answers.sort((a, b) => rank(a) - rank(b));
}

const TOWN: ReadonlySet<PlaceScale> = new Set(['city']);

/** A place of unknown scale may be of any. */
const fitsScale = (scales: ReadonlySet<PlaceScale>, asked: PlaceScale) => !scales.size || scales.has(asked);

/** Where a place stands, the likeliest answer first (after the role the question asks for). */
const ROLE_ORDER: readonly PlaceRole[] = ['location', 'origin', 'destination', 'modifier', 'dateline'];

function roleRank(role: PlaceRole, asked: PlaceAsked): number {
  if ((asked.origin && role === 'origin') || (asked.destination && role === 'destination')) return 0;
  return ROLE_ORDER.indexOf(role) + 1;
}

/**
 * Whether the question already names the place: each of its words is one of the question's, as
 * written or as the word for its people ("Estonian" names Estonia), or the question writes it by its
 * initials ("US").
 */
function namedByQuestion(place: readonly WordToken[], questionStems: ReadonlySet<string>): boolean {
  const words = place.filter((word) => !isStopword(word.norm));
  const initials = words.map((word) => word.norm[0]).join('');
  if (words.length > 1 && questionStems.has(initials)) return true;
  return words.every((word) => questionStems.has(word.stem) || demonymAsked(word.norm, questionStems));
}

/** Endings that make a place's name the word for its people, as stemmed: "-an", "-ian", "-ese", "-ish", "-i". */
const DEMONYM_ENDING = /^(?:n|an|ian|ean|ese|es|ish|i)$/;

/**
 * Whether a question word is the place's name with a people's ending ("Korea" → "Korean", "Italy" →
 * "Italian", "Japan" → "Japanese"); sharing first letters is not enough: "Australian" does not name
 * Austria, nor "George" Georgia.
 */
function demonymAsked(place: string, questionStems: ReadonlySet<string>): boolean {
  const root = place.replace(/[aeiouy]$/, '');
  for (const stem of questionStems)
    if (stem.startsWith(root) && DEMONYM_ENDING.test(stem.slice(root.length))) return true;
  return false;
}

/**
 * Whether the place opens a longer name ("the Tromsø Herald", "Tromsø Rovers"), which names a paper,
 * a team or an office, not a place; a day or month after it is no part of it ("in Tromsø Monday").
 */
function opensLongerName(sentence: SentenceWords, place: readonly WordToken[]): boolean {
  const { tokens, text } = sentence;
  const next = tokens[tokens.indexOf(place.at(-1)!) + 1];
  if (!next || text.slice(place.at(-1)!.end, next.start) !== ' ') return false;
  return /^\p{Lu}/u.test(next.raw) && !isStopword(next.norm) && !isNotName(next.norm);
}

/** Words that, after a place, say when rather than name a noun it modifies: "in Tromsø last week". */
const SAYS_WHEN = /^(last|next|early|earlier|late|later|yesterday|today|tonight|tomorrow|overnight|recently)$/;

function roleOf(sentence: SentenceWords, place: readonly WordToken[], datelineEnd: number): PlaceRole {
  const { tokens, text } = sentence;
  if (place[0]!.start < datelineEnd) return 'dateline';
  let before = tokens.indexOf(place[0]!) - 1;
  if (tokens[before]?.norm === 'the') before--;
  if (before < 0) return 'location';
  const put = placedBy(tokens, before);
  if (!put) return 'modifier';
  // Where something goes stays so whatever follows ("bound for Tromsø sank", "flew to Tromsø airport").
  if (put === 'destination') return put;
  // "in Tromsø's history", "at Tromsø city hall": the preposition's object is the noun the place modifies.
  const after = tokens[tokens.indexOf(place.at(-1)!) + 1];
  const gap = after ? text.slice(place.at(-1)!.end, after.start) : '';
  const modifies =
    /^[\s-]$/.test(gap) &&
    !isStopword(after!.norm) &&
    !isNotName(after!.norm) &&
    !/\d/.test(after!.raw) &&
    !SAYS_WHEN.test(after!.norm);
  if (after && (/^['’]$/.test(gap) || modifies)) return 'modifier';
  return put;
}
