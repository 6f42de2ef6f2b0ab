import { splitSentences } from '../articles/sentences.js';
import { isObjectPreposition } from '../articles/speaker-phrases.js';
import type { ArticleWords } from '../search/article-words.js';
import type { SearchHit } from '../search/passage-index.js';
import { stem } from '../text/stem.js';
import { isStopword } from '../text/stopwords.js';
import { contentWords, isCapitalised, tokenizeWords, type WordToken } from '../text/tokens.js';
import {
  type AnswerKind,
  answerCue,
  classifyQuestion,
  dateWords,
  type Measure,
  measureCue,
  readMeasure,
} from './answer-kind.js';
import { type PlaceAsked, readPlaceAsked } from './place-answers.js';
import { SentenceWords } from './sentence-words.js';
import { isFormOfAsked } from './word-forms.js';

/** A content word of the question, weighted by how much it says about what is asked. */
export interface QuestionTerm {
  stem: string;
  norm: string;
  weight: number;
  /** A name or a number: an article that lacks it is about something else. */
  key: boolean;
  /**
   * Written as a name where the question's wording does not force a capital: a name even when it
   * is the question's first content word ("Where in Norway …"), which `key` leaves out.
   */
  named: boolean;
  /**
   * Only in a sentence that sets the scene before the one that asks (see `askingClause`): it tells
   * which article is meant, not which sentence answers, so it does not rank sentences.
   */
  background: boolean;
}

export interface Question {
  text: string;
  kind: AnswerKind;
  terms: QuestionTerm[];
  stems: ReadonlySet<string>;
  /** For a question asking how many, how much or what share: what it measures (see `Measure`). */
  measure: Measure | null;
  /** For "which base …?": stems of the common words naming the type of thing asked for. */
  typed: ReadonlySet<string>;
  /** Stems of the question's time expressions ("on Monday", "in 2024"): when, not who or what. */
  when: ReadonlySet<string>;
  /** For a question asking for a place: which scale of place, and whether where from. */
  place: PlaceAsked;
}

export interface ScoredSentence {
  hit: SearchHit;
  /** The sentence's words, read once when it was scored, for every later step that reads them. */
  words: SentenceWords;
  score: number;
  /** Weighted share of the question's terms found in the sentence, background included. */
  coverage: number;
  /** Weighted share of the question's key terms found in the sentence's article. */
  keyCoverage: number;
  /** Weighted share of the question's terms found anywhere in the article. */
  articleCoverage: number;
  /**
   * Whether the article's headline holds a common word of the question (not a name, not a word
   * every news story uses): says something of what is asked, not only whom it is about.
   */
  headlineAsks: boolean;
  cue: boolean;
  /**
   * Share of the question's common words (its predicate: what is said of the names, not the names)
   * found in the sentence or its neighbours, each weighted by how rare it is among the candidates'
   * articles; 1 when the question has none. Inside one story every sentence holds the names, so
   * this is what tells a sentence about the question from one about its people.
   */
  predicate: number;
  signals: SentenceSignals;
}

const KEY_WEIGHT = 2;
const GENERIC_WEIGHT = 0.5;
/** A stem that only starts like a question word ("norweg" / "norwegian") counts this much. */
const PARTIAL_MATCH = 0.7;
const MIN_PREFIX = 4;
/** Neighbouring sentences lend this share of their matches: questions often span two sentences. */
const NEIGHBOUR_SHARE = 0.4;
/** A neighbouring sentence's match of a predicate word counts this much (see `predicate`). */
const PREDICATE_NEIGHBOUR = 0.5;
/** Content words a sentence needs beyond the question's own to be worth reading as an answer. */
const NOVELTY_TARGET = 4;

/** Sentences this far into an article count half as lead: news puts the key facts first. */
const LEAD_HALF_LIFE = 3;
/**
 * Mentions (sentences using it as a name, capitalised; the headline counts `HEADLINE_MENTIONS`)
 * that make a name fully salient.
 */
const SALIENT_MENTIONS = 8;
const HEADLINE_MENTIONS = 2;
/**
 * A name's salience counts this much in sentences after the one that first uses it: news copy
 * introduces a name in full where it first appears ("the Detroit Lions") and shortens it later
 * ("the Lions'"), and the sentence that introduces the story's subject is the one that says what
 * it is.
 */
const LATER_MENTION_SHARE = 0.5;
/** Headline words, beyond the question's, that a sentence needs to count fully as being about the headline. */
const HEADLINE_TARGET = 2;
/**
 * A place question's type words ("which city", "which state") are part of how places are written
 * ("the state of Norland", "Tromvik City"), so a sentence naming a place "of the type" says less than
 * one naming a "<Name> Reservoir" for "which reservoir": it counts this share.
 */
const PLACE_TYPED_SHARE = 0.5;
/** Questions whose answer is a name, which salience and headline words point to. */
const NAME_KINDS: ReadonlySet<AnswerKind> = new Set(['person', 'place', 'name']);

/** Each signal lies in 0–1; the weights say how much each counts towards a sentence's score. */
export interface SentenceSignals {
  /** Weighted share of the words of the question's asking sentence found in the sentence (no background). */
  coverage: number;
  /** Coverage with the question's words weighted by how rare they are in the article. */
  focus: number;
  context: number;
  bm25: number;
  cue: number;
  novelty: number;
  lead: number;
  /** How prominent in the article the most prominent name the sentence adds to the question is. */
  salience: number;
  /** Headline words the sentence adds to the question's. */
  headline: number;
  /** Whether the sentence gives the quantity asked for as the question words it (see `measureCue`). */
  measure: number;
  /** Whether it names a thing of the type a "which …" question asks for (see `namesTyped`). */
  typed: number;
}

/**
 * Chosen on the aggregate of the QA eval (`npm run eval`): where the answer sits matters as much as
 * how much of the question a sentence repeats, because the sentence that restates a question best
 * often lacks its answer, and news leads carry the key facts. What a question asks about is usually
 * the story's own subject, so it is named in the headline and again and again in the article, but
 * not in the question: for questions asking for a name, salience and headline words weigh as much
 * as the question's own words. For questions asking for a quantity, a number written as the measure
 * asked for ("12 jurors", "$9,000", "87%") weighs as much as salience does for names: a news
 * sentence is full of other numbers. A name of the type asked ("which reservoir …?": "the Varden
 * Reservoir") outweighs a lead that only repeats the type's common noun.
 */
export const SCORE_WEIGHTS: Readonly<SentenceSignals> = {
  coverage: 0.3,
  focus: 0.2,
  context: 0.15,
  bm25: 0,
  cue: 0.3,
  novelty: 0.1,
  lead: 0.6,
  salience: 1,
  headline: 0.5,
  measure: 1,
  typed: 0.5,
};

/**
 * Words so common in news and quiz questions that finding them says little about whether a
 * sentence is on topic.
 */
// biome-ignore format: a word list reads better packed
const GENERIC_WORDS = new Set([
  'week', 'weeks', 'year', 'years', 'month', 'months', 'day', 'days', 'today', 'time', 'new', 'first',
  'last', 'recent', 'people', 'percent', 'state', 'states', 'country', 'countries', 'world', 'part',
  'make', 'made', 'become', 'became', 'announce', 'announced', 'set', 'take', 'took', 'give', 'gave',
  'former', 'current', 'major', 'several', 'number', 'high', 'record', 'top', 'win', 'won', 'lead',
  'use', 'used', 'show', 'shows', 'found', 'find', 'go', 'went', 'going', 'come', 'know', 'see', 'back',
  'happen', 'happens', 'happened',
]);

/**
 * Reads a question's terms and the kind of answer it wants. "Brett Favre revealed he has
 * Parkinson's. Which NFL team did he play for?" is answered by a sentence about his teams, not by
 * the one that restates his news: words only in the opening sentence are background.
 */
export function readQuestion(text: string): Question {
  const asking = askingClause(text);
  const askedStems = new Set(contentWords(asking).map((token) => token.stem));
  const terms = contentWords(text).map((token, i) =>
    termOf(token, i, askedStems.size > 0 && !askedStems.has(token.stem)),
  );
  return {
    text,
    kind: classifyQuestion(asking),
    terms,
    stems: new Set(terms.map((term) => term.stem)),
    measure: readMeasure(asking),
    typed: askedType(asking),
    when: new Set(dateWords(asking).flatMap((words) => words.map((word) => word.stem))),
    place: readPlaceAsked(asking),
  };
}

/** Words read for the type of thing asked: "which military base" → military, base. */
const TYPE_WORDS = 3;

function askedType(asking: string): ReadonlySet<string> {
  const tokens = tokenizeWords(asking);
  const start = typeStart(asking, tokens);
  if (start < 0) return new Set();
  return new Set(
    tokens
      .slice(start, start + TYPE_WORDS)
      .filter((token) => !isStopword(token.norm) && !/^[\p{Lu}\d]/u.test(token.raw))
      .map((token) => token.stem),
  );
}

const NAME_OF = /\bwhat(?: is|['’]s| was| are| were) the (?:name|title) of (?:the |an? )?/i;

/**
 * Where the words naming the type asked for start: after "which" ("which military base"), after
 * "what is the name of the" ("… of the ferry that …"), or after "what" when a content word
 * follows it ("what drink is …"); -1 when the question names no type.
 */
function typeStart(asking: string, tokens: readonly WordToken[]): number {
  const which = tokens.findIndex((token) => token.norm === 'which');
  if (which >= 0) return which + 1;
  const nameOf = NAME_OF.exec(asking);
  if (nameOf) return tokens.findIndex((token) => token.start >= nameOf.index + nameOf[0].length);
  const what = tokens.findIndex((token) => token.norm === 'what');
  const next = tokens[what + 1];
  return what >= 0 && next && !isStopword(next.norm) ? what + 1 : -1;
}

/**
 * Whether the sentence names a thing of the type asked, which the question does not name: a name
 * that holds the type word ("which depot" → "Haldor Depot Yard", "which university" → "the
 * University of Bergen"), or a name the sentence says
 * is of that type (see `saysOfType`). A type word merely beside a name ("officials said Smith")
 * cost the QA sets more than it gained.
 */
function namesTyped(sentence: SentenceWords, question: Question): boolean {
  if (!question.typed.size) return false;
  const { tokens } = sentence;
  const isNew = (token: WordToken | undefined) =>
    !!token && isCapitalised(token) && sentence.names.has(token.stem) && !question.stems.has(token.stem);
  return tokens.some((token, i) => {
    if (!question.typed.has(token.stem)) return false;
    if (isCapitalised(token))
      return isNew(tokens[i - 1]) || isNew(tokens[i + 1]) || (tokens[i + 1]?.norm === 'of' && isNew(tokens[i + 2]));
    return saysOfType(sentence, i, isNew);
  });
}

/** Words that put a name to the common noun before them: "a variant called Nordlys", "the county of Vestfold". */
const NAMING = /^(called|named|dubbed|of)$/;
/** Words an apposition's noun may carry before it: "Berg, a 5-year-old Norwegian forest cat,". */
const APPOSITION_MODIFIERS = 4;

/**
 * Whether the type word at `at` is said of a new name, in the two ways English names a thing's
 * type in passing: the name after the noun ("a variant called Nordlys", "the county of Vestfold"), or the
 * noun in apposition after the name ("Nordlys, a rare variant"). A sentence opening "In <name>,
 * the <noun> …" says where, not that the name is one.
 */
function saysOfType(sentence: SentenceWords, at: number, isNew: (token: WordToken | undefined) => boolean): boolean {
  const { tokens, text } = sentence;
  if (NAMING.test(tokens[at + 1]?.norm ?? '') && isNew(tokens[at + 2])) return true;
  if (!/^\s*(?:[,;:)\u2013\u2014.!?]|$)/.test(text.slice(tokens[at]!.end, tokens[at + 1]?.start ?? text.length)))
    return false;
  for (let j = at - 1; j >= Math.max(1, at - 1 - APPOSITION_MODIFIERS); j--) {
    const word = tokens[j]!;
    if (word.norm !== 'a' && word.norm !== 'an' && word.norm !== 'the') continue;
    const before = tokens[j - 1]!;
    if (j === 2 && isObjectPreposition(tokens[0]!.norm)) return false;
    return /^\s*,\s*$/.test(text.slice(before.end, word.start)) && isNew(before);
  }
  return false;
}

const ASKS = /\?\s*$|\b(who|whom|whose|what|which|when|where|why|how)\b/i;

/**
 * The sentence of a question that asks: the last one ending in a question mark or holding a
 * question word (quiz questions often open with a sentence of background); the whole text when
 * no one sentence does.
 */
export function askingClause(text: string): string {
  const sentences = splitSentences(text, [{ index: 0, start: 0, end: text.length }]);
  return (sentences.length > 1 && sentences.findLast((sentence) => ASKS.test(sentence.text))?.text) || text;
}

function termOf(token: WordToken, position: number, background: boolean): QuestionTerm {
  const key = /\d/.test(token.raw) || /^\p{Lu}/u.test(token.raw) ? position > 0 || /\d/.test(token.raw) : false;
  const weight = key ? KEY_WEIGHT : GENERIC_WORDS.has(token.norm) ? GENERIC_WEIGHT : 1;
  const named = /\d/.test(token.raw) || (/^\p{Lu}/u.test(token.raw) && token.start > 0);
  return { stem: token.stem, norm: token.norm, weight, key, named, background };
}

/**
 * Where one term of the question is found in an article: the number of its own stem, and of the
 * stems that share a prefix with it ("norweg" / "norwegian"), which match partly.
 */
interface TermInArticle {
  term: QuestionTerm;
  exact: number[];
  partial: number[];
  /** The term written open, as two words (see `openCompounds`). */
  halves: [number, number][];
}

const prefixMatchable = (term: QuestionTerm) => term.stem.length >= MIN_PREFIX && !/\d/.test(term.stem);

function findTerm(term: QuestionTerm, words: ArticleWords): TermInArticle {
  const own = words.numberOf(term.stem);
  const exact = own < 0 ? [] : [own];
  const halves = openCompounds(term, words);
  if (!prefixMatchable(term)) return { term, exact, partial: [], halves };
  const partial = words.numbersStartingWith(term.stem).filter((n) => n !== own);
  for (let length = MIN_PREFIX; length < term.stem.length; length++) {
    const shorter = words.numberOf(term.stem.slice(0, length));
    if (shorter >= 0) partial.push(shorter);
  }
  return { term, exact, partial, halves };
}

/** Shortest half of a compound read as two words ("sun" of "sunroof"). */
const MIN_HALF = 3;

/**
 * The ways the article could write a closed compound of the question open ("sunroof" as "sun roof",
 * "snowplough" as "snow-plough"): each split of the word into two content words the article uses.
 * A sentence writing the halves one right after the other holds the word ("sea" and "son" apart do
 * not make "season"). Common words only: a name is not split.
 */
function openCompounds(term: QuestionTerm, words: ArticleWords): [number, number][] {
  const halves: [number, number][] = [];
  if (!/^\p{Ll}+$/u.test(term.norm)) return halves;
  for (let k = MIN_HALF; k <= term.norm.length - MIN_HALF; k++) {
    const left = term.norm.slice(0, k);
    const right = term.norm.slice(k);
    if (isStopword(left) || isStopword(right)) continue;
    const a = words.numberOf(stem(left));
    const b = a < 0 ? -1 : words.numberOf(stem(right));
    if (b >= 0) halves.push([a, b]);
  }
  return halves;
}

/** How well a sentence matches one term: fully, by a shared prefix, or not at all. */
function matchIn(found: TermInArticle, words: ArticleWords, sentence: number): number {
  if (sentence < 0 || sentence >= words.sentenceCount) return 0;
  if (words.sentenceUses(sentence, found.exact)) return 1;
  if (found.halves.some((pair) => writesCompound(words, sentence, pair))) return 1;
  return words.sentenceUses(sentence, found.partial) ? PARTIAL_MATCH : 0;
}

/** Whether the sentence writes the compound's two halves side by side (see `openCompounds`). */
function writesCompound(words: ArticleWords, sentence: number, [a, b]: readonly [number, number]): boolean {
  return words.sentenceUses(sentence, [a]) && words.sentenceUses(sentence, [b]) && words.writesInOrder(sentence, a, b);
}

/** Whether some sentence of the article writes one of the compound splits (see `openCompounds`). */
function writesAnyCompound(words: ArticleWords, halves: readonly (readonly [number, number])[]): boolean {
  if (!halves.length) return false;
  for (let sentence = 0; sentence < words.sentenceCount; sentence++) {
    if (halves.some((pair) => writesCompound(words, sentence, pair))) return true;
  }
  return false;
}

function coverageOf(terms: readonly QuestionTerm[], match: (term: QuestionTerm, i: number) => number): number {
  let total = 0;
  let found = 0;
  terms.forEach((term, i) => {
    total += term.weight;
    found += term.weight * match(term, i);
  });
  return total ? found / total : 0;
}

/** What scoring needs of one article for one question, worked out once however many of its sentences are hits. */
interface ArticleFit {
  words: ArticleWords;
  /** Each of the question's terms, in order, as found in the article. */
  found: TermInArticle[];
  keyCoverage: number;
  articleCoverage: number;
  headlineAsks: boolean;
}

function fitArticle(question: Question, words: ArticleWords): ArticleFit {
  const found = question.terms.map((term) => findTerm(term, words));
  const inArticle = new Map(
    found.map((f) => [
      f.term,
      f.exact.length ? 1 : f.partial.length ? PARTIAL_MATCH : writesAnyCompound(words, f.halves) ? 1 : 0,
    ]),
  );
  const matched = (term: QuestionTerm) => inArticle.get(term) ?? 0;
  const keys = question.terms.filter((term) => term.key);
  return {
    words,
    found,
    articleCoverage: coverageOf(question.terms, matched),
    headlineAsks: found.some(
      ({ term, exact, partial }) =>
        !term.key && !term.named && term.weight >= 1 && [...exact, ...partial].some((n) => words.inTitle(n)),
    ),
    keyCoverage: keys.length ? coverageOf(keys, matched) : 1,
  };
}

/**
 * A term's weight for ranking sentences: background words have none, and a name weighs as a name
 * even as the question's first content word ("Who did Berg meet?"), where `key` leaves it out.
 */
function rankingWeight(term: QuestionTerm): number {
  if (term.background) return 0;
  return term.named ? KEY_WEIGHT : term.weight;
}

/**
 * The question's terms reweighted by how rare each is across the articles the candidates come
 * from: a word on every line of the story (its subject, named in every article) says little about
 * which sentence answers, a word on a few lines says much. With one article this is its own rarity.
 */
function focusTerms(question: Question, fits: readonly ArticleFit[], withBackground = false): QuestionTerm[] {
  let sentences = 0;
  const spread = question.terms.map(() => 0);
  for (const fit of fits) {
    sentences += fit.words.sentenceCount;
    fit.found.forEach(({ exact }, i) => {
      if (exact.length) spread[i]! += fit.words.spread[exact[0]!]!;
    });
  }
  return question.terms.map((term, i) => ({
    ...term,
    weight: (withBackground ? term.weight : rankingWeight(term)) * Math.log(1 + sentences / (1 + spread[i]!)),
  }));
}

/**
 * Re-ranks retrieved sentences for answering: how much of the question they cover (names and
 * numbers above common words), support from the sentences around them, BM25, whether they hold
 * the kind of thing asked for, and whether they add anything beyond the question's own words.
 */
export function scoreSentences(
  question: Question,
  hits: readonly SearchHit[],
  wordsOf: (articleId: string) => ArticleWords | undefined,
  weights: Readonly<SentenceSignals> = SCORE_WEIGHTS,
  /** False when the caller has already picked the articles (the newest day's): full article priors. */
  articlesCompete = true,
): ScoredSentence[] {
  const fits = new Map<string, ArticleFit | null>();
  const fitOf = (id: string) => {
    let fit = fits.get(id);
    if (fit === undefined) {
      const words = wordsOf(id);
      fit = words ? fitArticle(question, words) : null;
      fits.set(id, fit);
    }
    return fit;
  };
  const asksForName = NAME_KINDS.has(question.kind);
  const ranking = question.terms.map((term) => ({ ...term, weight: rankingWeight(term) }));
  const bestBm25 = Math.max(...hits.map((hit) => hit.score), Number.EPSILON);
  for (const hit of hits) fitOf(hit.articleId);
  // Lead, salience and headline say what an article is about, which picks its sentence well when
  // one article is asked; when many articles of one story compete, each one's lead says so too and
  // they would outrank the sentence that answers. So the prior is shared out among the articles.
  const articleCount = [...fits.values()].filter((fit) => fit !== null).length;
  const articlePrior = articlesCompete ? 1 / Math.max(1, articleCount) : 1;
  const found = [...fits.values()].filter((fit): fit is ArticleFit => fit !== null);
  const focus = focusTerms(question, found);
  // The predicate counts background words too: "A man attacked a rally … Where did it happen?"
  const predicateWeights = focusTerms(question, found, true).map((term) => (term.key || term.named ? 0 : term.weight));
  const predicateTotal = predicateWeights.reduce((sum, w) => sum + w, 0);
  const scored: ScoredSentence[] = [];
  for (const hit of hits) {
    const fit = fitOf(hit.articleId);
    if (!fit || hit.sentence >= fit.words.sentenceCount) continue;
    const { words, found } = fit;
    const inSentence = found.map((f) => matchIn(f, words, hit.sentence));
    const nearby = found.map((f) => Math.max(matchIn(f, words, hit.sentence - 1), matchIn(f, words, hit.sentence + 1)));
    const sentence = new SentenceWords(hit.text);
    const coverage = coverageOf(question.terms, (_, i) => inSentence[i]!);
    const cue = answerCue(question.kind, sentence, question.stems, question.place);
    let fresh = 0;
    let headline = 0;
    for (const stem of sentence.content) {
      if (question.stems.has(stem)) continue;
      fresh++;
      if (words.inTitle(words.numberOf(stem))) headline++;
    }
    // "Who did Dahl meet?" is about Dahl: a sentence naming none of the question's names cannot say
    // whom Dahl met, however well it leads its article or names the article's subject.
    const prior = (aboutNamed(question, inSentence) ? articlePrior : 0) * placePriorShare(question, cue);
    const signals: SentenceSignals = {
      coverage: coverageOf(ranking, (_, i) => inSentence[i]!),
      focus: coverageOf(focus, (_, i) => inSentence[i]!),
      context: coverageOf(ranking, (_, i) => Math.max(inSentence[i]!, NEIGHBOUR_SHARE * nearby[i]!)),
      bm25: hit.score / bestBm25,
      cue,
      novelty: Math.min(1, fresh / NOVELTY_TARGET),
      lead: prior * (LEAD_HALF_LIFE / (LEAD_HALF_LIFE + hit.sentence)),
      // The prominence of a new name points to the answer only in a sentence holding the kind of
      // thing asked: for "where …?" a sentence naming no place does not say where, however prominent
      // the person it introduces.
      salience: asksForName && cue > 0 ? prior * salienceOf(words, hit.sentence, sentence, question) : 0,
      headline: asksForName ? prior * Math.min(1, headline / HEADLINE_TARGET) : 0,
      measure: question.measure ? measureCue(question.measure, sentence, question.stems) : 0,
      typed: namesTyped(sentence, question) ? (question.kind === 'place' ? PLACE_TYPED_SHARE : 1) : 0,
    };
    scored.push({
      hit,
      words: sentence,
      score: weigh(signals, weights),
      coverage,
      keyCoverage: fit.keyCoverage,
      articleCoverage: fit.articleCoverage,
      headlineAsks: fit.headlineAsks,
      cue: cue > 0,
      predicate: predicateTotal
        ? predicateWeights.reduce(
            (sum, w, i) => sum + w * Math.max(inSentence[i]!, PREDICATE_NEIGHBOUR * nearby[i]!),
            0,
          ) / predicateTotal
        : 1,
      signals,
    });
  }
  return scored.sort((a, b) => b.score - a.score);
}

/**
 * Whether a sentence can answer a who-question about the names it asks of: it holds one of them.
 * Other questions (and who-questions naming no one) always can.
 */
function aboutNamed(question: Question, inSentence: readonly number[]): boolean {
  if (question.kind !== 'person') return true;
  const named = question.terms
    .map((term, i) => (term.named && !term.background && !question.when.has(term.stem) ? i : -1))
    .filter((i) => i >= 0);
  return !named.length || named.some((i) => inSentence[i]! > 0);
}

/**
 * The share of the article prior (lead, salience, headline) a sentence takes for a place question.
 * For any place question naming no scale of place, where-to questions among them, a sentence whose
 * places answer only in part (its cue is partial) takes only the share its cue does, however well it
 * leads its article: "where was the ferry launched?" is not answered by a place written only as the
 * modifier of another noun ("an Oslo-based crew"), nor "the ferry sailed to which port?" by one
 * written only as where something is or comes from. "Which country …" or "which state …" may ask
 * who acted, which news writes as the modifier of its officials ("Norwegian inspectors"), so there a
 * partial cue keeps the full prior. A sentence naming no place keeps its prior too: a town opening a
 * sentence ("Tromvik was picked …") is not always read as a place.
 */
function placePriorShare(question: Question, cue: number): number {
  if (question.kind !== 'place' || cue === 0 || cue >= 1) return 1;
  return question.place.scale === null ? cue : 1;
}

/**
 * The mentions of the most-mentioned name the sentence holds and the question lacks (in any form:
 * "Estonian" is not new beside "Estonia"), as a share of `SALIENT_MENTIONS`; a name counts in full
 * only where the article first uses it.
 */
function salienceOf(words: ArticleWords, at: number, sentence: SentenceWords, question: Question): number {
  let most = 0;
  for (const name of sentence.names) {
    if (question.stems.has(name) || isFormOfAsked(name, question.stems)) continue;
    const number = words.numberOf(name);
    if (number < 0) continue;
    const share = words.firstUse[number] === at ? 1 : LATER_MENTION_SHARE;
    most = Math.max(most, share * (words.nameSpread[number]! + (words.inTitle(number) ? HEADLINE_MENTIONS : 0)));
  }
  return Math.min(1, most / SALIENT_MENTIONS);
}

export function weigh(signals: SentenceSignals, weights: Readonly<SentenceSignals>): number {
  let score = 0;
  for (const name of Object.keys(weights) as (keyof SentenceSignals)[]) score += weights[name] * signals[name];
  return score;
}
