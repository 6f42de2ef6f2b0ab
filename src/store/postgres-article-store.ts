import type pg from 'pg';
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
} from '../corpus/article-store.js';
import type { AnalysisReader } from '../corpus/corpus.js';
import { inTransaction } from './postgres-transaction.js';

/** Rows per multi-row statement: well under PostgreSQL's 65,535 parameters. */
const BATCH = 500;

/**
 * Every transaction that writes the change log first takes this lock, so writers take turns and
 * log entries commit in the order of their sequence numbers: a follower reading "after n" never
 * passes over an entry committed later with a smaller number. Reads are not blocked by it.
 */
const LOCK_CHANGE_LOG = 'LOCK TABLE corpus_changes IN EXCLUSIVE MODE';

/** `ArticleStore` on the PostgreSQL store's pool (tables from migrations 004 and 005). */
export class PostgresArticleStore implements ArticleStore {
  constructor(private readonly pool: pg.Pool) {}

  async readFolder(folder: string, version: number): Promise<StoredFolder> {
    const [files, articles] = await Promise.all([
      this.pool.query<FileRow>('SELECT path, size, mtime_ms, article_ids FROM seed_files WHERE folder = $1', [folder]),
      this.pool.query<ArticleColumns & { id: string }>(
        'SELECT id, text, article, layout, analysis FROM stored_articles WHERE analysis_version = $1',
        [version],
      ),
    ]);
    return {
      files: files.rows.map(decodeFileRow),
      articles: articles.rows.map(kept),
    };
  }

  async lastChange(): Promise<number> {
    const { rows } = await this.pool.query<{ seq: string | null }>('SELECT MAX(seq) AS seq FROM corpus_changes');
    return Number(rows[0]?.seq ?? 0);
  }

  async changesSince(after: number, limit: number): Promise<LoggedArticleChange[]> {
    const { rows } = await this.pool.query<ChangeRow>(
      'SELECT seq, article_id, kind FROM corpus_changes WHERE seq > $1 ORDER BY seq LIMIT $2',
      [after, limit],
    );
    return rows.map(decodeChangeRow);
  }

  async readArticles(ids: readonly string[], version: number): Promise<KeptArticle[]> {
    if (!ids.length) return [];
    const { rows } = await this.pool.query<ArticleColumns & { id: string; analysis_version: number }>(
      'SELECT id, text, article, layout, analysis, analysis_version FROM stored_articles WHERE id = ANY($1)',
      [ids],
    );
    // An article stored under another version (a process not yet upgraded, or already) is read all the
    // same, without its analysis, which the reader makes again.
    return rows.map((row) => {
      if (row.analysis_version === version) return kept(row);
      return { article: decodeArticle(row.id, row), analysis: NONE_OF_THIS_VERSION };
    });
  }

  async storedAnalyses(articles: readonly Article[], version: number): Promise<AnalysisReader[]> {
    const { rows } = await this.pool.query<{ id: string; analysis: string }>(
      'SELECT id, analysis FROM stored_articles WHERE id = ANY($1) AND analysis_version = $2',
      [articles.map((article) => article.id), version],
    );
    const stored = new Map(rows.map((row) => [row.id, row.analysis]));
    return articles.map((article) => analysisDecoder(stored.get(article.id)));
  }

  async saveAnalysed(
    folder: string,
    version: number,
    files: readonly FileSignature[],
    articles: readonly StoredArticle[],
  ): Promise<void> {
    await this.loggedWrite(async (client) => {
      await writeFiles(client, folder, files);
      await writeArticles(client, version, articles);
    });
  }

  async saveFolder(folder: string, version: number, change: FolderChange): Promise<void> {
    await this.loggedWrite(async (client) => {
      await writeFiles(client, folder, change.files);
      if (change.removedFiles.length) {
        await client.query('DELETE FROM seed_files WHERE folder = $1 AND path = ANY($2)', [
          folder,
          change.removedFiles,
        ]);
      }
      await writeArticles(client, version, change.articles);
      await deleteArticles(client, change.removedArticles);
      // Last, so what is left of another version is what this start no longer holds: logged as removed,
      // or a process following the log would keep it.
      const { rows } = await client.query<{ id: string }>(
        'DELETE FROM stored_articles WHERE analysis_version <> $1 RETURNING id',
        [version],
      );
      await logChanges(
        client,
        rows.map((row) => row.id),
        'removed',
      );
    });
  }

  async saveArticles(version: number, articles: readonly StoredArticle[]): Promise<void> {
    await this.loggedWrite((client) => writeArticles(client, version, articles));
  }

  async removeArticles(ids: readonly string[]): Promise<void> {
    await this.loggedWrite((client) => deleteArticles(client, ids));
  }

  /** A transaction that writes the change log, taking its lock first (see `LOCK_CHANGE_LOG`). */
  private async loggedWrite(work: (client: pg.PoolClient) => Promise<void>): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      await client.query(LOCK_CHANGE_LOG);
      await work(client);
    });
  }
}

async function writeArticles(client: pg.PoolClient, version: number, articles: readonly StoredArticle[]) {
  // One statement may not update a row twice, so an article given twice is written once.
  const unique = [...new Map(articles.map((stored) => [stored.article.id, stored])).values()];
  for (const batch of batches(unique)) {
    await client.query(
      `INSERT INTO stored_articles (id, analysis_version, text, article, layout, analysis) VALUES ${placeholders(batch.length, 6)}
       ON CONFLICT (id) DO UPDATE SET analysis_version = excluded.analysis_version,
         text = excluded.text, article = excluded.article, layout = excluded.layout, analysis = excluded.analysis`,
      batch.flatMap((stored) => {
        const columns = encodeStoredArticle(stored);
        return [stored.article.id, version, columns.text, columns.article, columns.layout, columns.analysis];
      }),
    );
  }
  await logChanges(
    client,
    unique.map((stored) => stored.article.id),
    'added',
  );
}

async function writeFiles(client: pg.PoolClient, folder: string, files: readonly FileSignature[]) {
  for (const batch of batches(files)) {
    const values = batch.flatMap((file) => [
      folder,
      file.path,
      file.size,
      file.mtimeMs,
      JSON.stringify(file.articleIds),
    ]);
    await client.query(
      `INSERT INTO seed_files (folder, path, size, mtime_ms, article_ids) VALUES ${placeholders(batch.length, 5)}
       ON CONFLICT (folder, path) DO UPDATE SET
         size = excluded.size, mtime_ms = excluded.mtime_ms, article_ids = excluded.article_ids`,
      values,
    );
  }
}

async function deleteArticles(client: pg.PoolClient, ids: readonly string[]) {
  if (!ids.length) return;
  const { rows } = await client.query<{ id: string }>('DELETE FROM stored_articles WHERE id = ANY($1) RETURNING id', [
    ids,
  ]);
  await logChanges(
    client,
    rows.map((row) => row.id),
    'removed',
  );
}

/** Logs articles' changes, in place of their earlier entries (a follower acts on the latest only). */
async function logChanges(client: pg.PoolClient, ids: readonly string[], kind: 'added' | 'removed') {
  if (!ids.length) return;
  await client.query('DELETE FROM corpus_changes WHERE article_id = ANY($1)', [ids]);
  await client.query('INSERT INTO corpus_changes (article_id, kind) SELECT unnest($1::text[]), $2', [ids, kind]);
}

function kept(row: ArticleColumns & { id: string }): KeptArticle {
  const article = decodeArticle(row.id, row);
  return { article, analysis: analysisDecoder(row.analysis) };
}

/** The reader of an article stored under another analysis version: it has none of this one. */
const NONE_OF_THIS_VERSION: AnalysisReader = () => undefined;

/** Decodes the stored analysis each time it is called; keeps only its stored form. */
function analysisDecoder(json: string | undefined): AnalysisReader {
  return json === undefined ? NONE_OF_THIS_VERSION : (article) => decodeAnalysis(article, json);
}

function* batches<T>(items: readonly T[]): Generator<T[]> {
  for (let start = 0; start < items.length; start += BATCH) yield items.slice(start, start + BATCH);
}

/** "($1, $2, $3), ($4, $5, $6)" for `rows` rows of `columns` values. */
function placeholders(rows: number, columns: number): string {
  return Array.from(
    { length: rows },
    (_, row) => `(${Array.from({ length: columns }, (_, column) => `$${row * columns + column + 1}`).join(', ')})`,
  ).join(', ');
}
