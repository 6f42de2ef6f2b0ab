import type Database from 'better-sqlite3';
import type { Article } from '../articles/types.js';
import {
  type ArticleColumns,
  type ArticleStore,
  type ChangeRow,
  decodeAnalysis,
  decodeArticle,
  decodeChangeRow,
  decodeFileRow,
  encodeStoredArticle,
  type FileRow,
  type FileSignature,
  type FolderChange,
  type KeptArticle,
  type LoggedArticleChange,
  type StoredArticle,
  type StoredFolder,
  type TextReader,
} from '../corpus/article-store.js';
import type { AnalysisReader } from '../corpus/corpus.js';

/**
 * The analysis version of a withdrawn article's row (never a real one). Its text stays readable
 * for a while: another process sharing the file may still hold the article, reading its text when
 * needed (see `textReader`), until its follower reads the removal from the change log.
 */
const WITHDRAWN = 0;
/**
 * A withdrawn article's row is dropped once this many changes have been logged after its removal:
 * followers read the log every few seconds, and only a first start logs changes this fast.
 */
const WITHDRAWN_KEPT_CHANGES = 1_000;

/** Writes this big leave a WAL worth checkpointing at once. */
const CHECKPOINT_AFTER_ARTICLES = 1_000;

/** `ArticleStore` on the SQLite store's connection (tables from migrations 004 and 005). */
export class SqliteArticleStore implements ArticleStore {
  /** Articles written since a start last checkpointed the write-ahead log (see `saveFolder`). */
  private writtenSinceCheckpoint = 0;
  private analysisOf?: Database.Statement<[string, number], { analysis: string }>;
  private textOf?: Database.Statement<[string], { text: string }>;

  constructor(private readonly db: Database.Database) {}

  async readFolder(folder: string, version: number): Promise<StoredFolder> {
    const files = this.db
      .prepare<[string], FileRow>('SELECT path, size, mtime_ms, article_ids FROM seed_files WHERE folder = ?')
      .all(folder)
      .map(decodeFileRow);
    // The text and the analysis stay on disk until asked for (SQLite reads are synchronous): they are
    // nearly all of what is stored, and a process answering /ask reads those of a few articles.
    const articles: KeptArticle[] = [];
    for (const row of this.db
      .prepare<[number], ArticleRow>('SELECT id, article, layout FROM stored_articles WHERE analysis_version = ?')
      .iterate(version)) {
      articles.push(this.kept(row, version));
    }
    return { files, articles };
  }

  async lastChange(): Promise<number> {
    const row = this.db.prepare<[], { seq: number | null }>('SELECT MAX(seq) AS seq FROM corpus_changes').get();
    return row?.seq ?? 0;
  }

  async changesSince(after: number, limit: number): Promise<LoggedArticleChange[]> {
    return this.db
      .prepare<[number, number], ChangeRow>(
        'SELECT seq, article_id, kind FROM corpus_changes WHERE seq > ? ORDER BY seq LIMIT ?',
      )
      .all(after, limit)
      .map(decodeChangeRow);
  }

  async readArticles(ids: readonly string[], version: number): Promise<KeptArticle[]> {
    // Whatever version it was stored under: `kept` reads the analysis only if it is of `version`.
    const read = this.db.prepare<[string], ArticleRow>(
      `SELECT id, article, layout FROM stored_articles WHERE id = ? AND analysis_version <> ${WITHDRAWN}`,
    );
    return ids.flatMap((id) => {
      const row = read.get(id);
      return row ? [this.kept(row, version)] : [];
    });
  }

  async storedAnalyses(articles: readonly Article[], version: number): Promise<AnalysisReader[]> {
    const reader = this.analysisReader(version);
    return articles.map(() => reader);
  }

  /** A stored article whose text and analysis are read when first asked for. */
  private kept(row: ArticleRow, version: number): KeptArticle {
    const article = decodeArticle(row.id, { ...row, text: this.texts });
    return { article, analysis: this.analysisReader(version) };
  }

  /**
   * Reads an article's text, withdrawn or not (see `WITHDRAWN`). It cannot be made again, unlike
   * an analysis: an article the store no longer holds is an error (the corpus keeps the text of one
   * it withdraws, see `keepText`). One reader for every article.
   */
  readonly texts: TextReader = (id) => {
    this.textOf ??= this.db.prepare<[string], { text: string }>('SELECT text FROM stored_articles WHERE id = ?');
    if (!this.db.open) throw new Error(`the text of article ${id} cannot be read: the store is closed`);
    const found = this.textOf.get(id);
    if (!found) throw new Error(`the text of article ${id} is no longer in the store`);
    return found.text;
  };

  /** Readers of the stored analyses of each version, made once each. */
  private readonly analysisReaders = new Map<number, AnalysisReader>();

  /**
   * Reads and decodes an article's stored analysis of `version` each time it is called (SQLite
   * reads are synchronous): one reader for every article.
   */
  private analysisReader(version: number): AnalysisReader {
    let reader = this.analysisReaders.get(version);
    if (!reader) {
      reader = (article) => {
        this.analysisOf ??= this.db.prepare<[string, number], { analysis: string }>(
          'SELECT analysis FROM stored_articles WHERE id = ? AND analysis_version = ?',
        );
        const found = this.db.open ? this.analysisOf.get(article.id, version) : undefined;
        return found && decodeAnalysis(article, found.analysis);
      };
      this.analysisReaders.set(version, reader);
    }
    return reader;
  }

  async saveAnalysed(
    folder: string,
    version: number,
    files: readonly FileSignature[],
    articles: readonly StoredArticle[],
  ): Promise<void> {
    this.db.transaction(() => {
      this.writeFiles(folder, files);
      this.writeArticles(version, articles);
    })();
  }

  async saveFolder(folder: string, version: number, change: FolderChange): Promise<void> {
    const removeFile = this.db.prepare('DELETE FROM seed_files WHERE folder = ? AND path = ?');
    this.db.transaction(() => {
      this.writeFiles(folder, change.files);
      for (const path of change.removedFiles) removeFile.run(folder, path);
      this.writeArticles(version, change.articles);
      this.deleteArticles(change.removedArticles);
      // Last, so what is left of another version is what this start no longer holds: logged as removed,
      // or a process following the log would keep it.
      const log = this.logChange('removed');
      for (const { id } of this.db
        .prepare<[number], { id: string }>(
          `DELETE FROM stored_articles WHERE analysis_version NOT IN (?, ${WITHDRAWN}) RETURNING id`,
        )
        .all(version)) {
        log(id);
      }
    })();
    // A first start writes every article (in `saveAnalysed` batches, then here): copied into the
    // database file now, during start-up, rather than by the auto-checkpoint of whichever small write
    // comes next, maybe while serving.
    if (this.writtenSinceCheckpoint >= CHECKPOINT_AFTER_ARTICLES) {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
      this.writtenSinceCheckpoint = 0;
    }
  }

  private writeFiles(folder: string, files: readonly FileSignature[]): void {
    const upsertFile = this.db.prepare(
      `INSERT INTO seed_files (folder, path, size, mtime_ms, article_ids) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (folder, path) DO UPDATE SET
         size = excluded.size, mtime_ms = excluded.mtime_ms, article_ids = excluded.article_ids`,
    );
    for (const file of files) {
      upsertFile.run(folder, file.path, file.size, file.mtimeMs, JSON.stringify(file.articleIds));
    }
  }

  async saveArticles(version: number, articles: readonly StoredArticle[]): Promise<void> {
    this.db.transaction(() => this.writeArticles(version, articles))();
  }

  async removeArticles(ids: readonly string[]): Promise<void> {
    this.db.transaction(() => this.deleteArticles(ids))();
  }

  private writeArticles(version: number, articles: readonly StoredArticle[]): void {
    const save = this.db.prepare(
      `INSERT INTO stored_articles (id, analysis_version, text, article, layout, analysis) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET analysis_version = excluded.analysis_version,
         text = excluded.text, article = excluded.article, layout = excluded.layout, analysis = excluded.analysis`,
    );
    const log = this.logChange('added');
    this.writtenSinceCheckpoint += articles.length;
    for (const stored of articles) {
      const columns = encodeStoredArticle(stored);
      save.run(stored.article.id, version, columns.text, columns.article, columns.layout, columns.analysis);
      log(stored.article.id);
    }
  }

  /** Withdraws the articles (see `WITHDRAWN`), and drops the rows withdrawn long enough ago. */
  private deleteArticles(ids: readonly string[]): void {
    const withdraw = this.db.prepare(
      `UPDATE stored_articles SET analysis_version = ${WITHDRAWN} WHERE id = ? AND analysis_version <> ${WITHDRAWN}`,
    );
    const log = this.logChange('removed');
    for (const id of ids) if (withdraw.run(id).changes > 0) log(id);
    this.db
      .prepare(
        `DELETE FROM stored_articles WHERE analysis_version = ${WITHDRAWN} AND id IN (
           SELECT article_id FROM corpus_changes
           WHERE kind = 'removed' AND seq <= (SELECT MAX(seq) FROM corpus_changes) - ${WITHDRAWN_KEPT_CHANGES})`,
      )
      .run();
  }

  /** Logs an article's change, in place of its earlier entries (a follower acts on the latest only). */
  private logChange(kind: 'added' | 'removed'): (id: string) => void {
    const drop = this.db.prepare('DELETE FROM corpus_changes WHERE article_id = ?');
    const log = this.db.prepare('INSERT INTO corpus_changes (article_id, kind) VALUES (?, ?)');
    return (id) => {
      drop.run(id);
      log.run(id, kind);
    };
  }
}

type ArticleRow = Omit<ArticleColumns, 'analysis' | 'text'> & { id: string };
