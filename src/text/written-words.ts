/**
 * Words as written, found by a hand-written scan: the splitting of running text whose words are
 * kept with their spans (summaries rank and trim sentences by them) rather than folded. For folded
 * words see `foldedWords` (names, quotes) and `tokenizeWords` (search, answers).
 */

/** A letter or digit outside ASCII, as one code point (sticky: tested at a given index). */
const NON_ASCII_WORD_CHAR = /[\p{L}\p{N}]/uy;

/** 1 for an ASCII letter or digit, else 0: a table lookup is the cheapest test per character. */
const ASCII_WORD_CHAR = Uint8Array.from({ length: 0x80 }, (_, code) =>
  (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39) ? 1 : 0,
);

/** Code units of the word character at `at` (2 for an astral letter), or 0 when it is not one. */
function wordCharAt(text: string, at: number): number {
  const code = text.charCodeAt(at);
  // The ASCII test stays here, small enough to be inlined into the scan; the rest is rare.
  return code < 0x80 ? ASCII_WORD_CHAR[code]! : nonAsciiWordCharAt(text, at);
}

function nonAsciiWordCharAt(text: string, at: number): number {
  if (at >= text.length) return 0;
  NON_ASCII_WORD_CHAR.lastIndex = at;
  return NON_ASCII_WORD_CHAR.test(text) ? NON_ASCII_WORD_CHAR.lastIndex - at : 0;
}

/** Apostrophes and hyphens join letters into one word ("Ek's", "long-range"). */
function isJoiner(code: number): boolean {
  return code === 0x27 || code === 0x2019 || code === 0x2d;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/**
 * Calls `visit` with the span of each word of `text` and whether it holds an ASCII digit. Words
 * are letters and digits, with inner apostrophes and hyphens kept ("Ek's", "long-range"), as
 * the Unicode pattern `[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*` matches them. A scan rather than the
 * regular expression: it is about three times faster, and every sentence of every article is split
 * when a corpus is ranked.
 */
export function forEachWrittenWord(text: string, visit: (start: number, end: number, hasDigit: boolean) => void): void {
  const length = text.length;
  let at = 0;
  while (at < length) {
    const first = wordCharAt(text, at);
    if (first === 0) {
      at++;
      continue;
    }
    const start = at;
    let hasDigit = false;
    at += first;
    for (;;) {
      while (at < length) {
        const code = text.charCodeAt(at);
        const width = code < 0x80 ? ASCII_WORD_CHAR[code]! : nonAsciiWordCharAt(text, at);
        if (width === 0) break;
        if (code <= 0x39) hasDigit = true;
        at += width;
      }
      // An apostrophe or hyphen between letters joins two runs into one word.
      if (at + 1 < length && isJoiner(text.charCodeAt(at)) && wordCharAt(text, at + 1) > 0) {
        at++;
        continue;
      }
      break;
    }
    visit(start, at, hasDigit || isDigit(text.charCodeAt(start)));
  }
}

/** The words of `text` as written (`forEachWrittenWord`), in order. */
export function writtenWords(text: string): string[] {
  const words: string[] = [];
  forEachWrittenWord(text, (start, end) => words.push(text.slice(start, end)));
  return words;
}
