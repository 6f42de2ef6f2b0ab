import Database from 'better-sqlite3';
import type { Article } from '../articles/types.js';
import { toMatchExpression } from './query-terms.js';

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

const SELECT_HITS = `
  SELECT p.article_id AS articleId, p.sentence, p.start_at AS start, p.end_at AS end,
         bm25(passage_text, ${TITLE_WEIGHT}, ${BODY_WEIGHT}) AS rank
  FROM passage_text JOIN passage p ON p.id = passage_text.rowid
  WHERE passage_text MATCH @match`;

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
    search: db.prepare<{ match: string; limit: number }, HitRow>(`${SELECT_HITS} ORDER BY rank LIMIT @limit`),
    searchIn: db.prepare<{ match: string; limit: number; ids: string }, HitRow>(
      `${SELECT_HITS} AND p.article_id IN (SELECT value FROM json_each(@ids)) ORDER BY rank LIMIT @limit`,
    ),
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
  /** The articles whose passages can be returned, by id. */
  private readonly articles = new Map<string, Article>();
  private readonly statements: Statements;

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
        this.articles.set(article.id, article);
        if (s.hasArticle.get(article.id)) continue;
        s.insertArticle.run(article.id);
        for (const sentence of article.sentences) {
          const { lastInsertRowid } = s.insertPassage.run(article.id, sentence.index, sentence.start, sentence.end);
          s.insertText.run(lastInsertRowid, article.title, article.text.slice(sentence.start, sentence.end));
        }
      }
    })();
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
  }

  /** Passages ranked by BM25 against the words of `query` (any text: it is never parsed as FTS syntax). */
  search(query: string, options: SearchOptions = {}): SearchHit[] {
    const match = toMatchExpression(query);
    const limit = Math.max(1, Math.min(MAX_SEARCH_LIMIT, Math.floor(options.limit ?? DEFAULT_SEARCH_LIMIT)));
    if (!match || options.articleIds?.length === 0) return [];
    const rows = options.articleIds
      ? this.statements.searchIn.all({ match, limit, ids: JSON.stringify(options.articleIds) })
      : this.statements.search.all({ match, limit });
    const hits: SearchHit[] = [];
    for (const row of rows) {
      const article = this.articles.get(row.articleId);
      if (!article) continue;
      const { articleId, sentence, start, end } = row;
      hits.push({ articleId, sentence, start, end, text: article.text.slice(start, end), score: -row.rank });
    }
    return hits;
  }

  /** Number of passages indexed. */
  get size(): number {
    return this.statements.count.get()?.n ?? 0;
  }

  close(): void {
    this.db.close();
  }
}
