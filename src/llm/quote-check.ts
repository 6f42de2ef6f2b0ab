import { tokenizeWords } from '../search/query-terms.js';

/**
 * Quotations in model output must be verbatim. A quotation found word for word in the articles is
 * kept; one that closely matches a span of a passage (the model misremembered a word or two) is
 * replaced by that exact span; anything else is reported as unfixable, and the caller drops it.
 */

/** Double quotation marks only: single ones are too often apostrophes to pair reliably. */
const QUOTATION = /([“"„«])([^“”"„«»]+)([”"»])/g;
/**
 * Word-level similarity (Dice coefficient on word multisets) a passage span needs to stand in for
 * a misquotation: at 0.75, a ten-word quote may have two or three words wrong, not half of them.
 */
export const QUOTE_MATCH_SIMILARITY = 0.75;
/** Spans up to this many words longer or shorter than the quotation are tried. */
const LENGTH_SLACK = 2;
/** Shorter quotations are too short to match approximately: a 2-word span resembles too much. */
const MIN_WORDS_TO_MATCH = 3;

export interface QuoteFix {
  text: string;
  corrected: number;
  /** Quotations neither verbatim nor close to any passage. */
  unfixable: number;
}

/** Whitespace, apostrophes, dashes and case made uniform, so typography alone never fails a quote. */
export function normaliseForQuote(text: string): string {
  return text
    .replace(/[’‘`´]/g, "'")
    .replace(/[‐‑‒–—―]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/**
 * Checks every quotation in `sentence`: `articleTexts` decide what is verbatim, `passageTexts`
 * (cited ones first) supply replacements.
 */
export function fixQuotes(
  sentence: string,
  articleTexts: readonly string[],
  passageTexts: readonly string[],
): QuoteFix {
  const sources = articleTexts.map(normaliseForQuote);
  let corrected = 0;
  let unfixable = 0;
  const text = sentence.replace(QUOTATION, (whole, open: string, inner: string, close: string) => {
    const wanted = normaliseForQuote(inner.replace(/[,.]$/, ''));
    if (!wanted || sources.some((source) => source.includes(wanted))) return whole;
    const span = closestSpan(inner, passageTexts);
    if (span === null) {
      unfixable++;
      return whole;
    }
    corrected++;
    return `${open}${span}${close}`;
  });
  return { text, corrected, unfixable };
}

/** The passage span most like `quotation`, word for word, when one is similar enough. */
export function closestSpan(quotation: string, passageTexts: readonly string[]): string | null {
  const wanted = tokenizeWords(quotation).map((t) => t.norm);
  if (wanted.length < MIN_WORDS_TO_MATCH) return null;
  let best: { score: number; text: string } | null = null;
  for (const passage of passageTexts) {
    const words = tokenizeWords(passage);
    for (let size = Math.max(1, wanted.length - LENGTH_SLACK); size <= wanted.length + LENGTH_SLACK; size++) {
      for (let from = 0; from + size <= words.length; from++) {
        const window = words.slice(from, from + size);
        const score = dice(
          wanted,
          window.map((t) => t.norm),
        );
        if (score >= QUOTE_MATCH_SIMILARITY && (!best || score > best.score)) {
          best = { score, text: passage.slice(window[0]!.start, window[size - 1]!.end) };
        }
      }
    }
  }
  return best?.text ?? null;
}

function dice(a: readonly string[], b: readonly string[]): number {
  const counts = new Map<string, number>();
  for (const word of a) counts.set(word, (counts.get(word) ?? 0) + 1);
  let common = 0;
  for (const word of b) {
    const left = counts.get(word) ?? 0;
    if (left > 0) {
      common++;
      counts.set(word, left - 1);
    }
  }
  return (2 * common) / (a.length + b.length);
}
