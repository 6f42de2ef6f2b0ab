/**
 * The platform-neutral reply every command returns. Transports (console, Discord) render it;
 * citations stay data so each transport can number and link them its own way.
 */
export type ReplyTone = 'answer' | 'not_found' | 'info' | 'error';

export interface Citation {
  /** 1-based number used as [n] in item text. */
  n: number;
  articleId: string;
  title: string;
  date: string | null;
  source: string | null;
  url: string | null;
  /** Verbatim span of the article the citation points at, when there is one. */
  excerpt?: string;
  start?: number;
  end?: number;
}

export interface ReplyItem {
  /** Plain text (no markup); verbatim quotes appear inside “ ”. */
  text: string;
  /** Citation numbers this item rests on. */
  cites: number[];
}

export interface Reply {
  tone: ReplyTone;
  title: string;
  /** A paragraph shown above the items. */
  intro?: string;
  /** The body, one entry per sentence / result; long lists are paginated by transports. */
  items: ReplyItem[];
  citations: Citation[];
  /** e.g. "As of 2025-08-06 · 1 article". */
  footer?: string;
  /** Only the person who asked should see it (Discord); ignored by the console. */
  ephemeral?: boolean;
  /**
   * One piece to be read whole (a model's answer): a transport that pages long replies shows every
   * page at once rather than page buttons, which would ask the question again.
   */
  whole?: boolean;
}
