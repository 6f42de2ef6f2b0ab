import { foldText } from '../text/fold.js';
import { foldedWords, splitFolded } from '../text/words.js';

/**
 * Name and word keys shared by the people directory and the quote finder: text is folded
 * (`foldText`: accents removed, lower case, curly apostrophes straightened) so "Kowalskyy", "kowalskyy" and
 * "Zelénskyy" meet, and names are keyed without initials or honorifics so "Donald J. Holm" and
 * "Mr Donald Holm" are one person.
 */

/** Honorifics that sit in front of a name but are not part of it. */
const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'mx', 'dr', 'sir', 'dame', 'prof']);

/** Generational suffixes: part of the name ("Donald Holm Jr." is not his father) but not the surname. */
const SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv']);

/** Mentions that point at a speaker without naming them; never used as a name key. */
// biome-ignore format: a word list reads better packed
const PRONOUNS = new Set([
  'he', 'she', 'they', 'it', 'we', 'i', 'you', 'him', 'her', 'them', 'his', 'hers', 'their', 'who',
  'this', 'that', 'one',
]);

/** The words of a name that identify the person: no single-letter initials, no honorifics. */
export function nameWords(name: string): string[] {
  const words = foldedWords(name).filter((word) => word.length > 1 && !HONORIFICS.has(word));
  if (words.length) return words;
  // "U.S." and "US" are one name: letters alone are an abbreviation, read as one word.
  const letters = foldedWords(name);
  return letters.length > 1 && letters.every((word) => word.length === 1) ? [letters.join('')] : letters;
}

/**
 * Levenshtein distance of two words, or `max + 1` as soon as it is known to exceed `max`: names
 * are compared by the thousand and almost all pairs are far apart.
 */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_value, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current.push(value);
      if (value < best) best = value;
    }
    if (best > max) return max + 1;
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * How far apart two spellings of one surname may be: transliterations ("Kowalsky", "Kowalskyy",
 * "Kowalskiy") and one-letter typos differ by a letter or two; short names are left alone, since
 * "Park" and "Parr" are different people.
 */
function spellingTolerance(word: string): number {
  if (word.length < 5) return 0;
  return word.length < 8 ? 1 : 2;
}

/** Same surname in another spelling: close by `spellingTolerance` and sharing the first two letters. */
export function isSpellingOf(a: string, b: string): boolean {
  if (a === b) return true;
  const tolerance = Math.min(spellingTolerance(a), spellingTolerance(b));
  return tolerance > 0 && a.slice(0, 2) === b.slice(0, 2) && editDistance(a, b, tolerance) <= tolerance;
}

/** One key per person name: "Donald J. Holm" and "donald holm" share it. */
export function nameKey(name: string): string {
  return nameWords(name).join(' ');
}

/** Country names a role is written with in full or abbreviated ("United States President", "US President"). */
const SPELLED_OUT = [
  [/\bunited states\b/g, 'us'],
  [/\bunited kingdom\b/g, 'uk'],
] as const;

/**
 * One key per role however an article spells it: "U.S. President", "US President" and "United
 * States President" meet, and so do "President" and "Presidents".
 */
export function roleKey(role: string): string {
  let text = foldText(role).replace(/\.(?=\p{L}|\s|$)/gu, '');
  for (const [long, short] of SPELLED_OUT) text = text.replace(long, short);
  const words = splitFolded(text);
  const last = words.at(-1);
  if (last && last.length > 4 && last.endsWith('s') && !last.endsWith('ss'))
    words[words.length - 1] = last.slice(0, -1);
  return words.join(' ');
}

/** "Presidents" → "President": a plural title before several names describes each of them. */
export function singularRole(role: string): string {
  const match = /^(.*\S)s$/u.exec(role);
  if (!match || /ss$/i.test(role)) return role;
  const lastWord = match[1]!.split(/\s+/).at(-1)!.toLowerCase();
  return ROLE_SINGULARS.has(lastWord) ? match[1]! : role;
}

/** Title words whose plural a role may be written in. */
// biome-ignore format: a word list reads better packed
const ROLE_SINGULARS = new Set([
  'president', 'minister', 'senator', 'governor', 'leader', 'chancellor', 'secretary', 'envoy', 'ambassador',
  'official', 'spokesman', 'spokeswoman', 'aide', 'adviser', 'advisor', 'representative', 'mayor', 'general',
]);

/** URL- and command-safe id for a name. */
export function slugOf(name: string): string {
  return nameWords(name).join('-');
}

/** The family name, taken as the last word of the name (the usual form in English-language news). */
export function surnameOf(name: string): string {
  const words = nameWords(name);
  while (words.length > 1 && SUFFIXES.has(words.at(-1) ?? '')) words.pop();
  return words.at(-1) ?? '';
}

/** True when the text is only a pronoun ("he", "She"): it names no one by itself. */
export function isPronoun(text: string): boolean {
  const words = foldedWords(text);
  return words.length > 0 && words.every((word) => PRONOUNS.has(word));
}

/** True when the text could name someone: capitalised and not a pronoun like "he" or "they". */
export function looksLikeName(text: string): boolean {
  const words = foldedWords(text);
  if (!words.length || words.every((word) => PRONOUNS.has(word))) return false;
  return /^\p{Lu}/u.test(text.trim());
}

/**
 * Wraps a string function with a cache: building the directory asks for the key of the same few
 * hundred names hundreds of thousands of times. Each caller keeps its own for as long as it builds.
 */
export function memoise<T>(compute: (text: string) => T): (text: string) => T {
  const memo = new Map<string, T>();
  return (text) => {
    let value = memo.get(text);
    if (value === undefined) {
      value = compute(text);
      memo.set(text, value);
    }
    return value;
  };
}
