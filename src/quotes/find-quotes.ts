import type { Quote } from '../articles/quotes.js';
import type { Article } from '../articles/types.js';
import type { Corpus } from '../corpus/corpus.js';
import { keyArticleAhead, peopleIndex } from '../people/directory.js';
import { Interner } from '../text/interner.js';
import { QuoteCatalogue } from './quote-catalogue.js';
import { type QuoteRows, QuoteRowsBuilder, rankRows } from './quote-rows.js';
import { queryStems } from './words.js';

export interface QuoteResult {
  quote: Quote;
  article: Article;
  /** The same words quoted by other outlets (overlapping quotes), grouped under this one. */
  alsoIn: Array<{ quote: Quote; article: Article }>;
  /** How many other articles carry these words; `alsoIn` lists at most `MAX_ALSO_IN` of them. */
  alsoInTotal?: number;
}

export interface QuoteQuery {
  /** Who said it: full name, surname or role words. */
  speaker?: string;
  /** Words the quote or its sentence should contain. */
  about?: string;
  articleId?: string;
  limit?: number;
}

export const DEFAULT_QUOTE_LIMIT = 10;
/** Enough outlets to cite; a quote carried by hundreds of articles is summarised by `alsoInTotal`. */
export const MAX_ALSO_IN = 20;
/** Word scores are capped so a speaker score and a word score pack into one sort key. */
const MAX_WORD_SCORE = 4095;

interface CachedCatalogue {
  version: string;
  catalogue: QuoteCatalogue;
  /** The articles the catalogue was built from, those without quotes included: only others are read. */
  articleIds: ReadonlySet<string>;
  /** Number words and stems so the catalogue keeps flat arrays of ids; kept, so ids stay valid. */
  wordIds: Interner;
  stemIds: Interner;
}

/**
 * One catalogue per corpus, rebuilt when the corpus version changes. Keyed by the corpus in a
 * WeakMap so the cache lives and dies with the corpus it describes and corpora never share one.
 */
const catalogues = new WeakMap<Corpus, CachedCatalogue>();

/** All quotes of the corpus, indexed for queries; built at most once per corpus version. */
export function quoteCatalogue(corpus: Corpus): QuoteCatalogue {
  const current = catalogues.get(corpus);
  if (current?.version === corpus.version) return current.catalogue;
  const base = takenApart(corpus);
  const wordIds = base?.wordIds ?? new Interner();
  const stemIds = base?.stemIds ?? new Interner();
  const articleIds = new Set<string>();
  const fresh = new QuoteRowsBuilder(wordIds, stemIds);
  for (const article of corpus.articles()) {
    articleIds.add(article.id);
    if (base?.articleIds.has(article.id)) continue;
    const analysis = corpus.analysisOnce(article.id);
    // The directory built below reads the same analyses: keyed now, each is decoded once.
    if (analysis) keyArticleAhead(corpus, article, analysis);
    fresh.add(article, analysis?.quotes ?? []);
  }
  // The previous catalogue's order still holds for the quotes kept; only new ones are sorted in.
  const kept = base && {
    rows: base.rows,
    positions: base.positions.filter((position) => articleIds.has(base.rows.articles[position]?.id ?? '')),
  };
  const ranked = rankRows(fresh.build(), kept);
  const catalogue = new QuoteCatalogue(ranked, peopleIndex(corpus), stemIds, wordIds);
  catalogues.set(corpus, { version: corpus.version, catalogue, articleIds, wordIds, stemIds });
  return catalogue;
}

/**
 * What the next catalogue is built on from the previous one (its rows, numbers and articles), or
 * undefined to build afresh. The previous catalogue leaves the cache here, so that its indexes are
 * garbage while the next is built: holding both was the peak of a first /quote after one new
 * article (a quarter of a gigabyte at 100k articles). A build that fails starts afresh next time.
 */
function takenApart(
  corpus: Corpus,
): (Omit<CachedCatalogue, 'version' | 'catalogue'> & { rows: QuoteRows; positions: number[] }) | undefined {
  const previous = catalogues.get(corpus);
  catalogues.delete(corpus);
  if (!previous || !stillNumbering(previous)) return undefined;
  const { catalogue, articleIds, wordIds, stemIds } = previous;
  return { articleIds, wordIds, stemIds, rows: catalogue.rows(), positions: [...catalogue.positions()] };
}

/**
 * Whether a catalogue's word and stem numbers are worth building the next one on. Interners only
 * grow: once most of their ids are of words only articles gone had (a process fed for months),
 * the next catalogue starts afresh, reading every analysis again.
 */
function stillNumbering(cached: CachedCatalogue): boolean {
  const inUse = cached.catalogue.idsInUse();
  return inUse.words * 2 >= cached.wordIds.size && inUse.stems * 2 >= cached.stemIds.size;
}

/**
 * Quotes matching every given filter, best first: how well the speaker matches (full name, then
 * surname or alias, then role words), how many of the `about` words the quote (worth more) or its
 * sentence holds, then full quotes before fragments, newest first. The same words carried by
 * several articles come back once: the lead is the best-ranked matching rendering (so the newest
 * article's, when the words are the same length class) and the others are listed in `alsoIn`.
 */
export function findQuotes(corpus: Corpus, query: QuoteQuery = {}): QuoteResult[] {
  const limit = query.limit ?? DEFAULT_QUOTE_LIMIT;
  if (limit <= 0) return [];
  const catalogue = quoteCatalogue(corpus);
  return collectGroups(catalogue, rankPositions(catalogue, query), limit);
}

/** Catalogue positions that pass the filters, best first. */
function rankPositions(catalogue: QuoteCatalogue, query: QuoteQuery): Iterable<number> {
  const speakerScores = query.speaker?.trim() ? scoreSpeakers(catalogue, query.speaker) : null;
  if (speakerScores?.size === 0) return [];
  const words = query.about ? scoreWords(catalogue, query.about) : null;

  let candidates: number[] | null = words?.matched ?? null;
  if (!candidates && speakerScores) {
    candidates = [...speakerScores.keys()].flatMap((person) => catalogue.byPerson.get(person) ?? []);
  }
  if (!candidates && query.articleId) candidates = catalogue.byArticle.get(query.articleId) ?? [];
  if (!candidates) return catalogue.positions();

  const { articleId } = query;
  const personOf = catalogue.personOf;
  const kept = candidates.filter(
    (position) =>
      (!articleId || catalogue.articleAt(position)?.id === articleId) &&
      (!speakerScores || speakerScores.has(personOf[position] ?? -1)),
  );
  if (!speakerScores && !words) return kept.sort((a, b) => a - b);

  // Sort by one number: score descending, then rank (position) ascending.
  const maxKey = 4 * (MAX_WORD_SCORE + 1);
  const size = catalogue.size;
  const keys = Float64Array.from(kept, (position) => {
    const speaker = speakerScores?.get(personOf[position] ?? -1) ?? 0;
    const word = Math.min(words?.scores[position] ?? 0, MAX_WORD_SCORE);
    return (maxKey - (speaker * (MAX_WORD_SCORE + 1) + word)) * size + position;
  }).sort();
  return Array.from(keys, (key) => key % size);
}

function scoreSpeakers(catalogue: QuoteCatalogue, speaker: string): Map<number, number> {
  return new Map(catalogue.people.match(speaker).map((match) => [match.index, match.score]));
}

/**
 * Points per query word: 2 when the quote itself has it, 1 when only its sentence does. A quote
 * must hold every word of a one- or two-word query and two thirds of a longer one.
 */
function scoreWords(catalogue: QuoteCatalogue, about: string): { matched: number[]; scores: Int16Array } | null {
  const stems = queryStems(about);
  if (!stems.length) return null;
  const size = catalogue.size;
  const scores = new Int16Array(size);
  const hits = new Uint8Array(size);
  const touched: number[] = [];
  const count = (postings: Int32Array | undefined, points: number) => {
    if (!postings) return;
    for (const position of postings) {
      if (hits[position] === 0) touched.push(position);
      hits[position] = (hits[position] ?? 0) + 1;
      scores[position] = (scores[position] ?? 0) + points;
    }
  };
  for (const stem of stems) {
    count(catalogue.quotesWith(stem), 2);
    count(catalogue.sentencesWith(stem), 1);
  }
  const required = stems.length <= 2 ? stems.length : Math.ceil((stems.length * 2) / 3);
  return { matched: touched.filter((position) => (hits[position] ?? 0) >= required), scores };
}

function collectGroups(catalogue: QuoteCatalogue, positions: Iterable<number>, limit: number): QuoteResult[] {
  const results: QuoteResult[] = [];
  const shownGroups = new Set<number>();
  for (const position of positions) {
    const group = catalogue.groupOf[position] ?? position;
    if (shownGroups.has(group)) continue;
    shownGroups.add(group);
    const article = catalogue.articleAt(position);
    if (!article) continue;
    results.push(withOtherOutlets(catalogue, article, position, group));
    if (results.length >= limit) break;
  }
  return results;
}

function withOtherOutlets(catalogue: QuoteCatalogue, article: Article, position: number, group: number): QuoteResult {
  const alsoIn: QuoteResult['alsoIn'] = [];
  const articles = new Set([article.id]);
  for (const member of catalogue.groupMembers.get(group) ?? []) {
    if (alsoIn.length >= MAX_ALSO_IN) break;
    const other = catalogue.articleAt(member);
    if (member === position || !other || articles.has(other.id)) continue;
    articles.add(other.id);
    alsoIn.push({ quote: catalogue.shownQuote(member), article: other });
  }
  const alsoInTotal = (catalogue.groupArticles.get(group) ?? 1) - 1;
  return { quote: catalogue.shownQuote(position), article, alsoIn, alsoInTotal };
}
