/**
 * The story so far from many articles: the sentences that together cover most of what the articles
 * agree on (pairs of adjacent content words, weighed by how many articles carry them, a copy of an
 * article counting as no second source; see `coverConcepts`), with a small prior for sentences that lead their article. Optionally the
 * summary opens with the latest development (the most widely carried opening of the newest
 * articles). A forward-looking sentence that a later article has overtaken is never picked.
 *
 * For "what's new" (`earlier` articles given), concepts the earlier articles already carried weigh
 * less, so the summary says what the newer articles add (update summarisation, as in DUC 2007).
 */
import type { Article } from '../articles/types.js';
import { byValue, IntLists, IntListsBuilder } from '../int-lists.js';
import { forEachWrittenWord } from '../text/written-words.js';
import { grown } from '../typed-arrays.js';
import { type Candidate, type CorpusRankings, sentenceText } from './corpus-rankings.js';
import { type Coverable, coverConcepts } from './cover-concepts.js';
import { PairIds } from './pair-ids.js';
import { reportedContent } from './reported-content.js';
import type { Budget } from './select-sentences.js';
import { containment, dayLookedAheadTo, looksAhead, MIN_OVERTAKING_SHARE } from './superseded.js';
import type { TermIds } from './terms.js';
import type { TermVector } from './vectors.js';

/** Up to this many candidate sentences in all, every eligible sentence of the first ranked ones is a candidate. */
export const MAX_STORY_CANDIDATES = 4000;
/** With more articles than the pool holds, each still puts forward its best few. */
export const MIN_CANDIDATES_PER_ARTICLE = 3;
/**
 * A concept carried by fewer articles than this is one outlet's detail: it weighs
 * `ONE_OUTLET_WEIGHT`, enough to choose between sentences once the shared facts are told.
 */
export const MIN_CONCEPT_ARTICLES = 2;
export const ONE_OUTLET_WEIGHT = 0.3;
/** Weight left to a concept the earlier articles already carried (update summaries). */
export const ALREADY_TOLD_WEIGHT = 0.5;
/** Prior, per unit of gain per word, for an article's opening sentence; it halves every `LEAD_HALF_LIFE` sentences. */
export const LEAD_PRIOR = 0.3;
export const LEAD_HALF_LIFE = 2;
/** A sentence holding this share of an earlier (or an already picked) sentence's words repeats it. */
export const REPEATED_SHARE = 0.8;
/**
 * A sentence whose words, weighed by rarity, are this much in the lines already picked together
 * says little new: two outlets' wordings of one fact share few word pairs but most of their rarer
 * words ("docked on Friday in Tromsø" / "Friday's docking in Tromsø").
 */
export const TOLD_SHARE = 0.5;
/** Share of the shorter article's sentences another must repeat verbatim to be a copy of it. */
const COPY_SHARE = 0.5;
/**
 * In a story followed day by day, the newest day's articles are the news: after the latest
 * development, up to this many lines (the short summary's length, with it) come from that day
 * before the rest of the story competes for the remaining lines.
 */
const LATEST_DAY_LINES = 3;
/**
 * A story is followed day by day when at least half the gaps between its articles' days are this
 * many days or fewer. A collection of articles spread over months or years is not: its newest
 * article is one more report on the topic, and its summary is the topic's, not the latest news.
 */
const DAILY_GAP_DAYS = 3;
/** Postings longer than this (words in most sentences) are skipped when looking for a later report. */
const MAX_POSTING = 5000;

export interface StoryPick {
  candidate: Candidate;
  /** True for the opening "latest development" pick. */
  latest: boolean;
}

interface Pool {
  candidates: Candidate[];
  /** Candidates that repeat what an earlier (already read) article said. */
  repeated: Set<number>;
  /** Each candidate's position among its article's candidates in text order (0 = its opening). */
  positions: number[];
  items: Coverable[];
  weights: Float64Array;
  /** The newest date among the candidates' articles, or null when none is dated. */
  newest: string | null;
}

function perArticleLimit(articles: number): number {
  return Math.max(MIN_CANDIDATES_PER_ARTICLE, Math.floor(MAX_STORY_CANDIDATES / Math.max(1, articles)));
}

/** Articles a sentence is looked up in when telling copies (see `copiesOf`). */
const COPY_HOLDERS = 16;

/**
 * For each article, the first one it is a copy of (the same report filed again, syndicated or
 * updated: half or more of the shorter one's sentences verbatim in the other), else itself.
 * `sentences` are each article's candidate sentences (their texts, or anything equal exactly when
 * the texts are, such as their `textKey`): a copy ranks its sentences as the original does. A copy
 * is no second source, so what the two carry is counted once.
 */
export function copiesOf<Text>(sentences: readonly (readonly Text[])[]): number[] {
  // A sentence many articles carry word for word (boilerplate, a wire story in every outlet) is
  // compared with its first holders only: a copy of a copy meets the first filing among them, and
  // reading every earlier holder made this quadratic in the articles carrying one sentence.
  const source = sentences.map((_, a) => a);
  const holders = new Map<Text, number[]>();
  const sizes: number[] = [];
  sentences.forEach((texts, b) => {
    const distinct = new Set(texts);
    sizes.push(distinct.size);
    const shared = new Map<number, number>();
    for (const text of distinct) {
      for (const a of holders.get(text) ?? []) shared.set(a, (shared.get(a) ?? 0) + 1);
    }
    for (const [a, count] of shared) {
      if (count >= COPY_SHARE * Math.min(distinct.size, sizes[a]!)) {
        source[b] = source[a]!;
        break;
      }
    }
    // Only first filings are looked up: a copy meets its original there, so the few places kept
    // for a sentence many articles carry go to articles that are not copies.
    if (source[b] !== b) return;
    for (const text of distinct) {
      const list = holders.get(text);
      if (!list) holders.set(text, [b]);
      else if (list.length < COPY_HOLDERS) list.push(b);
    }
  });
  return source;
}

/** The candidate's position among its article's candidates in text order (0: the first of them). */
function positionInText(candidate: Candidate, articleCandidates: readonly Candidate[]): number {
  let before = 0;
  for (const other of articleCandidates) if (other.sentence.index < candidate.sentence.index) before++;
  return before;
}

/** The parts of `perConcept` in `buildPool`. */
const ARTICLES = 0;
const LAST_ARTICLE = 1;
const LAST_CANDIDATE = 2;

function buildPool(rankings: CorpusRankings, scope: readonly Article[], earlier: readonly Article[]): Pool {
  const limit = perArticleLimit(scope.length);
  const ids = new PairIds();
  /**
   * Per concept id, three ints side by side (one line of memory per lookup, the table being larger
   * than the caches at 100k articles): how many articles carry it, the last article counted and the
   * last candidate that held it, both numbered from 1 so that a new id's zeros are none.
   */
  let perConcept = new Int32Array(3 * 1024);
  const ranked = scope.map((article) => rankings.candidatesOf(article, limit));
  // By text key: a sentence's text may have to be read from the store, for every article in scope.
  const sourceOf = copiesOf(ranked.map((list) => list.map((candidate) => candidate.textKey)));
  /**
   * Articles with a copy in scope; for them, the (concept, source) pairs counted, numbered in a
   * PairIds rather than kept in a Set as one number each, which boxed every pair past 2^31.
   */
  const copied = new Set(sourceOf.filter((source, a) => source !== a));
  const counted = new PairIds();
  const candidates: Candidate[] = [];
  const positions: number[] = [];
  /** Each candidate's distinct concept ids, in order of first use, one after another from `conceptStarts`. */
  let concepts = new Int32Array(4096);
  const conceptStarts = [0];
  scope.forEach((_article, a) => {
    const isCopied = copied.has(sourceOf[a]!);
    for (const candidate of ranked[a]!) {
      // Worked out again per summary rather than kept per article: cheap next to choosing.
      const { terms } = candidate;
      const mark = candidates.length + 1;
      let end = conceptStarts.at(-1)!;
      concepts = grown(concepts, end + terms.length);
      for (let t = 0; t + 1 < terms.length; t++) {
        const id = ids.idOf(terms[t]!, terms[t + 1]!);
        const at = 3 * id;
        perConcept = grown(perConcept, at + 3);
        if (perConcept[at + LAST_CANDIDATE] === mark) continue;
        perConcept[at + LAST_CANDIDATE] = mark;
        concepts[end++] = id;
        if (perConcept[at + LAST_ARTICLE] === a + 1) continue;
        perConcept[at + LAST_ARTICLE] = a + 1;
        if (!isCopied) perConcept[at + ARTICLES]!++;
        else {
          const before = counted.size;
          if (counted.idOf(id, sourceOf[a]!) === before) perConcept[at + ARTICLES]!++;
        }
      }
      conceptStarts.push(end);
      candidates.push(candidate);
      positions.push(positionInText(candidate, ranked[a]!));
    }
  });
  const told = new Uint8Array(ids.size);
  // What the earlier articles said is read from their ranked terms alone, one sentence at a time,
  // neither weighted nor kept: "what's new" since a late day reads nearly every sentence of the
  // corpus. Kept, as candidates, they held every ranked sentence's vector (220 MB at 10k articles);
  // kept as term lists with an index of them, still 40 MB at 10k and ten times that at 100k.
  // Only for "what's new": listing every candidate under its rarest terms is work a whole-story
  // summary, with nothing earlier, must not pay (300k candidates at 100k articles: seconds).
  const repeats = earlier.length ? new RepeatedCandidates(candidates, (id) => rankings.documentFrequency(id)) : null;
  for (const article of earlier) {
    for (const sentence of rankings.bestOf(article, limit)) {
      const terms = rankings.termsOf(article, sentence.index);
      repeats?.read(terms, rankings.termIds.size);
      for (let i = 0; i + 1 < terms.length; i++) {
        const id = ids.find(terms[i]!, terms[i + 1]!);
        if (id >= 0) told[id] = 1;
      }
    }
  }
  const weights = Float64Array.from({ length: ids.size }, (_, id) => {
    const count = perConcept[3 * id + ARTICLES]!;
    return (count < MIN_CONCEPT_ARTICLES ? ONE_OUTLET_WEIGHT : count) * (told[id] ? ALREADY_TOLD_WEIGHT : 1);
  });
  const items = candidates.map((candidate, i) => ({
    concepts: concepts.subarray(conceptStarts[i]!, conceptStarts[i + 1]!),
    words: candidate.sentence.words,
    prior: LEAD_PRIOR * 0.5 ** (positions[i]! / LEAD_HALF_LIFE),
  }));
  let newest: string | null = null;
  for (const { article } of candidates) if (article.date && (!newest || article.date > newest)) newest = article.date;
  return { candidates, positions, items, weights, newest, repeated: repeats?.repeated() ?? new Set<number>() };
}

/**
 * The candidates an earlier article already said in nearly the same words (they are never "what's
 * new"), found by reading the earlier sentences one at a time (`read`).
 *
 * Prefix filtering: an earlier sentence holding `needed` of a candidate's n terms lacks at most
 * n - needed of them, so it holds one of any n - needed + 1 of them. Each candidate is listed
 * under that many of its terms, the rarest in the corpus, and an earlier sentence is compared only
 * with the candidates listed under its terms: exact, and common words' many holders never walked.
 */
class RepeatedCandidates {
  /** Each candidate's distinct term ids (list `i`: candidate `i`'s), read once rather than per comparison. */
  private readonly ids: IntLists;
  /**
   * List `t`: the candidates listed under term id `t` and not yet found repeated, up to `listEnds[t]`
   * (a candidate found repeated is dropped from each list it is next met in).
   */
  private readonly listed: IntLists;
  private readonly listEnds: Int32Array;
  /** Terms each candidate's sentence must share with an earlier one (see `termsNeeded`). */
  private readonly needed: Int32Array;
  /** The earlier sentence (numbered from 1) that last held each term id, and that last had it looked up. */
  private heldBy = new Int32Array(1024);
  private lookedUp = new Int32Array(1024);
  /** The earlier sentence (numbered from 1) that last was compared with each candidate. */
  private readonly comparedWith: Int32Array;
  /** 1 for each candidate found repeated so far. */
  private readonly found: Uint8Array;
  private sentences = 0;

  constructor(candidates: readonly Candidate[], frequencyOf: (id: number) => number) {
    this.ids = IntLists.from(candidates.map((candidate) => candidate.ids));
    this.needed = new Int32Array(candidates.length);
    this.comparedWith = new Int32Array(candidates.length);
    this.found = new Uint8Array(candidates.length);
    const probes = new IntListsBuilder();
    for (let i = 0; i < candidates.length; i++) {
      const ids = this.ids.of(i);
      this.needed[i] = termsNeeded(ids.length);
      const rarest = [...ids].sort((a, b) => frequencyOf(a) - frequencyOf(b) || a - b);
      // A candidate without terms is listed nowhere: nothing earlier repeats it.
      for (const id of rarest.slice(0, ids.length ? ids.length - this.needed[i]! + 1 : 0)) probes.push(id);
      probes.end();
    }
    this.listed = byValue(probes.build());
    this.listEnds = this.listed.starts.slice(1);
  }

  /** Reads one earlier sentence: its term ids in word order, repeats included, each below `vocabulary`. */
  read(terms: Int32Array, vocabulary: number): void {
    const sentence = ++this.sentences;
    this.heldBy = grown(this.heldBy, vocabulary);
    this.lookedUp = grown(this.lookedUp, vocabulary);
    for (const id of terms) this.heldBy[id] = sentence;
    const { starts, values } = this.listed;
    for (const id of terms) {
      if (id >= this.listed.size || this.lookedUp[id] === sentence) continue;
      this.lookedUp[id] = sentence;
      let kept = starts[id]!;
      for (let at = kept; at < this.listEnds[id]!; at++) {
        const i = values[at]!;
        if (this.found[i]) continue;
        values[kept++] = i;
        if (this.comparedWith[i] === sentence) continue;
        this.comparedWith[i] = sentence;
        if (!this.holdsEnough(i, sentence)) continue;
        this.found[i] = 1;
        kept--;
      }
      this.listEnds[id] = kept;
    }
  }

  /** The candidates found repeated by the sentences read so far. */
  repeated(): Set<number> {
    const repeated = new Set<number>();
    this.found.forEach((found, i) => {
      if (found) repeated.add(i);
    });
    return repeated;
  }

  /** Whether the earlier sentence marked `sentence` in `heldBy` holds enough of candidate `i`'s terms. */
  private holdsEnough(i: number, sentence: number): boolean {
    const { starts, values } = this.ids;
    const end = starts[i + 1]!;
    const needed = this.needed[i]!;
    let held = 0;
    for (let k = starts[i]!; k < end; k++) {
      if (held + end - k < needed) return false;
      if (this.heldBy[values[k]!] === sentence && ++held >= needed) return true;
    }
    return held >= needed;
  }
}

/** The fewest of a sentence's `n` terms another must hold for `containment` to reach `REPEATED_SHARE`. */
function termsNeeded(n: number): number {
  let needed = Math.ceil(REPEATED_SHARE * n);
  while (needed > 0 && (needed - 1) / n >= REPEATED_SHARE) needed--;
  while (needed / n < REPEATED_SHARE) needed++;
  return needed;
}

/**
 * Whether events overtook this forward-looking candidate: the time it looked ahead to has come
 * (an article in scope is dated on or after it), or a later article holds most of its words in a
 * sentence that does not look ahead.
 */
function overtakenBy(pool: Pool, termIds: TermIds): (i: number) => boolean {
  const memo = new Map<number, boolean>();
  const { newest } = pool;
  // A report of what happened and the plan it fulfils are compared with irregular verbs read as
  // their base ("met" / "will meet"); worked out only once a forward-looking line is about to be picked.
  let reports: Int32Array[] | null = null;
  /** List `t`: the candidates whose report holds term `t`. */
  let holders: IntLists | null = null;
  const termsOf = (i: number) => {
    const candidate = pool.candidates[i]!;
    return termIds.baseIdsOf(sentenceText(candidate), candidate.ids);
  };
  return (i) => {
    let overtaken = memo.get(i);
    if (overtaken !== undefined) return overtaken;
    overtaken = false;
    const { article } = pool.candidates[i]!;
    const text = sentenceText(pool.candidates[i]!);
    if (article.date && looksAhead(text)) {
      const day = dayLookedAheadTo(text, article);
      if (day && newest !== null && newest >= day) {
        memo.set(i, true);
        return true;
      }
      // Only a later article's sentence can overtake it: with none in the pool, the reports of
      // every candidate need not be read (the newest articles' openings, asked first, have none).
      if (newest === null || newest <= article.date) {
        memo.set(i, false);
        return false;
      }
      const after = day ?? article.date;
      reports ??= pool.candidates.map((_, j) => termsOf(j));
      holders ??= byValue(IntLists.from(reports));
      const plan = reports[i]!;
      const seen = new Set<number>();
      for (const term of plan) {
        if (term >= holders.size) continue;
        const list = holders.of(term);
        if (list.length > MAX_POSTING) continue;
        for (const j of list) {
          if (seen.has(j)) continue;
          seen.add(j);
          const later = pool.candidates[j]!;
          const date = later.article.date;
          if (!date || date <= article.date || date < after) continue;
          if (containment(plan, reports[j]!) < MIN_OVERTAKING_SHARE) continue;
          if (looksAhead(sentenceText(later))) continue;
          overtaken = true;
          break;
        }
        if (overtaken) break;
      }
    }
    memo.set(i, overtaken);
    return overtaken;
  };
}

/** The share of a vector's weight (of its terms in `within`, when given) whose terms are in `told`. */
function heldShare({ ids, weights }: TermVector, told: ReadonlySet<number>, within?: ReadonlySet<number>): number {
  let all = 0;
  let held = 0;
  for (let k = 0; k < ids.length; k++) {
    if (within && !within.has(ids[k]!)) continue;
    all += weights[k]!;
    if (told.has(ids[k]!)) held += weights[k]!;
  }
  return all > 0 ? held / all : 0;
}

/**
 * The share of a candidate's term weight (TF-IDF, so rarer words count more) held by the picked
 * lines taken together, or of the weight of what it reports (`reportedContent`) when that is more:
 * "Speaking on Monday, the port's spokeswoman said the ferry would stop" says nothing new once
 * the ferry's stop is told, however new the spokeswoman's name and title. Picks are never taken
 * back, so each one's terms are gathered once.
 */
function toldBy(pool: Pool, termIds: TermIds): (i: number, picked: readonly number[]) => number {
  const told = new Set<number>();
  const gathered = new Set<number>();
  /** Each candidate's reported content as term ids (null: no speech verb), read once: every pick asks again. */
  const reportedOf = new Map<number, Set<number> | null>();
  const reportedIds = (i: number): Set<number> | null => {
    if (reportedOf.has(i)) return reportedOf.get(i)!;
    const content = reportedContent(sentenceText(pool.candidates[i]!));
    let reported: Set<number> | null = null;
    if (content !== null) {
      const ids = new Set<number>();
      forEachWrittenWord(content, (start, end) => {
        const id = termIds.idOf(content.slice(start, end));
        if (id >= 0) ids.add(id);
      });
      reported = ids;
    }
    reportedOf.set(i, reported);
    return reported;
  };
  return (i, picked) => {
    for (const j of picked) {
      if (gathered.has(j)) continue;
      gathered.add(j);
      for (const id of pool.candidates[j]!.ids) told.add(id);
    }
    const { vector } = pool.candidates[i]!;
    const whole = heldShare(vector, told);
    const reported = reportedIds(i);
    return reported === null ? whole : Math.max(whole, heldShare(vector, told, reported));
  };
}

/** The opening of the newest articles that carries the most of the story, if not overtaken. */
function latestOf(pool: Pool, overtaken: (i: number) => boolean): number | null {
  const { newest } = pool;
  if (!newest) return null;
  let best: number | null = null;
  let bestValue = Number.NEGATIVE_INFINITY;
  pool.candidates.forEach((candidate, i) => {
    // Only an article's first two eligible sentences say what it reports.
    const position = pool.positions[i]!;
    if (candidate.article.date !== newest || position > 1) return;
    let value = 0;
    for (const concept of pool.items[i]!.concepts) value += pool.weights[concept]!;
    value *= 0.5 ** position;
    if (value > bestValue && !overtaken(i)) {
      bestValue = value;
      best = i;
    }
  });
  return best;
}

/** Whether half or more of the gaps between the articles' days are `DAILY_GAP_DAYS` or fewer. */
export function followedDaily(articles: readonly Article[]): boolean {
  const days = [...new Set(articles.flatMap((article) => article.date ?? []))].sort();
  if (days.length < 2) return false;
  const gaps = days.slice(1).map((day, i) => (Date.parse(day) - Date.parse(days[i]!)) / 86_400_000);
  return gaps.filter((gap) => gap <= DAILY_GAP_DAYS).length * 2 >= gaps.length;
}

export function pickStorySentences(
  rankings: CorpusRankings,
  scope: readonly Article[],
  earlier: readonly Article[],
  budget: Budget,
  leadWithLatest: boolean,
): { picks: StoryPick[]; repeating: Article[] } {
  const pool = buildPool(rankings, scope, earlier);
  const overtaken = overtakenBy(pool, rankings.termIds);
  const latest = leadWithLatest ? latestOf(pool, overtaken) : null;
  const alreadyTold = toldBy(pool, rankings.termIds);
  const rejects = (i: number, chosen: readonly number[]) =>
    pool.repeated.has(i) ||
    overtaken(i) ||
    chosen.some((j) => containment(pool.candidates[i]!.ids, pool.candidates[j]!.ids) >= REPEATED_SHARE) ||
    alreadyTold(i, chosen) >= TOLD_SHARE;
  let first = latest === null ? [] : [latest];
  if (latest !== null && followedDaily(scope)) {
    const newest = pool.candidates[latest]!.article.date;
    first = coverConcepts(
      pool.items,
      pool.weights,
      { ...budget, maxSentences: Math.min(LATEST_DAY_LINES, budget.maxSentences) },
      { first, rejects: (i, chosen) => pool.candidates[i]!.article.date !== newest || rejects(i, chosen) },
    );
  }
  const picked = coverConcepts(pool.items, pool.weights, budget, { first, rejects });
  // An article all of whose sentences an earlier one already said adds nothing new.
  const adds = new Set<Article>();
  pool.candidates.forEach((candidate, i) => {
    if (!pool.repeated.has(i)) adds.add(candidate.article);
  });
  return {
    picks: picked.map((i) => ({ candidate: pool.candidates[i]!, latest: i === latest })),
    repeating: earlier.length ? scope.filter((article) => !adds.has(article)) : [],
  };
}
