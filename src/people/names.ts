/**
 * Name and word keys shared by the people directory and the quote finder: text is folded
 * (accents removed, lower case, curly apostrophes straightened) so "Zelenskyy", "zelenskyy" and
 * "Zelénskyy" meet, and names are keyed without initials or honorifics so "Donald J. Trump" and
 * "Mr Donald Trump" are one person.
 */

/** Honorifics that sit in front of a name but are not part of it. */
const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'mx', 'dr', 'sir', 'dame', 'prof']);

/** Generational suffixes: part of the name ("Donald Trump Jr." is not his father) but not the surname. */
const SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv']);

/** Mentions that point at a speaker without naming them; never used as a name key. */
// biome-ignore format: a word list reads better packed
const PRONOUNS = new Set([
  'he', 'she', 'they', 'it', 'we', 'i', 'you', 'him', 'her', 'them', 'his', 'hers', 'their', 'who',
  'this', 'that', 'one',
]);

const NON_ASCII = /[^ -~\s]/;

const WORD = /[\p{L}\p{N}]+(?:'[\p{L}]+)*/gu;

/** Lower case without accents, with typographic apostrophes and dashes made plain. */
export function foldText(text: string): string {
  // Most text is plain ASCII, which needs no accent folding; skipping NFKD there halves the cost.
  if (!NON_ASCII.test(text)) return text.toLowerCase();
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[’‘`´]/g, "'")
    .toLowerCase();
}

/** The folded words of a text; a trailing possessive "'s" is dropped ("Trump's" is "trump"). */
export function wordsOf(text: string): string[] {
  // String#match collects all words in one call, several times faster than iterating matchAll.
  const words = foldText(text).match(WORD) ?? [];
  for (let index = 0; index < words.length; index++) {
    const word = words[index] as string;
    if (word.endsWith("'s")) words[index] = word.slice(0, -2);
  }
  return words;
}

/** The words of a name that identify the person: no single-letter initials, no honorifics. */
export function nameWords(name: string): string[] {
  const words = wordsOf(name).filter((word) => word.length > 1 && !HONORIFICS.has(word));
  return words.length ? words : wordsOf(name);
}

/** One key per person name: "Donald J. Trump" and "donald trump" share it. */
export function nameKey(name: string): string {
  return nameWords(name).join(' ');
}

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
  const words = wordsOf(text);
  return words.length > 0 && words.every((word) => PRONOUNS.has(word));
}

/** True when the text could name someone: capitalised and not a pronoun like "he" or "they". */
export function looksLikeName(text: string): boolean {
  const words = wordsOf(text);
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
