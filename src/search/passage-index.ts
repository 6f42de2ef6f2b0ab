import Database from 'better-sqlite3';
import { readableText } from '../articles/article.js';
import type { Article } from '../articles/types.js';
import { recentlyUsed } from '../recently-used.js';
import { ArticleWords } from './article-words.js';
import { anyOf, queryWords } from './query-terms.js';

/** One sentence of one article: the unit Newsdesk retrieves and cites. */
export interface Passage {
  articleId: string;
  /** Sentence index within the article. */
  sentence: number;
  start: number;
  end: number;
  text: string;
}

export interface SearchHit extends Passage {
  /** Higher is better. */
  score: number;
}

export interface SearchOptions {
  limit?: number;
  /** Restrict to these articles. */
  articleIds?: readonly string[];
}

export const DEFAULT_SEARCH_LIMIT = 10;
export const MAX_SEARCH_LIMIT = 1000;
/**
 * BM25 column weights. Every passage carries its article's headline so a story's wording helps
 * find its sentences, but a headline match alone must not outrank a sentence that says the thing.
 */
const TITLE_WEIGHT = 0.25;
const BODY_WEIGHT = 1;
/**
 * FTS5 works out BM25 for every passage a query matches (reading each one's length), one to two
 * microseconds apiece on a shared two-core machine, so a word found in a tenth of 300,000 passages
 * costs tens of milliseconds. Past this many matched passages, the commonest words only re-rank the
 * passages the rarer ones find (see `matchFor`); when even the rarest word is in more, only the
 * passages indexed last are ranked (see `newestRanked`).
 */
export const MAX_RANKED_PASSAGES = 10_000;
/**
 * A word's passages are counted exactly up to this many, and past it estimated from how many rows
 * the newest of them span (see `passagesHolding`): counting every passage of a word read its whole
 * list, up to 95 ms for a word in every passage at 100k articles, paid by the first question to
 * use it. Twice `MAX_RANKED_PASSAGES`, so which words are rare enough to choose the passages is
 * decided on exact counts; whether a word is in half the passages or more is, past the cap, estimated.
 */
const COUNTED_EXACTLY = 2 * MAX_RANKED_PASSAGES;
/** How long opening an index file waits for another process to let go of it. */
const LOCK_WAIT_MS = 200;
/** Words whose passage counts are remembered between searches, until the index changes. */
const MAX_COUNTED_WORDS = 10_000;
/** Articles whose `ArticleWords` are kept: those of a few hundred questions' hits. */
const MAX_KEPT_WORDS = 2_000;

/**
 * Bumped whenever SCHEMA changes: a file written under another version is emptied and its articles
 * indexed again when added, rather than read with the wrong statistics.
 */
const SCHEMA_VERSION = 2;
/**
 * Hits whose rank ties with the last one asked for are fetched up to this many beyond the limit, so
 * ties can be put in one order (see `topRanked`).
 */
const TIE_ROOM = 16;

// Porter stemming so "meeting" finds "meet"; diacritics folded so "Kowalskyy" and accented
// spellings meet. Contentless: the text lives in the articles, hits are cut from them by offset.
// Not `contentless_delete=1`: its deletes leave the removed rows in the BM25 statistics (row count,
// average length), so a withdrawn article would go on changing every ranking. Removal instead
// replays the passage text through FTS5's 'delete' command, which takes its tokens back out exactly.
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS article (id TEXT PRIMARY KEY) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS passage (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL,
    sentence INTEGER NOT NULL,
    start_at INTEGER NOT NULL,
    end_at INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS passage_by_article ON passage (article_id);
  CREATE VIRTUAL TABLE IF NOT EXISTS passage_text USING fts5(
    title, body, content='',
    tokenize='porter unicode61 remove_diacritics 2'
  );
`;

const BM25 = `bm25(passage_text, ${TITLE_WEIGHT}, ${BODY_WEIGHT})`;
const HIT_COLUMNS = 'p.article_id AS articleId, p.sentence, p.start_at AS start, p.end_at AS end';

// Ranked and cut to the limit before the join, so only the passages returned are looked up.
const SEARCH = `
  SELECT ${HIT_COLUMNS}, t.rank
  FROM (SELECT rowid, ${BM25} AS rank FROM passage_text WHERE passage_text MATCH @match
        ORDER BY rank LIMIT @limit) t
  JOIN passage p ON p.id = t.rowid`;

// Every passage ranking at or above a given rank, in no order: a tie too long for `SEARCH`'s room.
// bm25 is worked out per passage as in SEARCH, so a rank read from SEARCH compares exactly.
const SEARCH_UP_TO = `
  SELECT ${HIT_COLUMNS}, t.rank
  FROM (SELECT rowid, ${BM25} AS rank FROM passage_text
        WHERE passage_text MATCH @match AND ${BM25} <= @rank) t
  JOIN passage p ON p.id = t.rowid`;

// The newest `MAX_RANKED_PASSAGES` passages a broad search matches, ranked once, and of them those
// ranking as well as the one at @limit or better (ties included, so they can be put in one order).
// FTS5 walks a word's list from its end and stops at the limit, where a lower bound on rowid still
// read the whole list (BM25 still reads the whole list once, to weigh the word).
const SEARCH_NEWEST = `
  WITH newest AS MATERIALIZED (
    SELECT rowid AS id, ${BM25} AS rank FROM passage_text WHERE passage_text MATCH @match
    ORDER BY rowid DESC LIMIT ${MAX_RANKED_PASSAGES})
  SELECT ${HIT_COLUMNS}, t.rank FROM newest t JOIN passage p ON p.id = t.id
  WHERE t.rank <= IFNULL((SELECT rank FROM newest ORDER BY rank LIMIT 1 OFFSET @limit - 1),
                         (SELECT max(rank) FROM newest))`;

const SEARCH_IN = `
  SELECT ${HIT_COLUMNS}, ${BM25} AS rank
  FROM passage_text JOIN passage p ON p.id = passage_text.rowid
  WHERE passage_text MATCH @match AND p.article_id IN (SELECT value FROM json_each(@ids))
  ORDER BY rank, p.article_id, p.sentence LIMIT @limit`;

interface HitRow {
  articleId: string;
  sentence: number;
  start: number;
  end: number;
  rank: number;
}

/** Creates the schema when missing (or written by another version) and prepares every statement once. */
function prepareStatements(db: Database.Database) {
  if (db.pragma('user_version', { simple: true }) !== SCHEMA_VERSION) {
    db.exec('DROP TABLE IF EXISTS passage_text; DROP TABLE IF EXISTS passage; DROP TABLE IF EXISTS article;');
    db.exec(SCHEMA);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }
  return {
    hasArticle: db.prepare<[string], { id: string }>('SELECT id FROM article WHERE id = ?'),
    articleIds: db.prepare<[], { id: string }>('SELECT id FROM article'),
    insertArticle: db.prepare<[string]>('INSERT INTO article (id) VALUES (?)'),
    insertPassage: db.prepare<[string, number, number, number]>(
      'INSERT INTO passage (article_id, sentence, start_at, end_at) VALUES (?, ?, ?, ?)',
    ),
    insertText: db.prepare<[number | bigint, string, string]>(
      'INSERT INTO passage_text (rowid, title, body) VALUES (?, ?, ?)',
    ),
    passagesOf: db.prepare<[string], { id: number; start: number; end: number }>(
      'SELECT id, start_at AS start, end_at AS end FROM passage WHERE article_id = ?',
    ),
    // FTS5's way to remove a row from a contentless table: the same values as were inserted.
    deleteText: db.prepare<[number, string, string]>(
      "INSERT INTO passage_text (passage_text, rowid, title, body) VALUES ('delete', ?, ?, ?)",
    ),
    deleteEverything: db.prepare("INSERT INTO passage_text (passage_text) VALUES ('delete-all')"),
    clearPassages: db.prepare('DELETE FROM passage'),
    clearArticles: db.prepare('DELETE FROM article'),
    deletePassages: db.prepare<[string]>('DELETE FROM passage WHERE article_id = ?'),
    deleteArticle: db.prepare<[string]>('DELETE FROM article WHERE id = ?'),
    count: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM passage'),
    lastPassage: db.prepare<[], { id: number | null }>('SELECT max(id) AS id FROM passage'),
    // How many of the newest `cap` passages match, and the oldest of them (see `passagesHolding`).
    countNewest: db.prepare<{ match: string; cap: number }, { n: number; low: number | null }>(
      `SELECT count(*) AS n, min(rowid) AS low FROM (SELECT rowid FROM passage_text
       WHERE passage_text MATCH @match ORDER BY rowid DESC LIMIT @cap)`,
    ),
    searchNewest: db.prepare<{ match: string; limit: number }, HitRow>(SEARCH_NEWEST),
    search: db.prepare<{ match: string; limit: number }, HitRow>(SEARCH),
    searchUpTo: db.prepare<{ match: string; rank: number }, HitRow>(SEARCH_UP_TO),
    searchIn: db.prepare<{ match: string; limit: number; ids: string }, HitRow>(SEARCH_IN),
  };
}

type Statements = ReturnType<typeof prepareStatements>;

/** The index file is held by another process. */
export class IndexBusyError extends Error {
  constructor(readonly file: string) {
    super(`the passage index ${file} is in use by another process`);
    this.name = 'IndexBusyError';
  }
}

function byRankThenPlace(a: HitRow, b: HitRow): number {
  return a.rank - b.rank || (a.articleId < b.articleId ? -1 : a.articleId > b.articleId ? 1 : a.sentence - b.sentence);
}

/**
 * Full-text index over passages, updated incrementally as articles come and go. SQLite FTS5 does
 * the indexing and BM25 ranking; hit text is always cut from the article itself, so it is exactly
 * `article.text.slice(start, end)`.
 *
 * A file-backed index keeps its passages between runs; `add` the articles again after opening it
 * (already-indexed ones are only registered, not re-indexed) so their hits can be returned.
 */
export class PassageIndex {
  /** The articles whose passages can be returned, by id. */
  private readonly articles = new Map<string, { article: Article }>();
  /**
   * How the passages of the articles asked about lately read as stems, read on first use (not when
   * indexing, to keep start-up fast) and kept for at most `MAX_KEPT_WORDS` articles, least recently
   * used dropped first: kept for every article, they grew with the corpus (220 MB at 10k articles).
   */
  private readonly words = new Map<string, ArticleWords>();
  private readonly statements: Statements;
  /** Passages holding each word, and in all, counted on first need since the index last changed. */
  private readonly passagesWith = new Map<string, number>();
  private passageCount: number | null = null;
  /** The highest passage row id, read on first need since the index last changed. */
  private lastPassage: number | null = null;

  private constructor(private readonly db: Database.Database) {
    this.statements = prepareStatements(db);
  }

  /**
   * Opens (or creates) an index; in memory unless a file is given. A file is held by one process
   * at a time (SQLite's exclusive locking mode): its statistics must describe exactly the articles
   * that process added, so another process opening it gets an `IndexBusyError` and should index
   * in memory instead.
   */
  static open(file?: string): PassageIndex {
    if (!file) return new PassageIndex(new Database(':memory:'));
    const db = new Database(file, { timeout: LOCK_WAIT_MS });
    try {
      db.pragma('locking_mode = EXCLUSIVE');
      db.pragma('journal_mode = WAL');
      // The lock is taken by the first write and kept until the connection closes.
      db.exec('BEGIN EXCLUSIVE; COMMIT;');
      return new PassageIndex(db);
    } catch (err) {
      db.close();
      if ((err as { code?: string }).code === 'SQLITE_BUSY') throw new IndexBusyError(file);
      throw err;
    }
  }

  /** Indexes every sentence of the articles not yet indexed, in one transaction. */
  add(articles: readonly Article[]): void {
    this.db.transaction(() => {
      for (const article of articles) {
        if (this.articles.has(article.id)) continue;
        this.articles.set(article.id, { article });
        if (!this.statements.hasArticle.get(article.id)) this.indexPassages(article);
      }
    })();
    this.forgetCounts();
  }

  /**
   * Forgets the articles' passages, in one transaction; unknown ids are ignored (`elsewhere` may
   * give an article indexed but not added in this run, so its text is known). An article indexed
   * in an earlier run but not added in this one has no text to take back out, nor one whose text
   * can no longer be read (its store has dropped it), so then the index is rebuilt from the articles
   * added (rare: a file-backed index out of step with its articles).
   */
  remove(articleIds: readonly string[], elsewhere?: (id: string) => Article | undefined): void {
    const s = this.statements;
    this.db.transaction(() => {
      let textUnknown = false;
      for (const id of articleIds) {
        const article = this.articles.get(id)?.article ?? elsewhere?.(id);
        this.articles.delete(id);
        this.words.delete(id);
        const text = article && readableText(article);
        if (!article || text === undefined) {
          textUnknown ||= s.hasArticle.get(id) !== undefined;
          continue;
        }
        for (const passage of s.passagesOf.all(id)) {
          s.deleteText.run(passage.id, article.title, text.slice(passage.start, passage.end));
        }
        s.deletePassages.run(id);
        s.deleteArticle.run(id);
      }
      if (textUnknown) this.rebuild();
    })();
    this.forgetCounts();
  }

  /**
   * Forgets every article a file-backed index kept from an earlier run that has not been added in
   * this one, so the index holds exactly this run's articles (after a crash, a seed file removed
   * while stopped, or a change made by another process). Call once every article of the start has
   * been added. `stored` gives the articles it knows of (the store's), whose passages are then
   * taken out one by one; for any other the index is rebuilt, reading every article's text.
   */
  dropArticlesNotAdded(stored?: (id: string) => Article | undefined): number {
    const stale = this.statements.articleIds
      .all()
      .map(({ id }) => id)
      .filter((id) => !this.articles.has(id));
    if (stale.length) this.remove(stale, stored);
    return stale.length;
  }

  /** Empties the index and indexes the added articles again: what a fresh start would hold. */
  private rebuild(): void {
    const s = this.statements;
    s.deleteEverything.run();
    s.clearPassages.run();
    s.clearArticles.run();
    for (const { article } of this.articles.values()) this.indexPassages(article);
  }

  private indexPassages(article: Article): void {
    const s = this.statements;
    s.insertArticle.run(article.id);
    for (const sentence of article.sentences) {
      const { lastInsertRowid } = s.insertPassage.run(article.id, sentence.index, sentence.start, sentence.end);
      s.insertText.run(lastInsertRowid, article.title, article.text.slice(sentence.start, sentence.end));
    }
  }

  /** Passages ranked by BM25 against the words of `query` (any text: it is never parsed as FTS syntax). */
  search(query: string, options: SearchOptions = {}): SearchHit[] {
    if (options.articleIds?.length === 0) return [];
    const chosen = this.matchFor(queryWords(query));
    if (!chosen) return [];
    const { match, broad } = chosen;
    const limit = Math.max(1, Math.min(MAX_SEARCH_LIMIT, Math.floor(options.limit ?? DEFAULT_SEARCH_LIMIT)));
    // A search within some articles keeps every word: it may be all their passages have of it.
    const rows = options.articleIds
      ? this.statements.searchIn.all({ match, limit, ids: JSON.stringify(options.articleIds) })
      : broad
        ? this.newestRanked(broad, limit)
        : this.topRanked(match, limit);
    const hits: SearchHit[] = [];
    for (const row of rows) {
      const article = this.articles.get(row.articleId)?.article;
      const text = article && readableText(article);
      if (text === undefined) continue;
      const { articleId, sentence, start, end } = row;
      hits.push({ articleId, sentence, start, end, text: text.slice(start, end), score: -row.rank });
    }
    return hits;
  }

  /**
   * For a search too broad to rank whole (the passages `match` can find are more than
   * `MAX_RANKED_PASSAGES`: every word of the question is everywhere, "talks" in a story about talks),
   * the best `limit` of the newest `MAX_RANKED_PASSAGES` it matches. Passages are indexed as
   * articles arrive (a first start's seeds in date order, then the feed articles kept in the store),
   * so these are the newest, which is what a question about something all over the story most likely
   * wants, at a cost that stops growing with the corpus. Ranks stay exact BM25 over the whole index;
   * which passages are ranked depends on the order articles arrived in, so past the cap a running
   * index may answer differently from a fresh start over the same articles. All of them are ranked
   * once, in one query that also returns every passage tied at the limit (see `topRanked`).
   */
  private newestRanked(match: string, limit: number): HitRow[] {
    return this.statements.searchNewest.all({ match, limit }).sort(byRankThenPlace).slice(0, limit);
  }

  /**
   * The best `limit` passages, equal ranks in article and sentence order.
   * Passages' row ids depend on the order articles arrived in, so FTS5's own order among equal ranks
   * (wire copies of one sentence score alike) would make a running index answer differently from a
   * fresh start over the same articles. A few passages past the limit are fetched; when the rank at
   * the limit ties all the way to the last one fetched, every passage ranking at least as well is
   * fetched in a second query. That query is what a long tie costs (both rank every passage matched,
   * the bulk of a search's time), where fetching twice as many each time until the tie ended took up
   * to four.
   */
  private topRanked(match: string, limit: number): HitRow[] {
    const fetch = limit + TIE_ROOM;
    let rows = this.statements.search.all({ match, limit: fetch }).sort(byRankThenPlace);
    const atLimit = rows[limit - 1];
    if (atLimit && rows.length === fetch && rows[fetch - 1]!.rank === atLimit.rank) {
      rows = this.statements.searchUpTo.all({ match, rank: atLimit.rank }).sort(byRankThenPlace);
    }
    return rows.slice(0, limit);
  }

  /** How the article's passages read as stems, for re-ranking its hits; undefined when not indexed. */
  wordsOf(articleId: string): ArticleWords | undefined {
    const entry = this.articles.get(articleId);
    if (!entry) return undefined;
    return recentlyUsed(this.words, articleId, () => new ArticleWords(entry.article), MAX_KEPT_WORDS);
  }

  /** Number of passages indexed. */
  get size(): number {
    this.passageCount ??= this.statements.count.get()?.n ?? 0;
    return this.passageCount;
  }

  /**
   * The MATCH expression for the words: any of them, while the passages they match stay within
   * `MAX_RANKED_PASSAGES`. Past that, the rarest words (which carry most of BM25's weight) choose
   * the passages, and the commoner ones only rank those that also hold them: `rare OR (rare AND
   * common)` matches no more passages than `rare` does. That counts the rare words twice, so the
   * common ones weigh half what they would; words in half the passages or more are left out, as
   * BM25 gives them no weight at all (FTS5 floors their negative idf at a millionth). Words found
   * nowhere are left out too, so that the rarest word kept always finds something.
   *
   * When even the rarest word is in more than `MAX_RANKED_PASSAGES`, the search is too broad to
   * rank whole, and `broad` says what to match among the passages indexed last (`newestRanked`):
   * the rarest word alone (with any word exactly as rare). BM25 reads the whole list of every word
   * matched to weigh it (about 0.03 µs a passage here: 25 ms for a word in 800,000 passages), so
   * the commoner words would cost more than the ranking saves; `/ask` still weighs them when it
   * re-ranks the hits.
   */
  private matchFor(words: readonly string[]): { match: string; broad: string | null } | null {
    const counted = words
      .map((word) => ({ word, passages: this.passagesHolding(word) }))
      .filter(({ passages }) => passages > 0);
    counted.sort((a, b) => a.passages - b.passages);
    const rarest = counted[0]?.passages;
    if (rarest === undefined) return null;
    let broad: string | null = null;
    if (rarest > MAX_RANKED_PASSAGES) {
      broad = anyOf(counted.filter(({ passages }) => passages === rarest).map(({ word }) => word))!;
    }
    const rare: string[] = [];
    const common: string[] = [];
    let ranked = 0;
    for (const { word, passages } of counted) {
      if (!rare.length || ranked + passages <= MAX_RANKED_PASSAGES) {
        rare.push(word);
        ranked += passages;
      } else if (2 * passages < this.size) common.push(word);
    }
    const anyRare = anyOf(rare)!;
    const anyCommon = anyOf(common);
    const match = anyCommon ? `${anyRare} OR ((${anyRare}) AND (${anyCommon}))` : anyRare;
    return { match, broad };
  }

  /**
   * How many passages hold the word: exact up to `COUNTED_EXACTLY`; past it, estimated from the
   * rows its newest `COUNTED_EXACTLY` passages span, as if spread evenly over the index (a word
   * of the story's later days is counted high, one of its early days low). Only the choice of what
   * to match reads it: which words are rare enough to choose the passages is decided on exact counts,
   * and only whether a word is in half the passages or more is decided on an estimate.
   */
  private passagesHolding(word: string): number {
    let passages = this.passagesWith.get(word);
    if (passages === undefined) {
      const { n, low } = this.statements.countNewest.get({ match: `"${word}"`, cap: COUNTED_EXACTLY }) ?? {
        n: 0,
        low: null,
      };
      passages = n;
      if (n >= COUNTED_EXACTLY && low !== null) {
        this.lastPassage ??= this.statements.lastPassage.get()?.id ?? 0;
        // At least the rows holding them, should the index hold rows past its last passage.
        passages = Math.round((n * this.lastPassage) / Math.max(n, this.lastPassage - low + 1));
      }
      if (this.passagesWith.size >= MAX_COUNTED_WORDS) this.passagesWith.clear();
      this.passagesWith.set(word, passages);
    }
    return passages;
  }

  private forgetCounts(): void {
    this.passagesWith.clear();
    this.passageCount = null;
    this.lastPassage = null;
  }

  close(): void {
    this.db.close();
  }
}
