import { extname } from 'node:path';
import * as chrono from 'chrono-node';
import matter from 'gray-matter';
import { buildArticle } from './article.js';
import type { Article, ArticleMeta, SkippedFile } from './types.js';

/** Larger files are almost certainly not one news article (or not an article at all). */
export const MAX_ARTICLE_BYTES = 1024 * 1024;

const MARKDOWN_EXTENSIONS = new Set(['.md', '.markdown']);
const TEXT_EXTENSIONS = new Set(['.txt', '.text', ...MARKDOWN_EXTENSIONS]);
export const ARTICLE_EXTENSIONS: readonly string[] = [...TEXT_EXTENSIONS, '.json'];

/**
 * The seed format's first line: `date YYYY-MM-DD <standfirst…>`. The date token is matched loosely
 * (one- or two-digit month and day) so that a malformed date is reported rather than read as text.
 */
const DATE_HEADER = /^\s*date[ \t]+(\d{4}-\d{1,2}-\d{1,2})(?![\w-])\s*/;
const ISO_DAY = /^(\d{4})-(\d{1,2})-(\d{1,2})(?=$|[T\s])/;
const MARKDOWN_HEADING = /^[ \t]*#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*(?:\n|$)/;
const LEADING_BLANK_LINES = /^(?:[ \t]*\n)+/;

/** A file that cannot be read as an article; `reason` is written for the person who supplied it. */
export class ArticleFileError extends Error {
  override readonly name = 'ArticleFileError';
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
}

export interface ParseArticleOptions {
  /** Files larger than this are refused (default MAX_ARTICLE_BYTES). */
  maxBytes?: number;
}

/** What one file yields: a JSON array may hold several articles, and some of its items may be bad. */
export interface ParsedArticles {
  articles: Article[];
  /** Bad items inside a file that otherwise loads, named `<file>#<n>` (1-based). */
  skipped: SkippedFile[];
}

/**
 * Reads one file holding exactly one article (seed text, Markdown, plain text or a JSON object).
 * `file` names the file in messages and becomes the article's origin.
 */
export function parseArticleFile(file: string, bytes: Buffer, options: ParseArticleOptions = {}): Article {
  const { articles, skipped } = parseArticles(file, bytes, options);
  const [problem] = skipped;
  if (problem) throw new ArticleFileError(problem.file, problem.reason);
  const [article] = articles;
  if (!article || articles.length > 1) {
    throw new ArticleFileError(file, `holds ${articles.length} articles; read it with parseArticles`);
  }
  return article;
}

/**
 * Reads every article in one file. File-level problems (encoding, size, format) throw
 * ArticleFileError; a bad item in a JSON array is reported in `skipped` and the others load.
 */
export function parseArticles(file: string, bytes: Buffer, options: ParseArticleOptions = {}): ParsedArticles {
  const content = decodeText(file, bytes, options.maxBytes ?? MAX_ARTICLE_BYTES);
  const extension = extname(file).toLowerCase();
  if (extension === '.json') return parseJson(file, content);
  if (!TEXT_EXTENSIONS.has(extension)) {
    const expected = ARTICLE_EXTENSIONS.join(', ');
    throw new ArticleFileError(
      file,
      extension
        ? `unsupported file type ${extension} (expected ${expected})`
        : `no file extension (expected ${expected})`,
    );
  }
  return { articles: [parseText(file, content, MARKDOWN_EXTENSIONS.has(extension))], skipped: [] };
}

function decodeText(file: string, bytes: Buffer, maxBytes: number): string {
  const fail = (reason: string) => new ArticleFileError(file, reason);
  if (bytes.length > maxBytes) throw fail(`larger than the ${formatBytes(maxBytes)} limit`);
  if (bytes.length === 0) throw fail('empty file');
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw fail('UTF-16 text; save it as UTF-8');
  }
  if (bytes.includes(0)) throw fail('binary file');
  let text: string;
  try {
    // The decoder also drops a leading UTF-8 byte-order mark.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw fail('not UTF-8 text');
  }
  if (!text.trim()) throw fail('empty file');
  return normaliseNewlines(text);
}

function normaliseNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

function formatBytes(bytes: number): string {
  const MIB = 1024 * 1024;
  if (bytes >= MIB && bytes % MIB === 0) return `${bytes / MIB} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes}-byte`;
}

function parseText(file: string, content: string, isMarkdown: boolean): Article {
  if (matter.test(content)) return parseFrontMatter(file, content);
  const header = DATE_HEADER.exec(content);
  if (header) {
    const date = toIsoDay(file, header[1]);
    const text = content.slice(header[0].length);
    return build(file, text, { date }, 'no article text after the date line');
  }
  if (isMarkdown) return build(file, ...takeHeading(content, {}));
  return build(file, content, {});
}

function parseFrontMatter(file: string, content: string): Article {
  let parsed: matter.GrayMatterFile<string>;
  try {
    // Passing options also keeps gray-matter from caching every file it has seen in a module-level map.
    parsed = matter(content, { engines: { javascript: refuseExecutableFrontMatter } });
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new ArticleFileError(file, `invalid front matter: ${detail}`);
  }
  const data: Record<string, unknown> = isRecord(parsed.data) ? parsed.data : {};
  const meta = readMeta(file, data, rawFrontMatterDate(parsed.matter));
  const body = parsed.content.replace(LEADING_BLANK_LINES, '');
  return build(file, ...takeHeading(body, meta), 'no article text after the front matter');
}

/** gray-matter evaluates `---js` front matter with eval(); article files are data, never code. */
function refuseExecutableFrontMatter(): object {
  throw new Error('JavaScript front matter is not allowed');
}

/**
 * YAML turns `date: 2025-02-30` into a Date silently rolled over to 2 March, and moves
 * `2025-08-06T23:00-05:00` to the next UTC day; the date as written is the one to check and keep.
 */
function rawFrontMatterDate(block: string): string | undefined {
  return /^date:[ \t]*["']?([^"'\n#]*?)["']?[ \t]*(?:#.*)?$/m.exec(block)?.[1] || undefined;
}

/** A Markdown file without a title field may open with `# Heading`: that is the title, not body text. */
function takeHeading(text: string, meta: Partial<ArticleMeta>): [string, Partial<ArticleMeta>] {
  if (meta.title) return [text, meta];
  const start = text.replace(LEADING_BLANK_LINES, '');
  const heading = MARKDOWN_HEADING.exec(start);
  if (!heading?.[1]) return [text, meta];
  return [start.slice(heading[0].length).replace(LEADING_BLANK_LINES, ''), { ...meta, title: heading[1] }];
}

function build(file: string, text: string, meta: Partial<ArticleMeta>, emptyReason = 'empty file'): Article {
  if (!text.trim()) throw new ArticleFileError(file, emptyReason);
  return buildArticle(text, meta, file);
}

function parseJson(file: string, content: string): ParsedArticles {
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch (error) {
    throw new ArticleFileError(file, `invalid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!Array.isArray(value)) return { articles: [parseJsonArticle(file, value)], skipped: [] };
  if (value.length === 0) throw new ArticleFileError(file, 'JSON array holds no articles');
  const parsed: ParsedArticles = { articles: [], skipped: [] };
  value.forEach((item, index) => {
    const origin = originOfItem(file, index + 1);
    try {
      parsed.articles.push(parseJsonArticle(origin, item));
    } catch (error) {
      if (!(error instanceof ArticleFileError)) throw error;
      parsed.skipped.push({ file: origin, reason: error.reason });
    }
  });
  return parsed;
}

function parseJsonArticle(origin: string, value: unknown): Article {
  if (!isRecord(value)) throw new ArticleFileError(origin, 'JSON is not an object with a text or body field');
  const body = typeof value.text === 'string' ? value.text : typeof value.body === 'string' ? value.body : null;
  if (body === null) throw new ArticleFileError(origin, 'JSON has no text or body field');
  return build(origin, normaliseNewlines(body), readMeta(origin, value), 'JSON text is empty');
}

/**
 * Metadata is a few short fields. A value nested deeper or holding more parts than this is not
 * article metadata, and walking it without a bound never ends: a YAML alias cycle
 * (`title: &a [x, *a]`), a "billion laughs" of aliases (a few hundred bytes naming billions of
 * values) or JSON nested 100,000 deep.
 */
const MAX_META_DEPTH = 4;
const MAX_META_PARTS = 100;

/** Metadata from front matter or a JSON object; `publisher`, `link` and `authors` are accepted as aliases. */
function readMeta(file: string, data: Record<string, unknown>, rawDate?: string): Partial<ArticleMeta> {
  const dateValue = data.date instanceof Date && rawDate ? rawDate : data.date;
  const field = (name: string) => readString(file, name, data[name]);
  return {
    title: field('title'),
    date: toIsoDay(file, dateValue),
    source: field('source') ?? field('publisher'),
    url: field('url') ?? field('link'),
    author: field('author') ?? field('authors'),
  };
}

/**
 * Accepts a string, a number, a list of strings (several authors) or an object with a `name` (a source),
 * walking at most MAX_META_DEPTH levels and MAX_META_PARTS values.
 */
function readString(file: string, field: string, value: unknown): string | null {
  let parts = 0;
  const walk = (item: unknown, depth: number): string | null => {
    parts += 1;
    if (parts > MAX_META_PARTS) throw new ArticleFileError(file, `${field} holds more than ${MAX_META_PARTS} values`);
    if (typeof item === 'string') return item.trim() || null;
    if (typeof item === 'number' && Number.isFinite(item)) return String(item);
    if (typeof item !== 'object' || item === null) return null;
    if (depth >= MAX_META_DEPTH) throw new ArticleFileError(file, `${field} is nested too deeply`);
    if (isRecord(item)) return walk(item.name, depth + 1);
    if (!Array.isArray(item)) return null;
    const texts: string[] = [];
    for (const part of item) {
      const text = walk(part, depth + 1);
      if (text !== null) texts.push(text);
    }
    return texts.length ? texts.join(', ') : null;
  };
  return walk(value, 0);
}

/**
 * Turns a date as written (`2025-08-06`, `2025-08-06T10:00:00Z`, `August 6, 2025`, a YAML Date) into
 * an ISO day, refusing impossible ones (`2025-02-30`) instead of letting them roll over.
 */
export function toIsoDay(file: string, value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  // Only text is echoed: String() of a list walks all of it, and an aliased list can be billions long.
  const invalid = () =>
    new ArticleFileError(
      file,
      typeof value === 'string' || typeof value === 'number' ? `invalid date ${value}` : 'invalid date (not text)',
    );
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw invalid();
    return value.toISOString().slice(0, 10);
  }
  if (typeof value !== 'string') throw invalid();
  const written = value.trim();
  const iso = ISO_DAY.exec(written);
  const parts = iso ? ([Number(iso[1]), Number(iso[2]), Number(iso[3])] as const) : writtenOutDay(written);
  const day = parts && formatDay(...parts);
  if (!day) throw invalid();
  return day;
}

/** "August 9, 2025" and the like, through chrono; a date missing its year, month or day is no date. */
function writtenOutDay(written: string): readonly [number, number, number] | null {
  const start = chrono.strict.parse(written)[0]?.start;
  if (!start?.isCertain('year') || !start.isCertain('month') || !start.isCertain('day')) return null;
  return [start.get('year') ?? 0, start.get('month') ?? 0, start.get('day') ?? 0];
}

function formatDay(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  const exists = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return exists ? date.toISOString().slice(0, 10) : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The origin of the `n`-th item (1-based) of a JSON array file: `<file>#<n>`. */
function originOfItem(file: string, n: number): string {
  return `${file}#${n}`;
}

/** The file an origin was read from: itself, or the file of a JSON array's item (`originOfItem`). */
export function fileOfOrigin(origin: string): string {
  return origin.replace(/#\d+$/, '');
}
