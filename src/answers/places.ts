import { classifyName, isDemonym, isNotName } from '../articles/entity-kinds.js';
import { HONORIFICS } from '../articles/roles.js';
import { isStopword } from '../text/stopwords.js';
import { isCapitalised, type WordToken } from '../text/tokens.js';

/** Region codes ICU names: every country and territory, in English, without a hand-kept list. */
const REGION_CODE = /^[A-Z]{2}$/;

/** UN M.49 area codes are three digits: continents and their parts ("Oceania", "Western Africa"). */
const AREA_CODES = 1000;

let regionNames: Intl.DisplayNames | undefined;
const displayNames = () => (regionNames ??= new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' }));

/**
 * The names a country goes by in ICU's name for it: the name, and the forms news copy shortens it
 * to: the one in brackets ("Myanmar (Burma)") and the name without a closing "City".
 */
function countryForms(name: string): string[] {
  const lower = name.toLowerCase().replace(/&/g, 'and');
  const bracketed = /^(.+?) \((.+)\)$/.exec(lower);
  const forms = bracketed ? [lower, bracketed[1]!, bracketed[2]!] : [lower];
  return forms.flatMap((form) => (/ city$/.test(form) ? [form, form.slice(0, -' city'.length)] : [form]));
}

function countryNames(): Set<string> {
  const names = displayNames();
  const found = new Set<string>();
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      const name = names.of(code);
      if (name && !REGION_CODE.test(name) && !/unknown/i.test(name))
        for (const form of countryForms(name)) found.add(form);
    }
  }
  return found;
}

function areaNames(): Set<string> {
  const names = displayNames();
  const found = new Set<string>();
  for (let code = 1; code < AREA_CODES; code++) {
    const padded = String(code).padStart(3, '0');
    const name = names.of(padded);
    if (name && name !== padded) found.add(name.toLowerCase());
  }
  return found;
}

// biome-ignore format: a word list reads better packed
const US_STATES = [
  'alabama', 'alaska', 'arizona', 'arkansas', 'california', 'colorado', 'connecticut', 'delaware', 'florida',
  'georgia', 'hawaii', 'idaho', 'illinois', 'indiana', 'iowa', 'kansas', 'kentucky', 'louisiana', 'maine',
  'maryland', 'massachusetts', 'michigan', 'minnesota', 'mississippi', 'missouri', 'montana', 'nebraska',
  'nevada', 'new hampshire', 'new jersey', 'new mexico', 'new york', 'north carolina', 'north dakota', 'ohio',
  'oklahoma', 'oregon', 'pennsylvania', 'rhode island', 'south carolina', 'south dakota', 'tennessee', 'texas',
  'utah', 'vermont', 'virginia', 'washington', 'west virginia', 'wisconsin', 'wyoming',
];

interface KnownPlaces {
  countries: ReadonlySet<string>;
  states: ReadonlySet<string>;
  /** Continents and their parts. */
  areas: ReadonlySet<string>;
  /** Countries, territories and US states. */
  regions: ReadonlySet<string>;
}

let known: KnownPlaces | undefined;

/**
 * The places known by name, lower-cased. Built on first use rather than at import: the ICU lookups
 * take some 15 ms (14–15 ms measured on first use), which the bot would otherwise spend at start.
 */
function knownPlaces(): KnownPlaces {
  if (!known) {
    const countries = countryNames();
    const states = new Set(US_STATES);
    known = { countries, states, areas: areaNames(), regions: new Set([...countries, ...states]) };
  }
  return known;
}

const regions = () => knownPlaces().regions;

/** Longest place name read, in words ("Bosnia and Herzegovina", "Saint Vincent and the Grenadines"). */
const MAX_PLACE_WORDS = 4;

/** Whether the words name a place: a country, territory or US state, or a place `classifyName` knows. */
function isPlaceName(words: readonly WordToken[]): boolean {
  const lowers = words.map((word) => word.norm);
  return (
    regions().has(lowers.join(' ')) ||
    classifyName(
      words.map((word) => word.raw),
      lowers,
    ) === 'place'
  );
}

/**
 * The places a sentence names: runs of capitalised words that are a known place, a name written
 * before a comma and a region ("Boulder, Colorado"), the way news copy places a town, and a name
 * one is said to be in or at ("landed in Tromsø", "at Norway's Gardermoen Airport").
 */
export function placesIn(text: string, tokens: readonly WordToken[]): WordToken[][] {
  const places: WordToken[][] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!isCapitalised(tokens[i]!)) continue;
    for (let length = Math.min(MAX_PLACE_WORDS, tokens.length - i); length >= 1; length--) {
      const run = tokens.slice(i, i + length);
      if (!run.every((token) => isCapitalised(token) || token.norm === 'and' || token.norm === 'of')) continue;
      // One name is written word after word: "Vermont, New Mexico" is two places, not one.
      if (run.some((token, k) => k > 0 && text.slice(run[k - 1]!.end, token.start) !== ' ')) continue;
      if (isPlaceName(run) || regionFollows(text, tokens, i + length)) {
        places.push(run);
        i += length - 1;
        break;
      }
    }
    if (places.at(-1)?.includes(tokens[i]!)) continue;
    const located = locatedName(text, tokens, i, places.at(-1));
    if (located) {
      places.push(located);
      i += located.length - 1;
    }
  }
  return places;
}

/** Whether a place so put is where one is or comes from: after "to" too many names are no place. */
const isAt = (put: ReturnType<typeof placedBy>) => put === 'location' || put === 'origin';

/** Letters of a word written short with a full stop ("St.", "Mt.", "Gen."). */
const ABBREVIATION_LETTERS = 3;

/** Verbs before "at" whose object is an employer or a school rather than a place ("works at …"). */
const WORKS_AT = /^(work|works|worked|working|studies|studied|studying|employed|teaches|taught|teaching|interned)$/;

/** Prepositions that put the name after them as where something is. */
const LOCATIVE = /^(in|at|near|outside|inside|into|across|within|throughout)$/;

/** Words that put the place after them as where something goes: "to", and "for" after "bound" or "headed". */
const DESTINATION = /^(to|toward|towards)$/;
const HEADING = /^(bound|headed|heading|left|leaves|leaving|departed|sailed)$/;

/**
 * What the word at `at` says of the place named after it: where something is ("in", "the town
 * of"), or where it comes from ("from").
 */
export function placedBy(tokens: readonly WordToken[], at: number): 'location' | 'origin' | 'destination' | null {
  const word = tokens[at]?.norm ?? '';
  if (LOCATIVE.test(word) || (word === 'of' && scaleNamedBy(tokens[at - 1]?.norm ?? ''))) return 'location';
  if (word === 'from') return 'origin';
  return DESTINATION.test(word) || (word === 'for' && HEADING.test(tokens[at - 1]?.norm ?? '')) ? 'destination' : null;
}

/**
 * The name starting at `i` when the sentence says something is in or at it, though it is no place
 * known by name: after a preposition of place, or after a place's possessive there ("at Norway's
 * Gardermoen Airport" is in Norway). Not an organisation's or a month's name, nor one owning
 * something ("in Berg's speech"), which is more often a person's, nor where one works or studies.
 */
function locatedName(
  text: string,
  tokens: readonly WordToken[],
  i: number,
  placeBefore: readonly WordToken[] | undefined,
): WordToken[] | null {
  const before = tokens[i - 1];
  const possessive =
    before?.norm === 's' &&
    placeBefore?.at(-1) === tokens[i - 2] &&
    isAt(placedBy(tokens, i - 2 - placeBefore!.length));
  if (!before || !(isAt(placedBy(tokens, i - 1)) || possessive)) return null;
  let end = i + 1;
  // A capitalised word that is no name ends the run rather than voiding it: "in Kvam Monday".
  while (
    end < tokens.length &&
    end - i < MAX_PLACE_WORDS &&
    isCapitalised(tokens[end]) &&
    !isNotName(tokens[end]!.norm) &&
    text.slice(tokens[end - 1]!.end, tokens[end]!.start) === ' '
  )
    end++;
  const run = tokens.slice(i, end);
  const after = text.slice(run.at(-1)!.end, tokens[end]?.start ?? text.length);
  const next = tokens[end];
  // An owner ("in Berg's speech"), a modifier ("from Nordland families") or a cut abbreviation ("at St. …").
  if (/^['’]/.test(after) || (after === ' ' && next && !isStopword(next.norm) && !isCapitalised(next))) return null;
  if (/^\./.test(after) && next && run.at(-1)!.raw.length <= ABBREVIATION_LETTERS) return null;
  if (run.some((word) => isStopword(word.norm) || isNotName(word.norm) || isDemonym(word.norm))) return null;
  const kind = classifyName(
    run.map((word) => word.raw),
    run.map((word) => word.norm),
  );
  // "a letter from Anna Berg": people come from names as often as places do; one is rarely "in" one.
  if (kind === 'organisation' || (kind === 'person' && before.norm === 'from')) return null;
  // One works or studies "at" a firm or a school: the name after is where one is employed, not a place.
  const employed = before.norm === 'at' && WORKS_AT.test(tokens[i - 2]?.norm ?? '');
  return employed && kind !== 'place' ? null : run;
}

/** Whether ", <region>" follows the word before `next`. */
function regionFollows(text: string, tokens: readonly WordToken[], next: number): boolean {
  const after = tokens[next];
  if (!after || text.slice(tokens[next - 1]!.end, after.start) !== ', ') return false;
  for (let length = 1; length <= 2 && next + length <= tokens.length; length++) {
    if (
      regions().has(
        tokens
          .slice(next, next + length)
          .map((token) => token.norm)
          .join(' '),
      )
    )
      return true;
  }
  return false;
}

/** How large a place is: what "which country", "which state", "which city" or "which continent" asks for. */
export type PlaceScale = 'country' | 'state' | 'city' | 'area';

/** Nouns for a place of some scale: "which town …?", "the state of Vermont". */
const SCALE_NOUNS: ReadonlyMap<string, PlaceScale> = new Map([
  ['city', 'city'],
  ['town', 'city'],
  ['village', 'city'],
  ['state', 'state'],
  ['province', 'state'],
  ['county', 'state'],
  ['country', 'country'],
  ['nation', 'country'],
  ['continent', 'area'],
]);

export const scaleNamedBy = (noun: string): PlaceScale | undefined => SCALE_NOUNS.get(noun);

/** The nouns that name a scale, for reading a question's (see `scaleNamedBy`). */
export const SCALE_NOUN_WORDS: readonly string[] = [...SCALE_NOUNS.keys()];

/** Last words of a place name that say its scale ("Jersey City", "Fairfax County"). */
const SCALE_TAILS: ReadonlyMap<string, PlaceScale> = new Map([
  ['city', 'city'],
  ['town', 'city'],
  ['county', 'state'],
  ['province', 'state'],
  ['oblast', 'state'],
]);

/**
 * A region written short after a town's name: ", Minn.", ", N.D.", ", VT". A name written so is a
 * town, whatever else it names ("Denmark, S.C.").
 */
const SHORT_REGION_AFTER = /^, (\p{Lu}\.\s?\p{Lu}\.|\p{Lu}{2}\b|\p{Lu}\p{Ll}{1,4}\.)/u;

/**
 * Whether the short word after a name's comma writes a region: not a title opening a person's name
 * ("in Norway, Mr. Berg said") nor a country's two-letter code, which lists another country
 * ("Germany, UK and France") or modifies a noun ("in Canada, US officials said").
 */
function writesShortRegion(after: string): boolean {
  const short = SHORT_REGION_AFTER.exec(after)?.[1];
  if (!short || HONORIFICS.has(short.toLowerCase())) return false;
  return !(REGION_CODE.test(short) && displayNames().of(short));
}

/**
 * The scales a place the sentence names may be of, when its name or its writing says: a country, a
 * US state, a continent, or a town written before its region ("Kvam, Norway"). Some names are
 * of two (a country and a US state may share a name); none when nothing says.
 */
export function placeScales(text: string, place: readonly WordToken[]): ReadonlySet<PlaceScale> {
  if (writesShortRegion(text.slice(place.at(-1)!.end))) return new Set(['city']);
  const name = place.map((word) => word.norm).join(' ');
  const { countries, states, areas } = knownPlaces();
  const scales = new Set<PlaceScale>();
  if (countries.has(name)) scales.add('country');
  if (states.has(name)) scales.add('state');
  if (areas.has(name)) scales.add('area');
  const tail = SCALE_TAILS.get(place.at(-1)!.norm);
  if (!scales.size && place.length > 1 && tail) scales.add(tail);
  // Countries, states and continents are known by name: a place known only from the way the
  // sentence writes it ("Kvam, Norway", "landed in Tromsø") is a town or a place in one.
  if (!scales.size && !isPlaceName(place)) scales.add('city');
  return scales;
}
