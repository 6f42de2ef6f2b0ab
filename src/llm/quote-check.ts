import { analyseArticle } from '../articles/analysis.js';
import { buildArticle } from '../articles/article.js';
import { isStopword } from '../text/stopwords.js';
import { tokenizeWords } from '../text/tokens.js';

/**
 * Quotations in model output must be verbatim. A quotation found word for word in the articles is
 * kept; one that closely matches a span of a passage (the model misremembered a word or two) is
 * replaced by that exact span; anything else is reported as unfixable, and the caller drops it.
 */

/**
 * Quotations in every style a model writes: curly and straight double marks, German „…“, French
 * « … », and single marks ‘…’ and '…'. A single mark only opens after a space or bracket and only
 * closes before a non-letter, so the apostrophes of "Ek’s" and "leaders' talks" pair with nothing.
 */
const QUOTATION =
  /(“)([^“”\n]+)(”)|(")([^"\n]+)(")|(„)([^„“”\n]+)([“”])|(«\s?)([^«»\n]+?)(\s?»)|(?<=^|[\s([{—–:;-])([‘'])((?:[^'‘’\n]|['’](?=\p{L}))+?)(['’])(?=$|[^\p{L}\p{N}])/gu;

/** A quotation in a text: its marks and the words between them. */
export interface Quotation {
  open: string;
  inner: string;
  close: string;
  /** Offsets of the whole quotation, marks included. */
  start: number;
  end: number;
}

export function quotationsIn(text: string): Quotation[] {
  return [...text.matchAll(QUOTATION)].map((match) => {
    const groups = match.slice(1);
    const at = groups.findIndex((group) => group !== undefined);
    return {
      open: groups[at]!,
      inner: groups[at + 1]!,
      close: groups[at + 2]!,
      start: match.index,
      end: match.index + match[0].length,
    };
  });
}
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
  let text = sentence;
  // Right to left, so a replacement never moves the quotations still to check.
  for (const quotation of quotationsIn(sentence).reverse()) {
    const wanted = normaliseForQuote(quotation.inner.replace(/[,.]$/, ''));
    if (!wanted || sources.some((source) => source.includes(wanted))) continue;
    const span = closestSpan(quotation.inner, passageTexts);
    if (span === null) {
      unfixable++;
      continue;
    }
    corrected++;
    text = `${text.slice(0, quotation.start)}${quotation.open}${span}${quotation.close}${text.slice(quotation.end)}`;
  }
  return { text, corrected, unfixable };
}

/** Words the articles put in quotation marks, and who they say spoke them (name and role). */
export interface AttributedWords {
  text: string;
  speaker: string;
}

/**
 * The quotations of `sentence` credited to someone the articles do not credit them to: the
 * sentence's own attribution ("…,” Dahl said), read by the article quote extractor, must name
 * the person (or role) the articles give for the same words. Attributions by pronoun or by a
 * description ("the engineer said") and words the articles attribute to no one are not judged.
 */
export function misattributedQuotes(sentence: string, attributed: readonly AttributedWords[]): string[] {
  if (!attributed.length || !quotationsIn(sentence).length) return [];
  const claim = buildArticle(sentence, {}, 'model-sentence');
  const quoted = quotationsIn(sentence);
  const wrong: string[] = [];
  for (const quote of analyseArticle(claim).quotes) {
    // Only the words the sentence itself names the speaker with, outside its quotations: a lone
    // sentence gives the resolver nothing to resolve "he" against but the names quoted inside it.
    const mention = quote.speaker?.mention;
    if (!mention || quoted.some((q) => mention.start < q.end && mention.end > q.start)) continue;
    const named = nameWords(mention.text);
    if (!named.length) continue;
    const wanted = normaliseForQuote(quote.text);
    const speakers = attributed
      .filter((words) => {
        const said = normaliseForQuote(words.text);
        return said.includes(wanted) || (said.length > 0 && wanted.includes(said));
      })
      .map((words) => new Set(tokenizeWords(words.speaker).map((token) => token.stem)));
    if (speakers.length && !speakers.some((speaker) => named.some((stem) => speaker.has(stem)))) wrong.push(quote.text);
  }
  return wrong;
}

/** The stems of the capitalised words naming a speaker ("Secretary Erik Dahl"); none for "he", "the engineer". */
function nameWords(name: string): string[] {
  return tokenizeWords(name)
    .filter((token) => /^\p{Lu}/u.test(token.raw) && !isStopword(token.norm))
    .map((token) => token.stem);
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
