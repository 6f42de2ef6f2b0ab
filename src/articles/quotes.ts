import { type Attribution, attributeFromLeadIn, attributeFromRegions, regionsOf, sentenceAt } from './attribution.js';
import type { EntityInArticle } from './people.js';
import { isNotSpeech } from './quote-filters.js';
import { findQuotedSpans, type QuotedSpan } from './quote-marks.js';
import { SpeakerAntecedents } from './speaker-antecedents.js';
import { speakerAtClauseStart } from './speaker-phrases.js';
import { type ResolvedSpeaker, resolveSpeaker } from './speakers.js';
import type { Article, TextSpan } from './types.js';
import { type Token, tokenIndexAt, tokenize } from './word-tokens.js';

export interface Speaker {
  /** Full name as the article gives it ("Maja Lund"), or the surface mention when unresolved. */
  name: string;
  /** Role or title as the article gives it ("White House Press Secretary"), when it does. */
  role: string | null;
  /** The words in the attribution that name the speaker ("Lund", "he"), with their offsets. */
  mention: (TextSpan & { text: string }) | null;
}

export interface Quote extends TextSpan {
  /** Stable: derived from article id and offsets. */
  id: string;
  articleId: string;
  /** Exactly `article.text.slice(start, end)`: the words inside the quotation marks. */
  text: string;
  /** True when the quoted words are a fragment inside a sentence of reported speech. */
  partial: boolean;
  speaker: Speaker | null;
  /** The attribution cue ("said", "told", "added", "wrote", "in a post"). */
  cue: string | null;
  /** Index of the sentence the quote starts in. */
  sentence: number;
  /** Id of the quote this one continues from the previous paragraph, when the quotation runs on. */
  continues?: string;
}

/** A quotation with what is known about its attribution before speakers are resolved. */
interface Candidate {
  span: QuotedSpan;
  attribution: Attribution | null;
  /** Take the speaker of this earlier candidate (same speech going on). */
  inheritFrom: number | null;
  /** Sits inside a sentence of its own, after the quotation it would inherit from. */
  ownSentence?: boolean;
  partial: boolean;
}

const MAX_SCARE_QUOTE_WORDS = 2;

function quoteId(articleId: string, span: TextSpan): string {
  return `${articleId}:${span.start}-${span.end}`;
}

/**
 * A quotation is partial when it sits inside a sentence of reported speech ("said Berg held a
 * “truly historic” meeting") rather than standing as the whole sentence or clause.
 */
function isPartial(article: Article, span: QuotedSpan, previous: QuotedSpan | undefined): boolean {
  const inner = article.text.slice(span.start, span.end);
  if (!/^[\p{Lu}\p{N}[…]/u.test(inner)) return true;
  const sentence = article.sentences[sentenceAt(article, span.open)];
  let from = sentence?.start ?? span.open;
  if (previous?.close != null && previous.close < span.open) from = Math.max(from, previous.close + 1);
  const before = article.text.slice(from, span.open).trim();
  return before !== '' && !/[:,—–―-]$/.test(before);
}

/** Fills in quotations with no attribution of their own from the speech they belong to. */
function inheritAttributions(article: Article, tokens: readonly Token[], candidates: Candidate[]): void {
  for (let i = 0; i < candidates.length; i++) {
    const candidate = candidates[i]!;
    if (candidate.attribution) continue;
    const previous = candidates[i - 1];
    const opensLine = /(?:^|\n)[ \t\u00a0]*$/.test(
      article.text.slice(Math.max(0, candidate.span.open - 8), candidate.span.open),
    );
    if (opensLine) candidate.attribution = attributeFromLeadIn(article, tokens, candidate.span.open);
    if (candidate.attribution || !previous) continue;
    const sameParagraph = previous.span.paragraph === candidate.span.paragraph;
    const followsOn = opensLine && previous.span.paragraph === candidate.span.paragraph - 1;
    if (sameParagraph || followsOn || candidate.span.continues) candidate.inheritFrom = i - 1;
    const sentence = sentenceAt(article, candidate.span.open);
    candidate.ownSentence =
      sentence !== sentenceAt(article, previous.span.open) &&
      article.text.slice(article.sentences[sentence]!.start, candidate.span.open).trim() !== '';
  }
  // "“First paragraph … (no closing mark) ¶ “… second,” she said.": the attribution comes later.
  for (let i = candidates.length - 2; i >= 0; i--) {
    const candidate = candidates[i]!;
    const next = candidates[i + 1]!;
    if (!candidate.attribution && candidate.span.runsOn && next.span.continues && next.attribution) {
      candidate.attribution = next.attribution;
      candidate.inheritFrom = null;
    }
  }
}

/** "Quote: “…”": a label word and a colon before it, or nothing, on its paragraph. */
const LABEL = /^(?:\p{Lu}\p{L}*\s*:\s*)?$/u;

function opensParagraph(article: Article, span: QuotedSpan): boolean {
  const paragraph = article.paragraphs[span.paragraph];
  return !!paragraph && LABEL.test(article.text.slice(paragraph.start, span.open));
}

/**
 * "Viguerie is upbeat about the race. ¶ “Not only can …”": with no one speaking in the paragraph
 * before, a quotation standing alone is the words of the last subject of that paragraph.
 */
function subjectOfParagraph(
  article: Article,
  paragraph: number,
  antecedents: SpeakerAntecedents,
): EntityInArticle | null {
  const sentences = article.sentences.filter((sentence) => sentence.paragraph === paragraph);
  for (const sentence of sentences.reverse()) {
    const subject = antecedents.subjectOf(sentence.index);
    if (subject) return subject;
  }
  return null;
}

/**
 * "Holm said that the talks will focus on … ¶ Quote: “To this end, we will …”": a quotation
 * standing alone at the head of a paragraph continues the reported speech just before it, so it
 * is the last speaker of the previous paragraph's.
 */
function speakerOfParagraphBefore(
  article: Article,
  tokens: readonly Token[],
  span: QuotedSpan,
  antecedents: SpeakerAntecedents,
): ResolvedSpeaker | null {
  const previous = article.paragraphs[span.paragraph - 1];
  if (!previous) return null;
  const entity =
    antecedents.lastSpeakerIn(previous.start, previous.end) ??
    subjectOfParagraph(article, span.paragraph - 1, antecedents);
  if (entity) return { speaker: { name: entity.name, role: entity.roles[0] ?? null, mention: null }, person: true };
  const last = article.sentences.findLast((sentence) => sentence.paragraph === span.paragraph - 1);
  return last ? pronounSubjectOf(article, tokens, last, antecedents) : null;
}

/**
 * "Clinton touted her credentials as a co-sponsor. “We need to find ways …”": a quotation that
 * opens a sentence with no attribution of its own follows on from the sentence before it in the
 * same paragraph, and is the words of the person that sentence is about.
 */
function speakerOfSentenceBefore(
  article: Article,
  tokens: readonly Token[],
  span: QuotedSpan,
  antecedents: SpeakerAntecedents,
): ResolvedSpeaker | null {
  const index = sentenceAt(article, span.open);
  const sentence = article.sentences[index];
  const before = article.sentences[index - 1];
  if (!sentence || !before || before.paragraph !== sentence.paragraph) return null;
  if (article.text.slice(sentence.start, span.open).trim()) return null;
  const entity = antecedents.subjectOf(index - 1);
  if (entity) return { speaker: { name: entity.name, role: entity.roles[0] ?? null, mention: null }, person: true };
  return pronounSubjectOf(article, tokens, before, antecedents);
}

/** "She said she and Obama had made progress. “I really believe …”": a he or she opening the sentence, resolved. */
function pronounSubjectOf(
  article: Article,
  tokens: readonly Token[],
  sentence: TextSpan,
  antecedents: SpeakerAntecedents,
): ResolvedSpeaker | null {
  const phrase = speakerAtClauseStart(
    article.text,
    tokens,
    tokenIndexAt(tokens, sentence.start),
    tokenIndexAt(tokens, sentence.end),
  );
  if (phrase?.kind !== 'pronoun' || !/^(?:he|she)$/.test(phrase.tokens[0]!.lower)) return null;
  const resolved = resolveSpeaker(article, phrase, antecedents);
  return resolved.speaker.name === article.text.slice(phrase.start, phrase.end) ? null : resolved;
}

/**
 * "Lind thanked him for “stepping up …”", "Dahl also bemoaned a climate in which people
 * “literally hate each other”": a quotation inside a sentence with no speech verb of its own is
 * the words of the person the sentence is about, its subject, when that is a name or a pronoun.
 */
function speakerOfOwnSentence(
  article: Article,
  tokens: readonly Token[],
  span: QuotedSpan,
  antecedents: SpeakerAntecedents,
): ResolvedSpeaker | null {
  const sentence = article.sentences[sentenceAt(article, span.open)];
  if (!sentence) return null;
  const lo = tokenIndexAt(tokens, sentence.start);
  const hi = tokenIndexAt(tokens, span.open);
  if (hi <= lo) return null;
  const phrase = speakerAtClauseStart(article.text, tokens, lo, hi);
  if (!phrase || phrase.kind === 'noun') return null;
  // With no cue to say it speaks, a capitalised opener ("Indeed", "His face") is no speaker: only a name the article knows.
  const last = phrase.tokens.at(-1)!;
  if (
    phrase.kind === 'name' &&
    !antecedents.people.some((entity) => entity.spans.some((s) => s.start <= last.start && last.start < s.end))
  )
    return null;
  return resolveSpeaker(article, phrase, antecedents);
}

/**
 * Every direct quotation in the article, with its speaker resolved against the article's people
 * and organisations. Pure string work, so it stays fast enough to run on every article as it arrives.
 */
export function extractQuotes(
  article: Article,
  entities: readonly EntityInArticle[],
  tokens: readonly Token[] = tokenize(article.text),
): Quote[] {
  const text = article.text;
  const allSpans = findQuotedSpans(text, article.paragraphs);
  const spans = allSpans.filter((span) => span.depth === 0 && !isNotSpeech(text, tokens, span));
  const antecedents = new SpeakerAntecedents(article, tokens, entities, allSpans);
  const candidates: Candidate[] = spans.map((span, i) => {
    const previous = spans[i - 1]?.paragraph === span.paragraph ? spans[i - 1] : undefined;
    const next = spans[i + 1]?.paragraph === span.paragraph ? spans[i + 1] : undefined;
    const attribution = attributeFromRegions(text, tokens, regionsOf(article, tokens, span, previous, next));
    return { span, attribution, inheritFrom: null, partial: isPartial(article, span, previous) };
  });
  inheritAttributions(article, tokens, candidates);
  const quotes: Quote[] = [];
  const resolved: Array<ResolvedSpeaker | null> = [];
  for (const { span, attribution, inheritFrom, partial, ownSentence } of candidates) {
    let speaker: ResolvedSpeaker | null = null;
    if (attribution?.speaker) speaker = resolveSpeaker(article, attribution.speaker, antecedents);
    // "Dahl later called the plan a “…”": a quotation inside a sentence of its own, after another
    // one, is the words of that sentence's subject, when it has one, not of whoever spoke before
    // (only where someone spoke before: a short quotation with no one speaking stays a scare quote).
    else if (inheritFrom !== null && ownSentence && resolved[inheritFrom])
      speaker = speakerOfOwnSentence(article, tokens, span, antecedents) ?? resolved[inheritFrom] ?? null;
    // "What “go ahead” means … since Dunn spoke …" ¶ "“We have to …”": a paragraph of quotation after a
    // scare quote no one said is the words of the paragraph before's subject (short ones stay scare quotes).
    else if (inheritFrom !== null)
      speaker =
        resolved[inheritFrom] ??
        (opensParagraph(article, span) &&
        candidates[inheritFrom]?.span.paragraph !== span.paragraph &&
        text.slice(span.start, span.end).split(/\s+/).length > MAX_SCARE_QUOTE_WORDS
          ? speakerOfParagraphBefore(article, tokens, span, antecedents)
          : null);
    else if (opensParagraph(article, span)) speaker = speakerOfParagraphBefore(article, tokens, span, antecedents);
    else
      speaker =
        speakerOfSentenceBefore(article, tokens, span, antecedents) ??
        speakerOfOwnSentence(article, tokens, span, antecedents);
    resolved.push(speaker);
    // One or two words in quotation marks with no one saying them are scare quotes or a term.
    if (!speaker && text.slice(span.start, span.end).split(/\s+/).length <= MAX_SCARE_QUOTE_WORDS) continue;
    const continued = span.continues ? quotes.at(-1) : undefined;
    quotes.push({
      id: quoteId(article.id, span),
      articleId: article.id,
      start: span.start,
      end: span.end,
      text: text.slice(span.start, span.end),
      partial,
      speaker: speaker?.speaker ?? null,
      cue: attribution?.cue ?? (inheritFrom !== null ? (quotes[inheritFrom]?.cue ?? null) : null),
      sentence: sentenceAt(article, span.start),
      ...(continued ? { continues: continued.id } : {}),
    });
  }
  return quotes;
}
