import Database from 'better-sqlite3';
import type { Article } from '../articles/types.js';
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
 * FTS5 works out BM25 for every passage a query matches (reading each one's length), about half a
 * microsecond apiece on a shared two-core machine, so a word found in a tenth of 300,000 passages
 * costs over ten milliseconds. Past this many matched passages, the commonest words only re-rank the
 * passages the rarer ones find (see `matchFor`).
 */
export const MAX_RANKED_PASSAGES = 10_000;
/** Words whose passage counts are remembered between searches, until the index changes. */
const MAX_COUNTED_WORDS = 10_000;

// Porter stemming so "meeting" finds "meet"; diacritics folded so "Zelenskyy" and accented
// spellings meet. Contentless: the text lives in the articles, hits are cut from them by offset.
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
    title, body, content='', contentless_delete=1,
    tokenize='porter unicode61 remove_diacritics 2'
  );
`;

const BM25 = `bm25(passage_text, ${TITLE_WEIGHT}, ${BODY_WEIGHT})`;
const HIT_COLUMNS = 'p.article_id AS articleId, p.sentence, p.start_at AS start, p.end_at AS end';

// Ranked and cut to the limit before the join, so only the passages returned are looked up.
const SEARCH = `
  SELECT ${HIT_COLUMNS}, t.rank
  FROM (SELECT rowid, ${BM25} AS rank FROM passage_text WHERE passage_text MATCH @match ORDER BY rank LIMIT @limit) t
  JOIN passage p ON p.id = t.rowid
  ORDER BY t.rank`;

const SEARCH_IN = `
  SELECT ${HIT_COLUMNS}, ${BM25} AS rank
  FROM passage_text JOIN passage p ON p.id = passage_text.rowid
  WHERE passage_text MATCH @match AND p.article_id IN (SELECT value FROM json_each(@ids))
  ORDER BY rank LIMIT @limit`;

interface HitRow {
  articleId: string;
  sentence: number;
  start: number;
  end: number;
  rank: number;
}

/** Creates the schema when missing and prepares every statement once, for reuse. */
function prepareStatements(db: Database.Database) {
  db.exec(SCHEMA);
  return {
    hasArticle: db.prepare<[string], { id: string }>('SELECT id FROM article WHERE id = ?'),
    insertArticle: db.prepare<[string]>('INSERT INTO article (id) VALUES (?)'),
    insertPassage: db.prepare<[string, number, number, number]>(
      'INSERT INTO passage (article_id, sentence, start_at, end_at) VALUES (?, ?, ?, ?)',
    ),
    insertText: db.prepare<[number | bigint, string, string]>(
      'INSERT INTO passage_text (rowid, title, body) VALUES (?, ?, ?)',
    ),
    passageIds: db.prepare<[string], { id: number }>('SELECT id FROM passage WHERE article_id = ?'),
    deleteText: db.prepare<[number]>('DELETE FROM passage_text WHERE rowid = ?'),
    deletePassages: db.prepare<[string]>('DELETE FROM passage WHERE article_id = ?'),
    deleteArticle: db.prepare<[string]>('DELETE FROM article WHERE id = ?'),
    count: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM passage'),
    countMatching: db.prepare<[string], { n: number }>(
      'SELECT count(*) AS n FROM passage_text WHERE passage_text MATCH ?',
    ),
    search: db.prepare<{ match: string; limit: number }, HitRow>(SEARCH),
    searchIn: db.prepare<{ match: string; limit: number; ids: string }, HitRow>(SEARCH_IN),
  };
}

type Statements = ReturnType<typeof prepareStatements>;

/**
 * Full-text index over passages, updated incrementally as articles come and go. SQLite FTS5 does
 * the indexing and BM25 ranking; hit text is always cut from the article itself, so it is exactly
 * `article.text.slice(start, end)`.
 *
 * A file-backed index keeps its passages between runs; `add` the articles again after opening it
 * (already-indexed ones are only registered, not re-indexed) so their hits can be returned.
 */
export class PassageIndex {
  /**
   * The articles whose passages can be returned, by id, with how their passages read as stems once
   * asked for: read on first use rather than when indexing, to keep start-up fast.
   */
  private readonly articles = new Map<string, { article: Article; words?: ArticleWords }>();
  private readonly statements: Statements;
  /** Passages holding each word, and in all, counted on first need since the index last changed. */
  private readonly passagesWith = new Map<string, number>();
  private passageCount: number | null = null;

  private constructor(private readonly db: Database.Database) {
    this.statements = prepareStatements(db);
  }

  /** Opens (or creates) an index; in memory unless a file is given. */
  static open(file?: string): PassageIndex {
    const db = new Database(file ?? ':memory:');
    if (file) db.pragma('journal_mode = WAL');
    return new PassageIndex(db);
  }

  /** Indexes every sentence of the articles not yet indexed, in one transaction. */
  add(articles: readonly Article[]): void {
    const s = this.statements;
    this.db.transaction(() => {
      for (const article of articles) {
        if (this.articles.has(article.id)) continue;
        this.articles.set(article.id, { article });
        if (s.hasArticle.get(article.id)) continue;
        s.insertArticle.run(article.id);
        for (const sentence of article.sentences) {
          const { lastInsertRowid } = s.insertPassage.run(article.id, sentence.index, sentence.start, sentence.end);
          s.insertText.run(lastInsertRowid, article.title, article.text.slice(sentence.start, sentence.end));
        }
      }
    })();
    this.forgetCounts();
  }

  /** Forgets the articles' passages, in one transaction; unknown ids are ignored. */
  remove(articleIds: readonly string[]): void {
    const s = this.statements;
    this.db.transaction(() => {
      for (const id of articleIds) {
        this.articles.delete(id);
        for (const { id: rowid } of s.passageIds.all(id)) s.deleteText.run(rowid);
        s.deletePassages.run(id);
        s.deleteArticle.run(id);
      }
    })();
    this.forgetCounts();
  }

  /** Passages ranked by BM25 against the words of `query` (any text: it is never parsed as FTS syntax). */
  search(query: string, options: SearchOptions = {}): SearchHit[] {
    if (options.articleIds?.length === 0) return [];
    const match = this.matchFor(queryWords(query));
    if (!match) return [];
    const limit = Math.max(1, Math.min(MAX_SEARCH_LIMIT, Math.floor(options.limit ?? DEFAULT_SEARCH_LIMIT)));
    const rows = options.articleIds
      ? this.statements.searchIn.all({ match, limit, ids: JSON.stringify(options.articleIds) })
      : this.statements.search.all({ match, limit });
    const hits: SearchHit[] = [];
    for (const row of rows) {
      const article = this.articles.get(row.articleId)?.article;
      if (!article) continue;
      const { articleId, sentence, start, end } = row;
      hits.push({ articleId, sentence, start, end, text: article.text.slice(start, end), score: -row.rank });
    }
    return hits;
  }

  /** How the article's passages read as stems, for re-ranking its hits; undefined when not indexed. */
  wordsOf(articleId: string): ArticleWords | undefined {
    const entry = this.articles.get(articleId);
    if (entry) entry.words ??= new ArticleWords(entry.article);
    return entry?.words;
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
   */
  private matchFor(words: readonly string[]): string | null {
    const counted = words
      .map((word) => ({ word, passages: this.passagesHolding(word) }))
      .filter(({ passages }) => passages > 0);
    counted.sort((a, b) => a.passages - b.passages);
    const rare: string[] = [];
    const common: string[] = [];
    let ranked = 0;
    for (const { word, passages } of counted) {
      if (!rare.length || ranked + passages <= MAX_RANKED_PASSAGES) {
        rare.push(word);
        ranked += passages;
      } else if (2 * passages < this.size) common.push(word);
    }
    const anyRare = anyOf(rare);
    const anyCommon = anyOf(common);
    return anyRare && anyCommon ? `${anyRare} OR ((${anyRare}) AND (${anyCommon}))` : anyRare;
  }

  private passagesHolding(word: string): number {
    let passages = this.passagesWith.get(word);
    if (passages === undefined) {
      passages = this.statements.countMatching.get(`"${word}"`)?.n ?? 0;
      if (this.passagesWith.size >= MAX_COUNTED_WORDS) this.passagesWith.clear();
      this.passagesWith.set(word, passages);
    }
    return passages;
  }

  private forgetCounts(): void {
    this.passagesWith.clear();
    this.passageCount = null;
  }

  close(): void {
    this.db.close();
  }
}
