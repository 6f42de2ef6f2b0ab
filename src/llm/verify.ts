import { splitParagraphs } from '../articles/article.js';
import { splitSentences } from '../articles/sentences.js';
import type { Corpus } from '../corpus/corpus.js';
import { neutraliseMentions, stripThinking, withoutMentions } from './model-text.js';
import type { NumberedPassage } from './prompt.js';
import { REFUSAL_PHRASE } from './prompt.js';
import { type AttributedWords, fixQuotes, misattributedQuotes } from './quote-check.js';
import { checkSupport } from './support.js';

/**
 * Verification of a model's answer against the passages it was shown, before anyone sees it. Pure:
 * the same text and passages always give the same result.
 *
 *  1. Reasoning (`<think>…</think>`, or an unterminated block) is removed.
 *  2. Citations [n] to passages that were not shown are removed (`citationsRemoved`).
 *  3. The text is split into sentences (see `modelSentences`). A sentence holding the refusal
 *     phrase is set aside.
 *  4. Each quotation, in any quotation marks, must be verbatim in the articles; a close
 *     misquotation is replaced by the passage's exact words (`quotesCorrected`); a sentence with a
 *     quotation that matches nothing, or credits it to someone the articles do not, is dropped
 *     (`quotesRemoved`), because a sentence with a hole where a quote was is a new claim.
 *  5. A sentence with no valid citation, or that its cited passages (with their headlines) do not
 *     support (see `checkSupport` in support.ts: words, names, numbers with their units, polarity),
 *     is dropped (`sentencesDropped`).
 *  6. A citation to a passage that does not support the sentence is removed (`citationsRemoved`);
 *     when that leaves one article of several cited, the sentence says it is that article's alone.
 *  7. Mentions in what survives are neutralised.
 * If the model refused, or nothing survives, the result is a failure with the reason, and the
 * caller falls back to the extractive answer.
 */

/** Where a verified sentence's evidence lies: enough for commands to build a Citation. */
export interface PassageRef {
  n: number;
  articleId: string;
  start: number;
  end: number;
}

export interface VerifiedSentence {
  /** Plain text with the citation markers taken out and mentions neutralised. */
  text: string;
  passages: PassageRef[];
}

export interface VerificationCounts {
  citationsRemoved: number;
  sentencesDropped: number;
  quotesCorrected: number;
  quotesRemoved: number;
}

/** Nothing removed, dropped or corrected: where every tally starts (copy it, it is shared). */
export const NO_COUNTS: Readonly<VerificationCounts> = {
  citationsRemoved: 0,
  sentencesDropped: 0,
  quotesCorrected: 0,
  quotesRemoved: 0,
};

/** Adds the counts of one verification (`from`) to a running tally (`into`). */
export function addCounts(into: VerificationCounts, from: Readonly<VerificationCounts>): void {
  for (const name of Object.keys(into) as (keyof VerificationCounts)[]) into[name] += from[name];
}

/** The full texts of the articles `passages` come from, each once: `VerifyOptions.articleTexts`. */
export function articleTextsOf(passages: readonly NumberedPassage[], corpus: Corpus): string[] {
  return [...new Set(passages.map((p) => p.articleId))].map((id) => corpus.get(id)?.text ?? '');
}

/** The attributed quotations of the passages' articles: `VerifyOptions.attributed`. */
export function attributedWordsOf(passages: readonly NumberedPassage[], corpus: Corpus): AttributedWords[] {
  return [...new Set(passages.map((p) => p.articleId))].flatMap((id) =>
    (corpus.analysis(id)?.quotes ?? []).flatMap((quote) =>
      quote.speaker ? [{ text: quote.text, speaker: [quote.speaker.name, quote.speaker.role ?? ''].join(' ') }] : [],
    ),
  );
}

/** What the passages' articles say for verification: their texts and who they quote. */
export function articleEvidenceOf(
  passages: readonly NumberedPassage[],
  corpus: Corpus,
): Pick<VerifyOptions, 'articleTexts' | 'attributed'> {
  return { articleTexts: articleTextsOf(passages, corpus), attributed: attributedWordsOf(passages, corpus) };
}

export type Verification =
  | { ok: true; sentences: VerifiedSentence[]; text: string; counts: VerificationCounts }
  | { ok: false; reason: 'empty' | 'refused' | 'unverified' | 'premise'; counts: VerificationCounts };

export interface VerifyOptions {
  /** Full texts of the passages' articles: what "verbatim in the articles" is checked against. */
  articleTexts: readonly string[];
  /** Who the articles credit their quotations to; without it, speakers are not checked. */
  attributed?: readonly AttributedWords[];
  /**
   * The question (so the answer) is in another language than the articles (see `checkSupport`).
   * Decided from the question, never from the model's text, which a planted instruction could steer.
   */
  crossLanguage?: boolean;
}

/** A group of citations: [2], [1, 3], [1; 3]. */
const CITATION_GROUP = /\[\s*(\d+(?:\s*[,;]\s*\d+)*)\s*\]/g;
/** Citations written after the full stop ("… week. [2]") belong to the sentence before it. */
const CITATIONS_AFTER_STOP = /([.!?…])((?:\s*\[\s*\d+(?:\s*[,;]\s*\d+)*\s*\])+)/g;
const LIST_MARKER = /^\s*(?:[-*•]|\d{1,3}[.)])\s+/;
const HAS_WORD = /[\p{L}\p{N}]/u;

/** Model text with reasoning removed and citations written after a full stop moved before it. */
function answerText(raw: string): string {
  return stripThinking(raw).replace(CITATIONS_AFTER_STOP, (_, stop: string, cites: string) => `${cites}${stop}`);
}

/**
 * The sentences of a model's text still being written that are finished: all but the last, which
 * may yet grow (more words, or the citations that end it). A draft is made of these only, so
 * that it can be verified as the answer will be.
 */
export function finishedSentences(raw: string): string {
  return modelSentences(answerText(raw)).slice(0, -1).join('\n');
}

export function verifyAnswer(raw: string, passages: readonly NumberedPassage[], options: VerifyOptions): Verification {
  const counts: VerificationCounts = { ...NO_COUNTS };
  const byNumber = new Map(passages.map((passage) => [passage.n, passage]));
  const text = answerText(raw);
  if (!HAS_WORD.test(text)) return { ok: false, reason: 'empty', counts };

  let refused = false;
  const sentences: VerifiedSentence[] = [];
  const cited: string[] = [];
  for (const sentence of modelSentences(text)) {
    if (sentence.toUpperCase().includes(REFUSAL_PHRASE)) {
      refused = true;
      continue;
    }
    const numbers: number[] = [];
    const withValidCites = sentence.replace(CITATION_GROUP, (_, group: string) => {
      const valid = group
        .split(/[,;]/)
        .map(Number)
        .filter((n) => {
          if (byNumber.has(n)) return true;
          counts.citationsRemoved++;
          return false;
        });
      numbers.push(...valid);
      return valid.length ? `[${valid.join('][')}]` : '';
    });
    const claim = tidy(withValidCites.replace(CITATION_GROUP, '').replace(LIST_MARKER, ''));
    if (!HAS_WORD.test(claim)) continue;
    const refs = [...new Set(numbers)].map((n) => byNumber.get(n)!);
    if (!refs.length) {
      counts.sentencesDropped++;
      continue;
    }
    const citedTexts = refs.map((ref) => ref.text);
    const otherTexts = passages.filter((p) => !refs.includes(p)).map((p) => p.text);
    const quotes = fixQuotes(claim, options.articleTexts, [...citedTexts, ...otherTexts]);
    counts.quotesCorrected += quotes.corrected;
    const misattributed = misattributedQuotes(quotes.text, options.attributed ?? []).length;
    if (quotes.unfixable || misattributed) {
      counts.quotesRemoved += quotes.unfixable + misattributed;
      counts.sentencesDropped++;
      continue;
    }
    const checked = withoutMentions(quotes.text);
    const supports = (by: readonly NumberedPassage[]) =>
      checkSupport(checked, evidenceOf(by), options.crossLanguage).supported;
    if (!supports(refs)) {
      counts.sentencesDropped++;
      continue;
    }
    const kept = supportingOnly(refs, supports);
    counts.citationsRemoved += refs.length - kept.length;
    const soleArticle = new Set(kept.map((ref) => ref.articleId)).size === 1;
    const alone = soleArticle && new Set(refs.map((ref) => ref.articleId)).size > 1;
    const text = neutraliseMentions(alone ? `${quotes.text} ${aloneNote(kept[0]!)}` : quotes.text);
    sentences.push({ text, passages: kept.map(({ n, articleId, start, end }) => ({ n, articleId, start, end })) });
    cited.push(`${text} ${kept.map((ref) => `[${ref.n}]`).join('')}`);
  }
  if (!sentences.length) return { ok: false, reason: refused ? 'refused' : 'unverified', counts };
  return { ok: true, sentences, text: cited.join(' '), counts };
}

/** The model is shown each passage with its headline, so a sentence may name what the headline names. */
function evidenceOf(refs: readonly NumberedPassage[]): string[] {
  return refs.flatMap((ref) => [ref.source, ref.text]);
}

/**
 * The cited passages that support the sentence: one is let go when the rest still support it and
 * it does not on its own (a planted claim cited to its article and to a real one keeps only the
 * first). Passages that each support it are all kept, as are passages it needs together.
 */
function supportingOnly(
  refs: readonly NumberedPassage[],
  supports: (by: readonly NumberedPassage[]) => boolean,
): NumberedPassage[] {
  let kept = [...refs];
  for (const ref of refs) {
    if (kept.length === 1) break;
    const rest = kept.filter((other) => other !== ref);
    if (!supports([ref]) && supports(rest)) kept = rest;
  }
  return kept;
}

/** Said of a sentence the model cited to several articles that only one of them supports. */
function aloneNote(ref: NumberedPassage): string {
  return `(Only one of the articles cited says this: ${ref.source}.)`;
}

/** A run of citation groups with the punctuation closing its sentence: "[2][3].", "[1]”". */
const SENTENCE_END_CITATIONS = /(?:\[\s*\d+(?:\s*[,;]\s*\d+)*\s*\]\s*)+[.!?…]?["”’)]*/g;

/**
 * The model's sentences. Asked to end every sentence with its citations, a model marks its own
 * sentence ends: the text is cut after each run of citations (and at line breaks), and only then
 * split by the article sentence splitter, so uncited sentences stand alone (and are dropped) rather
 * than riding on a neighbour's citation.
 */
function modelSentences(text: string): string[] {
  const sentences: string[] = [];
  for (const line of text.split(/\n+/)) {
    let from = 0;
    const pieces: string[] = [];
    for (const match of line.matchAll(SENTENCE_END_CITATIONS)) {
      const end = match.index + match[0].length;
      pieces.push(line.slice(from, end));
      from = end;
    }
    pieces.push(line.slice(from));
    for (const piece of pieces) {
      const trimmed = piece.trim();
      if (trimmed) sentences.push(...splitSentences(trimmed, splitParagraphs(trimmed)).map((s) => s.text));
    }
  }
  return sentences;
}

/** Spaces left where citations were taken out ("week [2]." → "week ."). */
function tidy(text: string): string {
  return text
    .replace(/\s+([.,;:!?…])/g, '$1')
    .replace(/\s{2,}/g, ' ')
    .trim();
}
