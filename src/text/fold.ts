/** Words with nothing to fold: the common case, which skips Unicode normalisation. */
const PLAIN = /^[a-z0-9]*$/i;
const MARKS = /\p{M}/gu;
/** Zero-width, bidirectional and other invisible format characters (Unicode category Cf). */
const FORMAT = /\p{Cf}/gu;
/** Anything outside printable ASCII and whitespace: text without it has no accent to fold. */
const NON_ASCII = /[^ -~\s]/;
/** Typographic apostrophes and accents used as apostrophes. */
const APOSTROPHES = /[’‘`´]/g;

/**
 * The form a word is compared in. NFKC first, so compatibility forms that are typed or pasted
 * (fullwidth ｈａｒｂｏｕｒ, the ligature ﬁ, ², ①) match the plain letters and digits of the
 * articles; then accents are removed and the word lower-cased. NFKD is NFKC's decomposition, so one
 * pass does both. For matching only: article text is stored and quoted exactly as written.
 */
export function foldWord(word: string): string {
  return PLAIN.test(word) ? word.toLowerCase() : word.normalize('NFKD').replace(MARKS, '').toLowerCase();
}

/**
 * Text typed to search with, without the invisible characters that would split a word in two
 * ("Har\u200Bbour"). Not for article text, whose offsets must stay those of the text as written.
 */
export function withoutFormatCharacters(text: string): string {
  return text.replace(FORMAT, '');
}

/**
 * `foldWord` for running text, with typographic apostrophes made plain ("didn’t" → "didn't"), so
 * words read from it compare with words typed. Plain ASCII text is only lower-cased: it has no
 * accent to remove, and skipping NFKD there halves the cost.
 */
export function foldText(text: string): string {
  if (!NON_ASCII.test(text)) return text.toLowerCase();
  return text.normalize('NFKD').replace(MARKS, '').replace(APOSTROPHES, "'").toLowerCase();
}
