import type { Article } from '../articles/types.js';
import { foldText } from '../text/fold.js';
import { isFunctionWord } from '../text/stopwords.js';
import { splitFolded } from '../text/words.js';

/**
 * Two articles whose opening paragraphs share at least this share of their distinct content words
 * (Jaccard) carry the same wire copy. Outlets rewrite a headline, trim a sentence or add a local
 * paragraph, which leaves wire copy well above it; two reporters writing up the same event share
 * names and topic words but rarely a third of their vocabulary.
 */
export const WIRE_JACCARD_THRESHOLD = 0.5;
/** Wire copy is edited most at the end (trimmed to fit), least at the top. */
export const LEAD_PARAGRAPHS = 3;
/** A sentence this long appearing word for word in two articles was copied, not written twice. */
export const LONG_SENTENCE_WORDS = 12;
/** This many shared long sentences mark the same story even when the leads were rewritten. */
export const SHARED_LONG_SENTENCES = 2;

export interface WireGroup {
  /** The first report of the story: the one announced. */
  leadArticleId: string;
  /**
   * The lead's origin. Outlets running the copy word for word share an article id, so compare this
   * with the new article's origin to tell whether the new article is itself the lead.
   */
  leadOrigin: string;
  /** Other outlets carrying the same story, for "also reported by …"; never the lead's own outlet. */
  alsoReportedBy: string[];
}

/**
 * Finds the recent articles carrying the same wire story as `newArticle`. Returns null when it is a
 * story of its own. Otherwise the lead is the earliest report (by date; on a tie, the first in
 * `recentArticles`, which should be in arrival order, with `newArticle` last): when that is not
 * `newArticle`, it should not be announced again, only added to the lead's "also reported by".
 * `recentArticles` should not hold an earlier version of `newArticle` itself (an update, not a copy).
 */
export function groupWireStories(newArticle: Article, recentArticles: readonly Article[]): WireGroup | null {
  const matches = wireCopies(newArticle, recentArticles);
  if (!matches.length) return null;
  const group = [...matches, newArticle];
  const lead = group.reduce((earliest, article) =>
    (article.date ?? '9999') < (earliest.date ?? '9999') ? article : earliest,
  );
  const copies = group.filter((article) => article !== lead);
  return { leadArticleId: lead.id, leadOrigin: lead.origin, alsoReportedBy: otherOutlets(lead, copies) };
}

/** The outlets of `copies`, each once, in order of first appearance, without `lead`'s own: "also reported by". */
export function otherOutlets(lead: Article, copies: readonly Article[]): string[] {
  const leadOutlet = outletName(lead);
  return [...new Set(copies.map(outletName))].filter((name) => name !== leadOutlet);
}

/** The articles of `recentArticles` carrying the same wire story as `newArticle` (never itself). */
export function wireCopies(newArticle: Article, recentArticles: readonly Article[]): Article[] {
  const fingerprint = wireFingerprint(newArticle);
  return recentArticles.filter(
    (article) => !isItself(article, newArticle) && sameWireStory(fingerprint, wireFingerprint(article)),
  );
}

/** Outlets running wire copy verbatim produce the same text, so the same id: only the same origin is itself. */
function isItself(article: Article, newArticle: Article): boolean {
  return article.id === newArticle.id && article.origin === newArticle.origin;
}

interface WireFingerprint {
  leadWords: Set<string>;
  longSentences: Set<string>;
}

/** Articles never change (an id is the hash of the text), so each one's fingerprint is worked out once. */
const fingerprints = new WeakMap<Article, WireFingerprint>();

function wireFingerprint(article: Article): WireFingerprint {
  let fingerprint = fingerprints.get(article);
  if (!fingerprint) {
    fingerprint = computeFingerprint(article);
    fingerprints.set(article, fingerprint);
  }
  return fingerprint;
}

function computeFingerprint(article: Article): WireFingerprint {
  const leadEnd = article.paragraphs[Math.min(LEAD_PARAGRAPHS, article.paragraphs.length) - 1]?.end ?? 0;
  const leadWords = new Set(words(article.text.slice(0, leadEnd)).filter((word) => !isFunctionWord(word)));
  const longSentences = new Set<string>();
  for (const sentence of article.sentences) {
    const sentenceWords = words(sentence.text);
    if (sentenceWords.length >= LONG_SENTENCE_WORDS) longSentences.add(sentenceWords.join(' '));
  }
  return { leadWords, longSentences };
}

function sameWireStory(a: WireFingerprint, b: WireFingerprint): boolean {
  return jaccard(a.leadWords, b.leadWords) >= WIRE_JACCARD_THRESHOLD || shared(a.longSentences, b.longSentences);
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0;
  let common = 0;
  for (const word of a) if (b.has(word)) common += 1;
  return common / (a.size + b.size - common);
}

function shared(a: Set<string>, b: Set<string>): boolean {
  let count = 0;
  for (const sentence of a) if (b.has(sentence) && ++count >= SHARED_LONG_SENTENCES) return true;
  return false;
}

/** Folded words, possessives kept: "Holm's" and "Holm" are different words of the copy. */
function words(text: string): string[] {
  return splitFolded(foldText(text));
}

/** How an outlet is named to readers: the article's source, else its web site, else where it came from. */
export function outletName(article: Article): string {
  if (article.source) return article.source;
  if (article.url) {
    try {
      return new URL(article.url).hostname.replace(/^www\./, '');
    } catch {
      // Not a URL: fall through to the origin.
    }
  }
  return article.origin;
}
