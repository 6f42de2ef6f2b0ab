import type { Paragraph, TextSpan } from './types.js';

/** The words between a pair of quotation marks. */
export interface QuotedSpan extends TextSpan {
  /** Offset of the opening mark. */
  open: number;
  /** Offset of the closing mark; null when the quotation is left open at the end of its paragraph. */
  close: number | null;
  /** Single marks (‘ ’ or ' '). */
  single: boolean;
  /** 0 for a quotation, 1 for a quotation inside it, and so on. */
  depth: number;
  paragraph: number;
  /** Left open because it goes on in the next paragraph, which opens with a quotation mark. */
  runsOn: boolean;
  /** Goes on from a quotation left open at the end of the previous paragraph. */
  continues: boolean;
}

interface OpenMark {
  at: number;
  double: boolean;
}

/** Words that begin with an apostrophe, which is not an opening single quote ("’em", "’90s"). */
const ELISION = /^(?:em|til|cause|n|s|bout|round|\d\d)\b/i;
const OPEN_CONTEXT = /[\s([{—–\-/:;“‘"]/;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const OPENING_MARKS = /^[“"‘]/;

function isAsciiLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function isSpace(char: string | undefined): boolean {
  return char === undefined || /\s/.test(char);
}

/** Trims spaces and the comma that ends a quotation before its attribution ("…," she said). */
function innerSpan(text: string, from: number, to: number): TextSpan | null {
  let start = from;
  let end = to;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /[\s,]/.test(text[end - 1]!)) end--;
  return end > start && LETTER_OR_DIGIT.test(text.slice(start, end)) ? { start, end } : null;
}

/**
 * Pairs quotation marks paragraph by paragraph: curly and straight double marks, and single marks
 * that open after a space and close before a non-letter (so apostrophes in "Holm’s" are skipped).
 * Curly marks typed the wrong way round and straight marks are told apart by the characters around them.
 */
export function findQuotedSpans(text: string, paragraphs: readonly Paragraph[]): QuotedSpan[] {
  const spans: QuotedSpan[] = [];
  let continuing = false;
  for (const paragraph of paragraphs) {
    const stack: OpenMark[] = [];
    let lineOpen = -1;
    const emit = (mark: OpenMark, close: number | null, end: number, runsOn: boolean) => {
      const inner = innerSpan(text, mark.at + 1, end);
      if (!inner) return;
      const isFirst = continuing && (mark.at === paragraph.start || mark.at === lineOpen);
      spans.push({
        ...inner,
        open: mark.at,
        close,
        single: !mark.double,
        depth: stack.length,
        paragraph: paragraph.index,
        runsOn,
        continues: isFirst,
      });
    };
    const closeTo = (double: boolean, at: number): boolean => {
      const index = stack.findLastIndex((mark) => mark.double === double);
      if (index < 0) return false;
      // Marks opened inside and never closed were apostrophes or typos.
      const mark = stack[index]!;
      stack.length = index;
      emit(mark, at, at, false);
      return true;
    };
    for (let i = paragraph.start; i < paragraph.end; i++) {
      const code = text.charCodeAt(i);
      // Only line breaks and quotation marks matter; skip everything else cheaply.
      if (code !== 10 && code !== 34 && code !== 39 && (code < 0x2018 || code > 0x201d)) continue;
      // An apostrophe inside a word ("Holm’s", "don't") is by far the most common case.
      if (
        (code === 39 || code === 0x2019) &&
        isAsciiLetter(text.charCodeAt(i - 1)) &&
        isAsciiLetter(text.charCodeAt(i + 1))
      ) {
        continue;
      }
      const char = text.charAt(i);
      if (char === '\n') {
        // A line that opens with a quotation mark while one is still open goes on with the same
        // speech, as a new paragraph would (texts that put one paragraph on each line).
        let lineStart = i + 1;
        while (lineStart < paragraph.end && /[ \t\u00a0]/.test(text[lineStart]!)) lineStart++;
        const outer = stack.find((mark) => mark.double);
        if (outer && OPENING_MARKS.test(text[lineStart] ?? '')) {
          stack.length = 0;
          emit(outer, null, i, true);
          continuing = true;
          lineOpen = lineStart;
        }
        continue;
      }
      if (char !== '“' && char !== '”' && char !== '"' && char !== '‘' && char !== '’' && char !== "'") continue;
      const prev = i > paragraph.start ? text[i - 1] : undefined;
      const next = i + 1 < paragraph.end ? text[i + 1] : undefined;
      const opensHere = prev === undefined || OPEN_CONTEXT.test(prev);
      const hasDouble = stack.some((mark) => mark.double);
      if (char === '“') {
        if (hasDouble && !isSpace(prev) && (isSpace(next) || !LETTER_OR_DIGIT.test(next!))) closeTo(true, i);
        else stack.push({ at: i, double: true });
      } else if (char === '”') {
        if (!closeTo(true, i) && opensHere && next && LETTER_OR_DIGIT.test(next)) stack.push({ at: i, double: true });
      } else if (char === '"') {
        if (opensHere && !isSpace(next)) stack.push({ at: i, double: true });
        else if (hasDouble) closeTo(true, i);
      } else if (opensHere && next && LETTER_OR_DIGIT.test(next) && !ELISION.test(text.slice(i + 1, i + 6))) {
        stack.push({ at: i, double: false });
      } else if (!isSpace(prev) && !(next && LETTER_OR_DIGIT.test(next))) {
        const top = stack.at(-1);
        if (top && !top.double) closeTo(false, i);
      }
    }
    const nextParagraph = paragraphs[paragraph.index + 1];
    const runsOn = nextParagraph !== undefined && OPENING_MARKS.test(text[nextParagraph.start] ?? '');
    const outer = stack.find((mark) => mark.double);
    stack.length = 0;
    if (outer) emit(outer, null, paragraph.end, runsOn);
    continuing = outer !== undefined && runsOn;
  }
  return spans.sort((a, b) => a.open - b.open);
}
