import type { ArticleAnalysis } from '../articles/analysis.js';
import { readableText } from '../articles/article.js';
import {
  type ArticleParts,
  layoutFromOffsets,
  layoutOffsets,
  metaOf,
  partsOf,
  plainSlice,
} from '../articles/article-parts.js';
import type { Article, Paragraph, Sentence } from '../articles/types.js';
import { recentlyUsed } from '../recently-used.js';
import { detachedSlice } from '../text/detached-slice.js';
import { sharedWord } from '../text/shared-words.js';
import { keptSmallUints, type SmallUints } from '../typed-arrays.js';
import type { AnalysisReader } from './corpus.js';

/**
 * Bump whenever parsing or `analyseArticle` changes what it produces (or the article and analysis
 * types change shape): stored articles of another version are read and analysed again, once.
 */
export const ANALYSIS_VERSION = 3;

/** An article as parsed and analysed, kept so that a restart reads it back instead of rebuilding it. */
export interface StoredArticle {
  article: Article;
  analysis: ArticleAnalysis;
}

/** What a seed file held when it was last read: unchanged size and modification time mean unchanged content. */
export interface FileSignature {
  /** Relative to the seeds folder, as `Article.origin`. */
  path: string;
  size: number;
  mtimeMs: number;
  /** The articles read from it (a JSON file may hold several), by content hash. */
  articleIds: string[];
}

/**
 * A stored article as read back. Its paragraphs and sentences are decoded when first read, its
 * analysis when a service first asks for it (undefined if the store no longer holds it): a warm
 * start reads every article, so it decodes no more than it must.
 */
export interface KeptArticle {
  article: Article;
  analysis: AnalysisReader;
}

/**
 * Reads a stored article's text by its id when needed (withdrawn or not): one reader serves every
 * article of a store that reads synchronously, where a closure per article cost about 100 bytes.
 */
export type TextReader = (id: string) => string;

export interface StoredFolder {
  files: FileSignature[];
  /** Every stored article of the current analysis version (the folder's and any other, e.g. feeds'). */
  articles: KeptArticle[];
}

export interface FolderChange {
  /** New or changed files. */
  files: FileSignature[];
  removedFiles: string[];
  /** Articles parsed and analysed in this run. */
  articles: StoredArticle[];
  /** Articles no longer held by any file. */
  removedArticles: string[];
}

/**
 * Articles and their analysis, kept in the store beside subscriptions (SQLite or PostgreSQL),
 * keyed by content hash and analysis version. Implemented in `src/store`.
 */
export interface ArticleStore {
  /** The folder's files as last read, with every article stored under `version`. */
  readFolder(folder: string, version: number): Promise<StoredFolder>;
  /** Records one start-up's changes in one transaction; articles of other versions are dropped. */
  saveFolder(folder: string, version: number, change: FolderChange): Promise<void>;
  /**
   * Part of a start that analyses (a first start, a version bump), before `saveFolder`: articles
   * analysed so far with the signatures of the files they complete, in one transaction, so a start
   * that stops midway leaves no stored article that no recorded file holds. Drops nothing.
   */
  saveAnalysed(
    folder: string,
    version: number,
    files: readonly FileSignature[],
    articles: readonly StoredArticle[],
  ): Promise<void>;
  /** Articles that joined the corpus while running (a file changed, a feed item). */
  saveArticles(version: number, articles: readonly StoredArticle[]): Promise<void>;
  removeArticles(ids: readonly string[]): Promise<void>;
  /**
   * The change log's last sequence number (0 when empty). Every write above logs each article it
   * adds or removes, in the same transaction, so another process can follow (`changesSince`).
   */
  lastChange(): Promise<number>;
  /** Up to `limit` logged changes after `after`, in order. */
  changesSince(after: number, limit: number): Promise<LoggedArticleChange[]>;
  /**
   * The stored articles among `ids` (those no longer stored are left out), whatever version they were
   * stored under; each one's `analysis` reader reads nothing (undefined) for one stored under
   * another `version`.
   */
  readArticles(ids: readonly string[], version: number): Promise<KeptArticle[]>;
  /**
   * A reader of each of `articles`' stored analysis, in the same order, called with the article
   * (as the corpus holds it) and decoding it then; it reads nothing (undefined) for one not stored
   * under `version`. SQLite reads each from the file then, one reader serving every article;
   * PostgreSQL reads them all now and keeps their stored form, more compact than decoded.
   */
  storedAnalyses(articles: readonly Article[], version: number): Promise<AnalysisReader[]>;
  /**
   * How stored articles' texts are read when needed, for a store that reads synchronously (SQLite);
   * absent for one that does not (PostgreSQL), whose articles keep their text in memory.
   */
  readonly texts?: TextReader;
}

/** One entry of the corpus change log: an article joined or left the stored articles. */
export interface LoggedArticleChange {
  seq: number;
  articleId: string;
  kind: 'added' | 'removed';
}

/** A `corpus_changes` row as either database returns it (PostgreSQL's BIGINT arrives as a string). */
export interface ChangeRow {
  seq: number | string;
  article_id: string;
  kind: 'added' | 'removed';
}

export function decodeChangeRow(row: ChangeRow): LoggedArticleChange {
  return { seq: Number(row.seq), articleId: row.article_id, kind: row.kind };
}

/** A `seed_files` row as either database returns it (PostgreSQL's BIGINT arrives as a string). */
export interface FileRow {
  path: string;
  size: number | string;
  mtime_ms: number;
  article_ids: string;
}

export function decodeFileRow(row: FileRow): FileSignature {
  return {
    path: row.path,
    size: Number(row.size),
    mtimeMs: row.mtime_ms,
    articleIds: JSON.parse(row.article_ids) as string[],
  };
}

/** A stored article's columns: the text as is, the rest as JSON. */
export interface ArticleColumns {
  text: string;
  /** Metadata. */
  article: string;
  /** Paragraphs and sentences as flat offset lists (their index is their position). */
  layout: string;
  analysis: string;
}

type ArticleMetaColumns = Omit<Article, 'id' | 'text' | 'paragraphs' | 'sentences'>;

interface Layout {
  /** start, end of each paragraph. */
  p: number[];
  /** start, end, paragraph of each sentence. */
  s: number[];
}

/**
 * The stored form, compact because a warm start reads every article: sentence and quote texts are
 * not stored, being exact slices of the article text (see `Sentence.text`, `Quote.text`,
 * `DateMention.text`) cut again on reading (see `cutterOf`).
 */
export function encodeStoredArticle({ article, analysis }: StoredArticle): ArticleColumns {
  const { id: _id, text, paragraphs, sentences, ...meta } = article;
  const layout: Layout = {
    p: paragraphs.flatMap((paragraph) => [paragraph.start, paragraph.end]),
    s: sentences.flatMap((sentence) => [sentence.start, sentence.end, sentence.paragraph]),
  };
  return {
    text,
    article: JSON.stringify(meta),
    layout: JSON.stringify(layout),
    analysis: JSON.stringify({
      ...analysis,
      quotes: analysis.quotes.map(({ text: _text, articleId: _articleId, ...quote }) => quote),
      dates: analysis.dates?.map(({ sentence, mentions }) => ({
        sentence,
        mentions: mentions.map(({ text: _text, ...mention }) => mention),
      })),
    }),
  };
}

/**
 * How many stored articles keep their paragraphs and sentences decoded, the most recently read.
 * Story-wide views read every article's sentences once and keep what they need of them; kept
 * decoded for every article, sentences were a tenth of a warm process's memory at 10k articles.
 */
export const DECODED_LAYOUTS = 256;

interface DecodedLayout {
  paragraphs: Paragraph[];
  sentences: Sentence[];
}

/** Decoded layouts, the most recently read last (see `DECODED_LAYOUTS`). */
const decodedLayouts = new Map<Article, DecodedLayout>();
let lastRead: { article: Article; layout: DecodedLayout } | null = null;
/**
 * Where each stored article's paragraphs and sentences are decoded from: the stored JSON until
 * first read, then their offsets in one typed array (paragraph count, paragraphs' start and end,
 * sentences' start, end and paragraph).
 */
interface LayoutSource {
  json: string | null;
  offsets: SmallUints | null;
}

const layoutSources = new WeakMap<Article, LayoutSource>();

/**
 * The article's sentences for a pass that reads every article's once (a story-wide view): a stored
 * article's are decoded, from its text read once (`textOnce`), without joining the kept decoded
 * ones, so they are garbage as soon as the caller is done with them. Kept, each pass's decoded
 * sentences outlived a young-generation collection and were moved to the old one (45 MB more peak
 * memory for a first /quote at 10k articles).
 */
export function sentencesOnce(article: Article): Sentence[] {
  if (lastRead?.article === article) return lastRead.layout.sentences;
  if (!layoutSources.has(article)) return article.sentences;
  return (decodedLayouts.get(article) ?? decodeLayout(article, textOnce(article))).sentences;
}

/** How each text read on demand is read, for reads that do not keep it (`textOnce`). */
const textReaders = new WeakMap<Article, TextReader>();

/**
 * The article's text for a pass that reads every article's once: a text read on demand and not
 * kept already is read without joining the kept ones, so it is garbage once the caller is done.
 * Through the kept texts, every pass pushed the texts being answered from out for ones read once.
 */
export function textOnce(article: Article): string {
  return keptTexts.get(article) ?? readerText(article) ?? article.text;
}

/**
 * How a sentence or a quote is cut from the article's text: as a copy of its own when the text is
 * read on demand (`detachedSlice`), so a view keeping it does not keep the text; as a plain slice
 * when the article holds its text anyway (read from PostgreSQL, kept on withdrawal, or held since
 * parsing until stored: what its analysis cuts is stored without the text, or dropped).
 */
function cutterOf(article: Article): (text: string, start: number, end: number) => string {
  const read = textReaders.get(article);
  return read !== undefined && read !== HELD ? detachedSlice : plainSlice;
}

/**
 * How much text read on demand is kept, the most recently read, in characters (two bytes each once
 * a text holds a curly quote): the texts being answered from (~800 articles' worth). Text was two
 * thirds of a warm start's heap when every article's was read at start: 61 MB at 10k articles,
 * ~600 MB at 100k; now a start reads none. Passes that read every article once (story-wide views,
 * `/timeline about:`) read through `textOnce` and `sentencesOnce`, which neither keep a text nor
 * push the kept ones out, and views keep their own copies of what they cut (`detachedSlice`), so
 * this budget bounds the texts held. At 48M characters it kept every text of 10k articles: 41 MB;
 * at 8M, 16 MB. Halved again, /ask at 10k articles took about as long (p99 38-41 -> 40-42 ms over
 * two probe runs each, within run-to-run noise: texts missed are read from the store in tens of
 * microseconds).
 */
export const KEPT_TEXT_CHARS = 4 * 2 ** 20;

/** Texts read on demand, the most recently read last (see `KEPT_TEXT_CHARS`), and their length in all. */
const keptTexts = new Map<Article, string>();
let keptChars = 0;

/** The article's text read by `read`, kept among the most recently read (see `KEPT_TEXT_CHARS`). */
function keptText(article: Article, read: TextReader): string {
  let text = keptTexts.get(article);
  if (text !== undefined) {
    keptTexts.delete(article);
    keptTexts.set(article, text);
    return text;
  }
  text = read(article.id);
  keptTexts.set(article, text);
  keptChars += text.length;
  for (const [oldest, kept] of keptTexts) {
    if (keptChars <= KEPT_TEXT_CHARS || oldest === article) break;
    keptTexts.delete(oldest);
    keptChars -= kept.length;
  }
  return text;
}

/** A stored article's columns as `decodeArticle` reads them: the text, or how to read it when first needed. */
export type ArticleLayoutColumns = Omit<ArticleColumns, 'analysis' | 'text'> & { text: string | TextReader };

/**
 * The article from its columns. Its paragraphs and sentences are decoded when read and kept among
 * the `DECODED_LAYOUTS` most recently read; past that they are decoded again from their offsets,
 * kept in one typed array (paragraph count, paragraphs' start and end, sentences' start, end and
 * paragraph). The same article read again while still kept gives the same sentence objects.
 *
 * A text given as a function is read from it when first needed and kept among the most recently
 * read (`KEPT_TEXT_CHARS`), so a process holds the texts it is answering from, not the corpus's. Its
 * sentences are then copies of their own (`cutterOf`): a view keeping one does not keep the text.
 */
export function decodeArticle(id: string, columns: ArticleLayoutColumns): Article {
  const article = { id, ...(JSON.parse(columns.article) as ArticleMetaColumns) } as Article;
  const readText = columns.text;
  if (typeof readText === 'string') article.text = readText;
  else textOnDemand(article, readText);
  layoutOnDemand(article, { json: columns.layout, offsets: null });
  return article;
}

/**
 * Turns an article parsed in this run, now stored, into one read from the store like those read
 * back (`decodeArticle`): its text read by `readText` when needed, its paragraphs and sentences
 * decoded from their offsets. A first start then holds the texts it is working on, not every one
 * it has parsed (they were most of its peak memory). An article held since it was parsed
 * (`heldUntilStored`) only changes where its text is read from.
 */
export function readFromStore(article: Article, readText: TextReader): void {
  if (textReaders.get(article) === HELD) {
    textReaders.set(article, readText);
    heldTexts.delete(article);
    // Its sentences decoded while held are slices of the held text: decoded again from the store's.
    decodedLayouts.delete(article);
    if (lastRead?.article === article) lastRead = null;
    return;
  }
  if (Object.getOwnPropertyDescriptor(article, 'text')?.get) return;
  const offsets = offsetsOf(article);
  textOnDemand(article, readText);
  layoutOnDemand(article, { json: null, offsets });
}

/**
 * Texts of articles parsed in this run and not yet stored, by the article (see `heldUntilStored`):
 * two files of the same content parse to two articles of one id, each with its own text.
 */
const heldTexts = new WeakMap<Article, string>();

/** The reader of a held article: a mark, as a held text is found by its article, not its id (`heldText`). */
const HELD: TextReader = (id) => {
  throw new Error(`the text of article ${id} is held by the article, not read by its id`);
};

function heldText(article: Article): string {
  const text = heldTexts.get(article);
  if (text === undefined) throw new Error(`the text of article ${article.id} is no longer held`);
  return text;
}

/** The article's text as its reader reads it (a held one kept aside), or undefined when it has no reader. */
function readerText(article: Article): string | undefined {
  const read = textReaders.get(article);
  if (read === undefined) return undefined;
  return read === HELD ? heldText(article) : read(article.id);
}

/**
 * A parsed article in the shape the corpus holds stored ones in (`decodeArticle`), until it is
 * stored (`readFromStore`): its text held aside, its paragraphs and sentences kept as offsets and
 * decoded when read. A first start reads every file before analysing the first, oldest first: held
 * whole, with an object per paragraph and sentence, the articles parsed from 100k files were about
 * a gigabyte of heap, the peak of the start.
 */
export function heldUntilStored(parts: ArticleParts): Article {
  const { text, layout, ...meta } = parts;
  const article = meta as Article;
  heldTexts.set(article, text);
  textOnDemand(article, HELD);
  layoutOnDemand(article, { json: null, offsets: keptSmallUints(layout) });
  return article;
}

/**
 * The article as parts for another thread to analyse: a held article's text and layout offsets as
 * held, without decoding its sentences; any other's as read.
 */
export function partsToAnalyse(article: Article): ArticleParts {
  const offsets = layoutSources.get(article)?.offsets;
  if (textReaders.get(article) !== HELD || !offsets) return partsOf(article);
  return { ...metaOf(article), text: heldText(article), layout: Uint32Array.from(offsets) };
}

/**
 * Has a held article read its text from the store from now on when the store already holds that
 * text, character for character (another rendering of the same content, in another Unicode
 * normalisation, has the same id but other offsets: that one keeps its own text).
 */
export function releaseHeld(article: Article, readText: TextReader): void {
  if (textReaders.get(article) !== HELD) return;
  let stored: string | undefined;
  try {
    stored = readText(article.id);
  } catch {
    return;
  }
  if (stored === heldText(article)) readFromStore(article, readText);
}

/**
 * The article's paragraphs and sentences as layout offsets (see `decodeArticle`), as kept for every
 * stored article: two bytes apiece for a text shorter than 65,536 characters (nearly every
 * article), four otherwise.
 */
function offsetsOf({ paragraphs, sentences }: Article): SmallUints {
  return keptSmallUints(layoutOffsets(paragraphs, sentences));
}

/**
 * The same article under another origin (the same content in a second file). Its properties are
 * copied as they are defined, so its text and sentences stay read on demand, from the same store
 * row (spreading it would decode them and keep them).
 */
export function underOrigin(article: Article, origin: string): Article {
  const copy = Object.defineProperties({} as Article, {
    ...Object.getOwnPropertyDescriptors(article),
    origin: { value: origin, enumerable: true, writable: true, configurable: true },
  });
  const readText = textReaders.get(article);
  if (readText) textReaders.set(copy, readText);
  const held = heldTexts.get(article);
  if (held !== undefined) heldTexts.set(copy, held);
  const layout = layoutSources.get(article);
  if (layout) layoutSources.set(copy, layout);
  return copy;
}

/**
 * The accessors of every article read on demand, shared: made per article, as closures, each
 * article had hidden classes of its own and three closures with their contexts (about 1.5 KB an
 * article). They find the article's own reader and layout by `this`.
 */
const ON_DEMAND_TEXT: PropertyDescriptor = {
  enumerable: true,
  configurable: true,
  get(this: Article) {
    const read = registered(textReaders, this);
    // A text held since parsing is in memory anyway: read as often as analysis reads it, it does
    // not go through (and push out) the kept ones.
    return read === HELD ? heldText(this) : keptText(this, read);
  },
};
const ON_DEMAND_LAYOUT: PropertyDescriptorMap = {
  paragraphs: {
    enumerable: true,
    configurable: true,
    get(this: Article) {
      return layoutOf(this).paragraphs;
    },
  },
  sentences: {
    enumerable: true,
    configurable: true,
    get(this: Article) {
      return layoutOf(this).sentences;
    },
  },
};

/**
 * What the article read on demand was registered with. An object given these accessors some other
 * way (its descriptors copied without `underOrigin`) has none: a programming error, said plainly
 * rather than read as an article gone from the store.
 */
function registered<T>(map: WeakMap<Article, T>, article: Article): T {
  const value = map.get(article);
  if (value === undefined) throw new Error(`article ${article.id} is read on demand but was never registered`);
  return value;
}

/** Defines the article's text as read by `readText` when needed (see `KEPT_TEXT_CHARS`). */
function textOnDemand(article: Article, readText: TextReader): void {
  textReaders.set(article, readText);
  Object.defineProperty(article, 'text', ON_DEMAND_TEXT);
}

/** Defines the article's paragraphs and sentences as decoded from `source` when read (see `decodeArticle`). */
function layoutOnDemand(article: Article, source: LayoutSource): void {
  layoutSources.set(article, source);
  Object.defineProperties(article, ON_DEMAND_LAYOUT);
}

/** The article's paragraphs and sentences, decoded and kept among the most recently read. */
function layoutOf(article: Article): DecodedLayout {
  if (lastRead?.article === article) return lastRead.layout;
  const decoded = recentlyUsed(decodedLayouts, article, () => decodeLayout(article, article.text), DECODED_LAYOUTS);
  lastRead = { article, layout: decoded };
  return decoded;
}

/** The article's paragraphs and sentences decoded from its layout source, its sentences cut from `text`. */
function decodeLayout(article: Article, text: string): DecodedLayout {
  const source = registered(layoutSources, article);
  if (!source.offsets) {
    const { p, s } = JSON.parse(source.json!) as Layout;
    source.offsets = keptSmallUints([p.length / 2, ...p, ...s]);
    source.json = null;
  }
  return layoutFromOffsets(source.offsets, text, cutterOf(article));
}

/**
 * Keeps the article's text in the article itself when it is read on demand, for an article leaving
 * the corpus: holders of it (a cached answer, a follow-up) can still read it once the store has
 * removed it.
 */
export function keepText(article: Article): void {
  if (!Object.getOwnPropertyDescriptor(article, 'text')?.get) return;
  const text = readableText(article);
  // Already gone from the store (another process withdrew it first): nothing to keep.
  if (text === undefined) return;
  if (keptTexts.delete(article)) keptChars -= text.length;
  if (textReaders.get(article) === HELD) heldTexts.delete(article);
  textReaders.delete(article);
  Object.defineProperty(article, 'text', { value: text, enumerable: true, configurable: true, writable: true });
}

/** Most entities have no roles or aliases: they share one empty list (decoded analyses are never changed). */
const NO_WORDS = Object.freeze([]) as unknown as string[];

function sharedAll(words: string[]): string[] {
  return words.length ? words.map(sharedWord) : NO_WORDS;
}

/**
 * The analysis from its column, quote and date texts cut again from the article text, repeated words and
 * empty lists shared: a service holds the analysis of every article (94 MB at 10k articles before).
 */
export function decodeAnalysis(article: Article, json: string): ArticleAnalysis {
  const analysis = JSON.parse(json) as ArticleAnalysis;
  // Read once, and only when a quote or a date needs it: a stored article's text is a read from the
  // store, not kept for this (a story-wide view decodes every article's analysis).
  let text: string | undefined;
  const cutText = cutterOf(article);
  const cut = (start: number, end: number) => {
    text ??= textOnce(article);
    return cutText(text, start, end);
  };
  for (const entity of analysis.entities) {
    entity.name = sharedWord(entity.name);
    entity.kind = sharedWord(entity.kind) as typeof entity.kind;
    entity.roles = sharedAll(entity.roles);
    entity.aliases = sharedAll(entity.aliases);
  }
  for (const quote of analysis.quotes) {
    quote.text = cut(quote.start, quote.end);
    quote.articleId = article.id;
    if (quote.cue !== null) quote.cue = sharedWord(quote.cue);
    const speaker = quote.speaker;
    if (speaker) {
      speaker.name = sharedWord(speaker.name);
      if (speaker.role !== null) speaker.role = sharedWord(speaker.role);
    }
  }
  for (const { mentions } of analysis.dates ?? []) {
    for (const mention of mentions) {
      mention.text = cut(mention.start, mention.end);
      mention.date = sharedWord(mention.date);
      if (mention.until !== undefined) mention.until = sharedWord(mention.until);
    }
  }
  return analysis;
}
