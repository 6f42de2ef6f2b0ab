import { classifyName } from '../articles/entity-kinds.js';
import type { WordToken } from '../text/tokens.js';
import { isCapitalised } from './answer-kind.js';

/** Region codes ICU names: every country and territory, in English, without a hand-kept list. */
const REGION_CODE = /^[A-Z]{2}$/;

function countryNames(): Set<string> {
  const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  const found = new Set<string>();
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      const name = names.of(code);
      if (name && !REGION_CODE.test(name) && !/unknown/i.test(name)) found.add(name.toLowerCase().replace(/&/g, 'and'));
    }
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

let regionNames: ReadonlySet<string> | undefined;

/**
 * Countries, territories and US states, lower-cased. Built on first use rather than at import: the
 * ICU lookups take some 15 ms, which the bot would otherwise spend at start.
 */
function regions(): ReadonlySet<string> {
  regionNames ??= new Set([...countryNames(), ...US_STATES]);
  return regionNames;
}

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
 * The places a sentence names: runs of capitalised words that are a known place, and a name
 * written before a comma and a region ("Boulder, Colorado"), the way news copy places a town.
 */
export function placesIn(text: string, tokens: readonly WordToken[]): WordToken[][] {
  const places: WordToken[][] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!isCapitalised(tokens[i]!)) continue;
    for (let length = Math.min(MAX_PLACE_WORDS, tokens.length - i); length >= 1; length--) {
      const run = tokens.slice(i, i + length);
      if (!run.every((token) => isCapitalised(token) || token.norm === 'and' || token.norm === 'of')) continue;
      if (isPlaceName(run) || regionFollows(text, tokens, i + length)) {
        places.push(run);
        i += length - 1;
        break;
      }
    }
  }
  return places;
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
