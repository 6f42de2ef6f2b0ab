import { createHash } from 'node:crypto';
import { type ArticleAnalysis, analyseArticle } from '../articles/analysis.js';
import type { Article, Basis } from '../articles/types.js';
import { recentlyUsed } from '../recently-used.js';
import { keepText } from './article-store.js';

export interface CorpusChange {
  added: Article[];
  removed: Article[];
}

export type CorpusListener = (change: CorpusChange) => void;

/**
 * Reads an article's analysis kept elsewhere (the store) when asked for, decoded anew each time;
 * undefined once it is no longer there. Given the article, one reader can serve every article of a
 * store (SQLite's does): a closure per article, as each had, cost about 300 bytes apiece.
 */
export type AnalysisReader = (article: Article) => ArticleAnalysis | undefined;

/** An analysis, or how to read it when asked for (a stored one is read and decoded only then). */
export type AnalysisSource = ArticleAnalysis | AnalysisReader;

/**
 * How many analyses read from the store are kept decoded, the most recently asked for. Story-wide
 * views read every article's analysis once and keep only what they need of it; kept for every
 * article, decoded analyses (names with every mention's offsets, dated sentences) were a third of
 * a warm process's memory at 10k articles.
 */
export const DECODED_ANALYSES = 64;

/** 32-bit lanes of the version: 64 bits, printed as 16 hex digits. */
const VERSION_LANES = 2;

/** Adds (`sign` 1) or takes away (-1) the first lanes of the id's SHA-256 digest, lane by lane. */
function addDigest(sum: Uint32Array, id: string, sign: 1 | -1): void {
  const digest = createHash('sha256').update(id).digest();
  for (let lane = 0; lane < sum.length; lane++) sum[lane] = sum[lane]! + sign * digest.readUInt32LE(4 * lane);
}

/** Oldest first (undated last), ties broken by origin so the order is stable: the corpus's order. */
export function oldestFirst(a: Article, b: Article): number {
  // Days are ISO dates, in order as plain strings (a locale comparison of every pair cost tens of
  // milliseconds at 100k articles, each time the corpus changed).
  const dayA = a.date ?? '9999';
  const dayB = b.date ?? '9999';
  if (dayA !== dayB) return dayA < dayB ? -1 : 1;
  return a.origin.localeCompare(b.origin);
}

/**
 * The articles Newsdesk answers from, with each article's analysis (quotes, people) computed once
 * when it arrives. Listeners (the search index) are told of every change, in batches, so they can
 * update incrementally.
 */
export class Corpus {
  private readonly byId = new Map<string, Article>();
  private readonly analyses = new Map<string, AnalysisSource>();
  /** Analyses read through a source function, most recently asked for last (see `DECODED_ANALYSES`). */
  private readonly decoded = new Map<string, ArticleAnalysis>();
  private readonly listeners: CorpusListener[] = [];
  private sorted: Article[] | null = null;
  /**
   * The sum of every article id's digest, lane by lane (mod 2^32 each): the same set of articles
   * gives the same sum in whatever order they came, and a change moves it by its own articles'
   * digests. Made when `version` is first read, then kept up to date: hashing every sorted id
   * again cost 190 ms of the first summary after one new article at 100k articles.
   */
  private idSum: Uint32Array | null = null;
  private cachedVersion: string | null = null;
  private cachedBasis: Basis | null = null;

  constructor(private readonly analyse: (article: Article) => AnalysisSource) {}

  onChange(listener: CorpusListener): void {
    this.listeners.push(listener);
  }

  /**
   * Adds articles not already present (same id means same content); returns those added. `analyse`
   * gives their analysis when it is known already (read from the store), instead of the corpus's own.
   */
  add(articles: readonly Article[], analyse: (article: Article) => AnalysisSource = this.analyse): Article[] {
    const added: Article[] = [];
    for (const article of articles) {
      if (this.byId.has(article.id)) continue;
      this.byId.set(article.id, article);
      this.analyses.set(article.id, analyse(article));
      if (this.idSum) addDigest(this.idSum, article.id, 1);
      added.push(article);
    }
    if (added.length) this.changed({ added, removed: [] });
    return added;
  }

  remove(ids: readonly string[]): Article[] {
    const removed: Article[] = [];
    for (const id of ids) {
      const article = this.byId.get(id);
      if (!article) continue;
      this.byId.delete(id);
      this.analyses.delete(id);
      this.decoded.delete(id);
      if (this.idSum) addDigest(this.idSum, id, -1);
      // Read before the store forgets it: whoever still holds the article can read its text.
      keepText(article);
      removed.push(article);
    }
    if (removed.length) this.changed({ added: [], removed });
    return removed;
  }

  /**
   * Swaps the analysis of an article already in the corpus for another source of the same analysis
   * (the stored copy, read when asked for), without a change: what a start does once it has stored
   * the analyses it made, so they need not all stay in memory.
   */
  replaceAnalysis(id: string, source: AnalysisSource): void {
    if (!this.analyses.has(id)) return;
    this.analyses.set(id, source);
    this.decoded.delete(id);
  }

  get(id: string): Article | undefined {
    return this.byId.get(id);
  }

  /**
   * The article's analysis. One read from the store is decoded again once it has left the few kept
   * decoded: callers keep what they need of it, not the analysis itself.
   */
  analysis(id: string): ArticleAnalysis | undefined {
    const source = this.analyses.get(id);
    if (typeof source !== 'function') return source;
    return recentlyUsed(this.decoded, id, () => this.read(id, source), DECODED_ANALYSES);
  }

  /**
   * The article's analysis for a pass that reads every article's once (a story-wide view): a stored
   * one is decoded without joining the few kept decoded, so it is garbage as soon as the caller has
   * taken what it needs. Kept, each decoded analysis of a pass outlived a young-generation
   * collection and was moved to the old one: at 10k articles ~170 MB of garbage at the pass's peak.
   */
  analysisOnce(id: string): ArticleAnalysis | undefined {
    const source = this.analyses.get(id);
    if (typeof source !== 'function') return source;
    return this.decoded.get(id) ?? this.read(id, source);
  }

  /**
   * The article's analysis as `reader` reads it; made here when the store no longer holds it (an
   * article another process withdrew meanwhile, or stored under another analysis version), once:
   * it is kept in place of the reader.
   */
  private read(id: string, reader: AnalysisReader): ArticleAnalysis {
    const article = this.byId.get(id)!;
    const stored = reader(article);
    if (stored) return stored;
    const made = analyseArticle(article);
    this.analyses.set(id, made);
    return made;
  }

  get size(): number {
    return this.byId.size;
  }

  /** Articles oldest first (undated last), ties broken by origin so the order is stable. */
  articles(): readonly Article[] {
    this.sorted ??= [...this.byId.values()].sort(oldestFirst);
    return this.sorted;
  }

  /** Changes whenever the set of articles changes; keys caches of answers and summaries. */
  get version(): string {
    if (this.cachedVersion === null) {
      if (!this.idSum) {
        this.idSum = new Uint32Array(VERSION_LANES);
        for (const id of this.byId.keys()) addDigest(this.idSum, id, 1);
      }
      this.cachedVersion = Array.from(this.idSum, (lane) => lane.toString(16).padStart(8, '0')).join('');
    }
    return this.cachedVersion;
  }

  /** Stamped on every answer, so computed once per change rather than once per answer. */
  basis(): Basis {
    if (!this.cachedBasis) {
      let asOf: string | null = null;
      for (const article of this.byId.values()) {
        if (article.date && (!asOf || article.date > asOf)) asOf = article.date;
      }
      this.cachedBasis = { asOf, articles: this.byId.size };
    }
    return { ...this.cachedBasis };
  }

  private changed(change: CorpusChange): void {
    this.sorted = null;
    this.cachedVersion = null;
    this.cachedBasis = null;
    for (const listener of this.listeners) listener(change);
  }
}
