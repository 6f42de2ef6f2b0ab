/**
 * What the corpus summary needs per article, computed once per article (articles are immutable:
 * the id is a content hash) and kept across corpus changes: each article's eligible sentences,
 * best first, and document frequencies over the whole corpus, updated as articles come and go. A
 * corpus change therefore costs the new articles' own ranking, plus re-weighting the few best
 * sentences of each article by the new frequencies (once per version, shared by every summary).
 */
import type { Article, Sentence } from '../articles/types.js';
import { sentencesOnce } from '../corpus/article-store.js';
import type { Corpus } from '../corpus/corpus.js';
import { textKey } from '../text/text-key.js';
import { grown, keptArea } from '../typed-arrays.js';
import { type RankedText, TextRanker } from './rank-sentences.js';
import type { Selectable } from './select-sentences.js';
import type { Summary } from './summarise.js';
import { decodeTerms, encodedLength, encodeTerms } from './term-bytes.js';
import type { TermIds } from './terms.js';
import { inverseFrequency, type TermVector, tfidfVectorOfDistinct } from './vectors.js';

/** Sentences past this point of an article are background; ranking them costs O(n²) for little. */
export const MAX_RANKED_SENTENCES = 40;

/** What is kept of a ranked sentence that may be a summary point. */
export interface ScoredSentence {
  /** Position of the sentence in the article. */
  index: number;
  /** The sentence's offsets in the article's text (see `sentenceText`). */
  start: number;
  end: number;
  words: number;
  /** Within-article score (see `rankSentences`). */
  score: number;
}

/** A sentence put forward for a multi-article summary, weighted by the current corpus. */
export interface Candidate extends Selectable {
  article: Article;
  sentence: ScoredSentence;
  /** The distinct term ids of the sentence, ascending: `vector.ids`, without weighing it. */
  readonly ids: Int32Array;
  /** The sentence's term ids in word order, repeats included (see `RankedText.terms`). */
  readonly terms: Int32Array;
  /** The `textKey` of the sentence's text: compared, where texts would be read from the store. */
  readonly textKey: number;
}

/**
 * A candidate weighs its terms only when its vector is first read: a story summary reads the
 * vectors of the few sentences it picks and of those that may repeat them, while its choice and
 * its checks for repeats go by term ids (the same whatever the corpus's frequencies). Weighing
 * every candidate anew on each corpus version was most of a summary after one new article.
 */
class PutForward implements Candidate {
  readonly score: number;
  readonly words: number;
  private weighed: TermVector | null = null;
  /** The distinct ids of a sentence past the ranking's kept ones, worked out once when first read. */
  private distinct: Int32Array | null = null;

  constructor(
    readonly article: Article,
    readonly sentence: ScoredSentence,
    /** The article's ranking, and the sentence's place among its best: its ids and terms are read from there. */
    private readonly ranking: ArticleRanking,
    private readonly best: number,
    /** IDF by term id, of the corpus version the candidate was made for. */
    private readonly idfs: Float64Array,
  ) {
    this.score = sentence.score;
    this.words = sentence.words;
  }

  // Views made when read rather than held: a summary holds a candidate for a few sentences of every
  // article, and two typed-array views apiece weighed more than the candidate itself. (Getters on
  // the class: spreading a candidate drops `ids`, `terms` and `vector`.)
  get ids(): Int32Array {
    if (this.best < this.ranking.kept) return this.ranking.distinctTermsOf(this.best);
    this.distinct ??= this.ranking.distinctTermsOf(this.best);
    return this.distinct;
  }

  get terms(): Int32Array {
    return this.ranking.termsOf(this.sentence.index);
  }

  get textKey(): number {
    return this.best < this.ranking.kept ? this.ranking.textKeyOf(this.best) : textKey(sentenceText(this));
  }

  get vector(): TermVector {
    const idfs = this.idfs;
    this.weighed ??= tfidfVectorOfDistinct(this.ids, this.terms, (id) => idfs[id]!);
    return this.weighed;
  }
}

/**
 * How many best sentences of an article have their distinct term ids worked out at first: as many
 * as a large corpus's summary puts forward of each article (`CANDIDATES_PER_ARTICLE`).
 */
const KEPT_DISTINCT = 5;

/** The term ids of ranked sentence `index` (see `RankedText.terms`). */
function termsIn(ranked: RankedText, index: number): Int32Array {
  return ranked.terms.subarray(ranked.termStarts[index]!, ranked.termStarts[index + 1]!);
}

/**
 * The distinct ids of each of `sentences`, ascending, in one array: first where each sentence's
 * ids start (one more than the sentences), then the ids.
 */
function distinctRuns(sentences: readonly Int32Array[]): Int32Array {
  let total = sentences.length + 1;
  for (const terms of sentences) total += terms.length;
  const runs = new Int32Array(total);
  let at = sentences.length + 1;
  sentences.forEach((terms, k) => {
    runs[k] = at;
    const sorted = runs.subarray(at, at + terms.length);
    sorted.set(terms);
    sorted.sort();
    let end = at;
    for (let i = at; i < at + terms.length; i++) if (end === at || runs[i] !== runs[end - 1]) runs[end++] = runs[i]!;
    at = end;
  });
  runs[sentences.length] = at;
  return runs.slice(0, at);
}

/** The parts kept per eligible sentence in `ArticleRanking`, each a run of ints. */
const INDEX = 0;
const WORDS = 1;
const START = 2;
const END = 3;
const SENTENCE_FIELDS = 4;

/**
 * What is kept of one article's ranking, in one stretch of kept room (`keptArea`): an object per
 * eligible sentence and three arrays per article were most of what summaries kept for a large
 * corpus. First the eligible sentences' scores, best first, and the kept ones' `textKey`s
 * (floats); then ints, one part after another: the eligible sentences best first (their
 * positions, words, starts and ends), where each ranked sentence's terms start among the term
 * bytes (one more than the sentences), and the kept sentences' distinct ids; then the term bytes:
 * the ranked sentences' term ids (see `RankedText.terms`) a few bytes each (`term-bytes.ts`).
 */
class ArticleRanking {
  /** How many sentences are eligible. */
  readonly eligible: number;
  private readonly ints: Int32Array;
  /** The eligible sentences' scores, then the `textKey` of each kept sentence's text (see `kept`). */
  private readonly floats: Float64Array;
  private readonly termBytes: Uint8Array;
  private readonly startsAt: number;
  /** How many sentences were ranked. */
  private readonly ranked: number;
  /** How many best sentences have their distinct term ids kept (see `distinctTermsOf`). */
  readonly kept: number;
  /** Where the kept sentences' distinct ids start in `ints` (positions in `ints`, one more than `kept`). */
  private readonly distinctAt: number;

  /**
   * `ranked`: the ranking of `sentences`. It belongs to the ranker, which reuses its arrays for the
   * next article: what is kept is copied.
   */
  constructor(sentences: readonly Sentence[], ranked: RankedText) {
    const n = sentences.length;
    const best: number[] = [];
    for (let index = 0; index < n; index++) if (ranked.eligible[index]) best.push(index);
    best.sort((a, b) => ranked.score[b]! - ranked.score[a]!);
    const eligible = best.length;
    const kept = Math.min(eligible, KEPT_DISTINCT);
    const distinct = distinctRuns(best.slice(0, kept).map((index) => termsIn(ranked, index)));
    const intCount = SENTENCE_FIELDS * eligible + n + 1 + distinct.length;
    const floatBytes = 8 * (eligible + kept);
    const termBytes = encodedLength(ranked.terms);
    const { buffer, byteOffset } = keptArea(floatBytes + 4 * intCount + termBytes);
    this.floats = new Float64Array(buffer, byteOffset, eligible + kept);
    this.ints = new Int32Array(buffer, byteOffset + floatBytes, intCount);
    this.termBytes = new Uint8Array(buffer, byteOffset + floatBytes + 4 * intCount, termBytes);
    for (let k = 0; k < kept; k++) this.floats[eligible + k] = textKey(sentences[best[k]!]!.text);
    best.forEach((index, k) => {
      this.floats[k] = ranked.score[index]!;
      this.ints[INDEX * eligible + k] = index;
      this.ints[WORDS * eligible + k] = ranked.words[index]!;
      this.ints[START * eligible + k] = sentences[index]!.start;
      this.ints[END * eligible + k] = sentences[index]!.end;
    });
    this.eligible = eligible;
    this.startsAt = SENTENCE_FIELDS * eligible;
    let at = 0;
    for (let sentence = 0; sentence < n; sentence++) {
      this.ints[this.startsAt + sentence] = at;
      at = encodeTerms(termsIn(ranked, sentence), this.termBytes, at);
    }
    this.ints[this.startsAt + n] = at;
    this.ranked = n;
    this.kept = kept;
    this.distinctAt = this.startsAt + n + 1;
    // Kept as positions in `ints`, so a run is read without a view.
    for (let k = 0; k <= kept; k++) distinct[k]! += this.distinctAt;
    this.ints.set(distinct, this.distinctAt);
  }

  /** The `textKey` of the `k`th best eligible sentence's text, for one of the `kept` best. */
  textKeyOf(k: number): number {
    return this.floats[this.eligible + k]!;
  }

  /** The article's `k`th best eligible sentence. */
  best(k: number): ScoredSentence {
    const { ints, eligible } = this;
    return {
      index: ints[INDEX * eligible + k]!,
      start: ints[START * eligible + k]!,
      end: ints[END * eligible + k]!,
      words: ints[WORDS * eligible + k]!,
      score: this.floats[k]!,
    };
  }

  /**
   * The distinct term ids of the `k`th best eligible sentence, ascending: kept for the best few
   * (`KEPT_DISTINCT`, when the ranking is made), so that their candidates' ids cost nothing when
   * the corpus changes; worked out when asked for the others.
   */
  distinctTermsOf(k: number): Int32Array {
    if (k >= this.kept) return distinctRuns([this.termsOf(this.ints[INDEX * this.eligible + k]!)]).subarray(2);
    const run = this.distinctAt + k;
    return this.ints.subarray(this.ints[run]!, this.ints[run + 1]!);
  }

  /**
   * The distinct term ids of the best `count` eligible sentences, in one array read in place (a
   * pass over every article's best sentences makes no view per sentence): sentence `k`'s from
   * `ints[startsAt + k]` to `ints[startsAt + k + 1]`.
   */
  distinctTermsOfBest(count: number): { ints: Int32Array; startsAt: number } {
    if (count <= this.kept) return { ints: this.ints, startsAt: this.distinctAt };
    const ints = distinctRuns(
      Array.from({ length: count }, (_, k) => this.termsOf(this.ints[INDEX * this.eligible + k]!)),
    );
    return { ints, startsAt: 0 };
  }

  /** The term ids of every ranked sentence, repeats included: an array of their own. */
  allTerms(): Int32Array {
    return decodeTerms(this.termBytes, 0, this.termBytes.length);
  }

  /**
   * The term ids of ranked sentence `sentence`, in word order; empty past the ranked ones. An array
   * of their own, or a view of `into` when it has room.
   */
  termsOf(sentence: number, into?: Int32Array): Int32Array {
    if (sentence >= this.ranked) return new Int32Array(0);
    const starts = this.startsAt;
    return decodeTerms(this.termBytes, this.ints[starts + sentence]!, this.ints[starts + sentence + 1]!, into);
  }
}

/**
 * The candidate's sentence, cut from its article's text: reading `article.sentences` decodes the
 * article's whole layout, and doing so for every candidate of a corpus left tens of megabytes of
 * garbage behind a summary.
 */
export function sentenceText({ article, sentence }: Candidate): string {
  return article.text.slice(sentence.start, sentence.end);
}

export interface CorpusRankings {
  readonly corpus: Corpus;
  /** Summaries already made for the current corpus version, keyed by their options. */
  readonly summaries: Map<string, Summary>;
  /** Brings the rankings up to the corpus's current version; cheap when nothing changed. */
  refresh(): void;
  /** The article's best `limit` eligible sentences, best first. */
  bestOf(article: Article, limit: number): ScoredSentence[];
  /** How many of the article's sentences are eligible. */
  eligibleCount(article: Article): number;
  /**
   * The distinct term ids, ascending, of the article's best `limit` eligible sentences, best first
   * (their candidates' `ids`, without making the candidates): `count` of them, sentence `k`'s in
   * `ints` from `ints[startsAt + k]` to `ints[startsAt + k + 1]`.
   */
  bestTermsOf(article: Article, limit: number): { count: number; ints: Int32Array; startsAt: number };
  /**
   * The article's best `limit` sentences with TF-IDF vectors over the corpus, kept until
   * `forgetCandidates` (or a new corpus version). `score` is the within-article score.
   */
  candidatesOf(article: Article, limit: number): readonly Candidate[];
  /**
   * Drops the candidates made so far. They are needed while a summary is made; kept for every
   * article between summaries, their vectors held about as much as the rankings themselves.
   */
  forgetCandidates(): void;
  /**
   * The content-term ids of one ranked sentence, in word order (ids of `termIds`); empty past the
   * ranked ones. The array is the rankings' own, overwritten by the next call: a pass over every
   * sentence of the corpus ("what's new") reads each without making an array for it.
   */
  termsOf(article: Article, sentence: number): Int32Array;
  /** The dictionary the term ids come from. */
  readonly termIds: TermIds;
  /** How many of the corpus's articles hold the term (as of the last `refresh`). */
  documentFrequency(id: number): number;
}

export function rankingsOf(corpus: Corpus): CorpusRankings {
  const ranker = new TextRanker();
  const rankings = new Map<string, ArticleRanking>();
  /** Articles whose terms are in `frequencies`. */
  const counted = new Set<string>();
  let frequencies = new Int32Array(1024);
  let candidates = new Map<string, Candidate[]>();
  const summaries = new Map<string, Summary>();
  let version: string | null = null;
  /** Where `termsOf` writes the terms it returns. */
  let scratch = new Int32Array(256);

  const rankingOf = (article: Article): ArticleRanking => {
    let ranking = rankings.get(article.id);
    if (!ranking) {
      const sentences = sentencesOnce(article).slice(0, MAX_RANKED_SENTENCES);
      ranking = new ArticleRanking(sentences, ranker.rank(sentences.map((s) => s.text)));
      rankings.set(article.id, ranking);
    }
    return ranking;
  };

  /** Per term id, the last article counted (by number), so that each article counts a term once. */
  let countedIn = new Int32Array(1024);
  let counts = 0;
  const count = (ranking: ArticleRanking, delta: number) => {
    frequencies = grown(frequencies, ranker.termIds.size);
    countedIn = grown(countedIn, ranker.termIds.size);
    counts++;
    for (const id of ranking.allTerms()) {
      if (countedIn[id] === counts) continue;
      countedIn[id] = counts;
      frequencies[id]! += delta;
    }
  };

  /** IDF of every term id for the current version, worked out once rather than per sentence. */
  let idfs = new Float64Array(0);

  /**
   * Articles added and removed since the last refresh, as the corpus told them: a refresh reads
   * only these, not every article of the corpus (null: read every article, as the first refresh
   * does, or when so many changed that keeping them would cost more).
   */
  let changed: { added: Article[]; removed: Article[] } | null = null;
  corpus.onChange(({ added, removed }) => {
    if (!changed) return;
    changed.added.push(...added);
    changed.removed.push(...removed);
    if (changed.added.length + changed.removed.length > corpus.size) changed = null;
  });

  const uncount = (id: string) => {
    const ranking = rankings.get(id);
    if (!ranking || corpus.get(id)) return;
    if (counted.delete(id)) count(ranking, -1);
    rankings.delete(id);
  };
  const countIn = (article: Article) => {
    if (counted.has(article.id) || !corpus.get(article.id)) return;
    count(rankingOf(article), 1);
    counted.add(article.id);
  };

  const refresh = () => {
    if (version === corpus.version) return;
    version = corpus.version;
    summaries.clear();
    candidates = new Map();
    const rescan = () => {
      for (const id of [...rankings.keys()]) uncount(id);
      for (const article of corpus.articles()) countIn(article);
    };
    if (changed) {
      for (const article of changed.removed) uncount(article.id);
      for (const article of changed.added) countIn(article);
      // A change this listener was never told of (a listener before it threw) leaves the count out
      // of step with the corpus: every article is read again rather than weighing with it for good.
      if (counted.size !== corpus.size) rescan();
    } else {
      rescan();
    }
    changed = { added: [], removed: [] };
    idfs = Float64Array.from(frequencies, (frequency) => inverseFrequency(frequency, counted.size));
  };

  const candidatesOf = (article: Article, limit: number): readonly Candidate[] => {
    const ranking = rankingOf(article);
    const wanted = Math.min(limit, ranking.eligible);
    let made = candidates.get(article.id);
    if (!made) {
      made = [];
      candidates.set(article.id, made);
    }
    // Made again for each summary rather than kept: cheap, and kept for every sentence ever put
    // forward their vectors outgrew the rest of the rankings.
    for (let k = made.length; k < wanted; k++) {
      const sentence = ranking.best(k);
      made.push(new PutForward(article, sentence, ranking, k, idfs));
    }
    return made.length === wanted ? made : made.slice(0, wanted);
  };

  return {
    corpus,
    summaries,
    refresh,
    bestOf: (article, limit) => {
      const ranking = rankingOf(article);
      const best: ScoredSentence[] = [];
      for (let k = 0; k < Math.min(limit, ranking.eligible); k++) best.push(ranking.best(k));
      return best;
    },
    eligibleCount: (article) => rankingOf(article).eligible,
    bestTermsOf: (article, limit) => {
      const ranking = rankingOf(article);
      const count = Math.min(limit, ranking.eligible);
      return { count, ...ranking.distinctTermsOfBest(count) };
    },
    candidatesOf,
    forgetCandidates: () => {
      candidates = new Map();
    },
    termsOf: (article, sentence) => {
      const terms = rankingOf(article).termsOf(sentence, scratch);
      // Grown, for the next, when a sentence's terms did not fit (an array of their own this time).
      if (terms.length > scratch.length) scratch = new Int32Array(2 * terms.length);
      return terms;
    },
    termIds: ranker.termIds,
    documentFrequency: (id) => (id < frequencies.length ? frequencies[id]! : 0),
  };
}
