import type { Answer } from '../answers/answer-question.js';
import { asksForLatest } from '../answers/question-shape.js';
import type { Corpus } from '../corpus/corpus.js';
import type { PassageIndex, SearchHit } from '../search/passage-index.js';
import { NEGATION_WORDS } from '../text/negation.js';
import { isStopword } from '../text/stopwords.js';
import { contentWords, tokenizeWords } from '../text/tokens.js';
import { developmentsOf, developmentText, entryOf, LEAD_SENTENCES } from '../timeline/developments.js';
import { reversedPolarity } from './meaning.js';
import { type NumberedPassage, PASSAGE_TOKEN_BUDGET, packPassages } from './prompt.js';
import type { PassageRef, VerifiedSentence } from './verify.js';

/**
 * The model answers from the same evidence as the extractive engine, and is held to its rules:
 *  - it is shown the passages the extractive ranking picked (its evidence, else its closest
 *    passages) first and, for a question about the whole story, the newest developments;
 *  - a sentence taking for granted what the question assumes and no passage says is not shown;
 *  - a sentence resting on a report a later article contradicts is flagged, with both dates.
 */

/** The newest articles whose developments a whole-story question is shown. */
const NEWEST_ARTICLES = 3;
/** Share of a sentence's other words (names and numbers aside) a later passage must say to be telling the same thing. */
const SAME_MATTER_SHARE = 0.8;
/** Passages retrieved by BM25 as context after the ranking's picks. */
const CONTEXT_PASSAGES = 30;
/** Later passages looked at for each sentence of the answer. */
const LATER_CANDIDATES = 10;

/**
 * Whole-story questions ("what's the latest?", "what came out of the talks?") want the newest
 * developments: read exactly as the extractive engine reads them, so both paths agree.
 */
export function asksAboutWholeStory(question: string): boolean {
  return asksForLatest(question);
}

/** The opening developments of the newest dated articles, newest first: what the story's latest news is. */
export function newestDevelopments(corpus: Corpus, articles = NEWEST_ARTICLES): SearchHit[] {
  const dated = corpus.articles().filter((article) => article.date);
  return dated
    .slice(-articles)
    .reverse()
    .flatMap((article) => {
      const leads = developmentsOf(article, corpus.analysis(article.id)?.dates)
        .filter(({ expected }) => !expected)
        .slice(0, LEAD_SENTENCES);
      // The article's text read once for its leads.
      const text = leads.length ? article.text : '';
      return leads.map((development) => ({
        ...entryOf(development),
        text: developmentText(development, text),
        score: 0,
      }));
    });
}

/**
 * The passages shown to the model for a question, in this order: the newest developments when the
 * question is about the whole story; the extractive answer's evidence (or its closest passages
 * when it found none), so the model starts from what the ranking would answer with; then the rest
 * of BM25's ranking as context, until the token budget is used. The ranking's picks come first, so
 * the budget never cuts them.
 */
export function modelPassages(
  question: string,
  extractive: Answer,
  deps: { corpus: Corpus; index: PassageIndex },
  tokenBudget = PASSAGE_TOKEN_BUDGET,
): NumberedPassage[] {
  const latest = asksAboutWholeStory(question) ? newestDevelopments(deps.corpus) : [];
  const context = deps.index.search(question, { limit: CONTEXT_PASSAGES });
  return packPassages([...latest, ...extractive.evidence, ...extractive.closest, ...context], deps.corpus, tokenBudget);
}

/**
 * The words a question takes for granted that no passage shown to the model contains: "cancel" in
 * "why did the mayor cancel the fair?" when no passage says anything was cancelled. A sentence
 * asserting them is answering a premise the articles do not support.
 */
export function unsupportedPremise(question: string, passages: readonly NumberedPassage[]): Set<string> {
  const said = new Set(
    passages.flatMap((passage) => tokenizeWords(`${passage.source} ${passage.text}`).map((t) => t.stem)),
  );
  const unsupported = new Set<string>();
  if (asksAboutWholeStory(question)) return unsupported;
  for (const word of contentWords(question))
    if (!said.has(word.stem) && !/\d/.test(word.norm)) unsupported.add(word.stem);
  return unsupported;
}

/** The words that deny, and the "t" of "didn't" (split off by the tokenizer). */
const DENYING = new Set([...NEGATION_WORDS, 't']);

/** Whether a sentence states one of `premise`'s words as fact (a sentence denying something is not). */
export function assertsPremise(sentence: string, premise: ReadonlySet<string>): boolean {
  if (!premise.size) return false;
  const tokens = tokenizeWords(sentence);
  if (tokens.some((token) => DENYING.has(token.norm))) return false;
  return tokens.some((token) => premise.has(token.stem));
}

interface Anchor {
  norm: string;
  /** The words on either side, which place it in its sentence ("meet in ___ next"). */
  before?: string;
  after?: string;
}

/** The names and numbers of a text: figures, and capitalised words other than its first. */
function anchorsOf(text: string): Anchor[] {
  const tokens = tokenizeWords(text);
  return tokens
    .map((token, i) => ({ token, i }))
    .filter(({ token, i }) => /\d/.test(token.norm) || (i > 0 && /^\p{Lu}/u.test(token.raw) && !isStopword(token.norm)))
    .map(({ token, i }) => ({ norm: token.norm, before: tokens[i - 1]?.norm, after: tokens[i + 1]?.norm }));
}

/** "Aug" and "August", "Kowalsky" and "Kowalskyy": one written shorter than the other is the same anchor. */
const sameAnchor = (a: Anchor, b: Anchor) => a.norm.startsWith(b.norm) || b.norm.startsWith(a.norm);
/** Two anchors in the same place of the same statement: one stands where the other stood. */
const samePlace = (a: Anchor, b: Anchor) =>
  (a.before !== undefined && a.before === b.before) || (a.after !== undefined && a.after === b.after);

/**
 * A later report of the same matter that says otherwise: a passage from an article dated after
 * every article the sentence cites, saying nearly all the sentence's other words, that gives
 * other names or numbers in place of some of its own ("in Vienna" against a later "in Geneva") or
 * the opposite polarity. Different wording of the same fact is not a contradiction.
 */
function laterReport(
  sentence: string,
  cited: readonly PassageRef[],
  deps: { corpus: Corpus; index: PassageIndex },
): SearchHit | null {
  const dates = cited.map((ref) => deps.corpus.get(ref.articleId)?.date ?? null);
  if (dates.some((date) => date === null)) return null;
  const newestCited = (dates as string[]).sort().at(-1)!;
  const own = anchorsOf(sentence);
  const words = contentWords(sentence).filter((word) => !own.some((anchor) => sameAnchor(anchor, { norm: word.norm })));
  if (!words.length) return null;
  for (const hit of deps.index.search(sentence, { limit: LATER_CANDIDATES })) {
    const date = deps.corpus.get(hit.articleId)?.date;
    if (!date || date <= newestCited) continue;
    const stems = new Set(tokenizeWords(hit.text).map((t) => t.stem));
    const shared = words.filter((word) => stems.has(word.stem)).length / words.length;
    if (shared < SAME_MATTER_SHARE) continue;
    const theirs = anchorsOf(hit.text);
    const lost = own.filter((a) => !theirs.some((b) => sameAnchor(a, b)));
    const gained = theirs.filter((b) => !own.some((a) => sameAnchor(a, b)));
    const replaced = lost.some((a) => gained.some((b) => samePlace(a, b)));
    if (replaced || reversedPolarity(sentence, [hit.text]).length) return hit;
  }
  return null;
}

/**
 * Each sentence resting only on reports that a later article contradicts says so, with both
 * dates, and cites the later report too (as passage 0: it was not shown to the model).
 */
export function flagSuperseded(
  sentences: readonly VerifiedSentence[],
  deps: { corpus: Corpus; index: PassageIndex },
): VerifiedSentence[] {
  return sentences.map((sentence) => {
    const later = laterReport(sentence.text, sentence.passages, deps);
    if (!later) return sentence;
    const earlier = sentence.passages
      .map((ref) => deps.corpus.get(ref.articleId)?.date)
      .sort()
      .at(-1);
    const newer = deps.corpus.get(later.articleId)?.date;
    return {
      text: `${sentence.text} (This is from an earlier report, of ${earlier}; a later article, of ${newer}, says otherwise.)`,
      passages: [...sentence.passages, { n: 0, articleId: later.articleId, start: later.start, end: later.end }],
    };
  });
}
