/**
 * The article model every service reads. Offsets are UTF-16 code-unit indexes into `Article.text`
 * (JavaScript string indexes), so `article.text.slice(start, end)` is always the exact source text.
 */
export interface TextSpan {
  start: number;
  end: number;
}

export interface Paragraph extends TextSpan {
  index: number;
}

export interface Sentence extends TextSpan {
  index: number;
  /** Index of the paragraph the sentence sits in. */
  paragraph: number;
  /** Exactly `article.text.slice(start, end)`. */
  text: string;
}

export interface ArticleMeta {
  /** Headline; when the file has none, the standfirst (first paragraph) is used. */
  title: string | null;
  /** ISO day, YYYY-MM-DD. */
  date: string | null;
  source: string | null;
  url: string | null;
  author: string | null;
}

export interface Article {
  /** Stable id derived from the content (see `articleId`). */
  id: string;
  /** Where it came from: a path relative to the seeds folder, a feed URL, or a label. */
  origin: string;
  title: string;
  date: string | null;
  source: string | null;
  url: string | null;
  author: string | null;
  /** The body text, as read; paragraphs are separated by blank lines. */
  text: string;
  paragraphs: Paragraph[];
  sentences: Sentence[];
}

export interface SkippedFile {
  file: string;
  reason: string;
}

/** What the corpus rests on, stamped on every answer: "as of <newest date>, N articles". */
export interface Basis {
  asOf: string | null;
  articles: number;
}
