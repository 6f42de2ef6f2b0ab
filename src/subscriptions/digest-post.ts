import { describeArticle, plural } from '../citations.js';
import type { Citation, Reply, ReplyItem } from '../reply.js';
import { parsePost } from './delivery-worker.js';
import { formatInZone } from './digest-schedule.js';
import type { LoggedUpdate } from './update-log.js';
import { UPDATED_PREFIX } from './update-post.js';

/**
 * A posted digest is one Discord message with no page buttons, so it must fit one embed: at most
 * 4096 characters of description and 6000 in all, and the renderer shows at most 10 items a page.
 * https://discord.com/developers/docs/resources/message#embed-object-embed-limits
 * Items beyond these limits are counted in a last "… and N more" line instead of shown.
 */
export const MAX_DIGEST_ITEMS = 9;
/** Item text plus an allowance for each item's source line, kept well under the 6000 in all. */
export const DIGEST_TEXT_BUDGET = 4_000;
export const MAX_DIGEST_HEADLINE = 150;
export const MAX_DIGEST_SENTENCE = 280;
/** What a source line costs beyond its title, source, date and link: "[n]", separators, a masked link. */
const SOURCE_LINE_OVERHEAD = 24;
export const DIGEST_TITLE = 'Daily digest';

export interface DigestOptions {
  /** Where this digest starts: the last one's slot, or when the channel subscribed. */
  since: Date;
  /** The subscription's zone, to say "since" in the time its readers keep. */
  timeZone: string;
  topic: string | null;
}

/** One article's entry: its newest update in the window, and whether it was new to the channel then. */
interface Entry {
  update: LoggedUpdate;
  kind: LoggedUpdate['kind'];
}

/**
 * The digest of `updates` (already filtered to the subscription's topic and window, oldest first):
 * "Daily digest — N updates", then one item per article, newest first — headline, source, date and
 * one verbatim sentence, cited. An article changed several times in the window is one item, its
 * newest version, called new when the channel had not been told of it before. Null when there is
 * nothing to tell: no digest is posted.
 */
export function buildDigestPost(updates: readonly LoggedUpdate[], options: DigestOptions): Reply | null {
  const entries = newestPerArticle(updates);
  if (entries.length === 0) return null;

  const items: ReplyItem[] = [];
  const citations: Citation[] = [];
  let used = 0;
  for (const entry of entries) {
    const { item, citation } = digestItem(entry, citations.length + 1);
    const cost = item.text.length + (citation ? sourceLineCost(citation) : 0);
    if (items.length > 0 && (items.length >= MAX_DIGEST_ITEMS || used + cost > DIGEST_TEXT_BUDGET)) break;
    used += cost;
    items.push(item);
    if (citation) citations.push(citation);
  }
  const left = entries.length - items.length;
  if (left > 0) items.push({ text: `… and ${plural(left, 'more update', 'more updates')}`, cites: [] });

  const since = `Since ${formatInZone(options.since, options.timeZone)}`;
  return {
    tone: 'info',
    title: `${DIGEST_TITLE} — ${plural(entries.length, 'update')}`,
    intro: options.topic ? `${since} · topic: ${options.topic}` : since,
    items,
    citations,
  };
}

function newestPerArticle(updates: readonly LoggedUpdate[]): Entry[] {
  const byOrigin = new Map<string, Entry>();
  for (const update of updates) {
    const earlier = byOrigin.get(update.origin);
    const newer = !earlier || update.announcedAt.getTime() >= earlier.update.announcedAt.getTime();
    const latest = newer ? update : earlier.update;
    byOrigin.set(update.origin, { update: latest, kind: earlier?.kind === 'new' ? 'new' : latest.kind });
  }
  return [...byOrigin.values()].sort(
    (a, b) => b.update.announcedAt.getTime() - a.update.announcedAt.getTime() || b.update.id - a.update.id,
  );
}

/**
 * The update's post (see update-post.ts) cites its article once, with the first verbatim span it
 * rests on: an update's first new sentence, or a new article's first summary sentence. That span is
 * the digest's sentence, and the citation is carried over, renumbered.
 */
function digestItem(entry: Entry, n: number): { item: ReplyItem; citation: Citation | null } {
  const { update } = entry;
  const post = parsePost(update.payload);
  const cited = post?.citations.find((citation) => citation.articleId === update.articleId) ?? post?.citations[0];
  const headline = cut(update.title, MAX_DIGEST_HEADLINE);
  const described = describeArticle({ title: headline, source: cited?.source ?? null, date: cited?.date ?? null });
  const prefix = entry.kind === 'updated' ? `${UPDATED_PREFIX} ` : '';
  const sentence = cited?.excerpt ?? firstItemText(post);
  const text = `${prefix}${described}${sentence ? `: ${cut(sentence, MAX_DIGEST_SENTENCE)}` : ''}`;
  if (!cited) return { item: { text, cites: [] }, citation: null };
  return { item: { text, cites: [n] }, citation: { ...cited, n } };
}

function firstItemText(post: Reply | null): string | null {
  const text = post?.items[0]?.text;
  return text ? text.replace(new RegExp(`^${UPDATED_PREFIX} `), '') : null;
}

function sourceLineCost(citation: Citation): number {
  return (
    Math.min(citation.title.length, MAX_DIGEST_HEADLINE) +
    (citation.source?.length ?? 0) +
    (citation.date?.length ?? 0) +
    (citation.url?.length ?? 0) +
    SOURCE_LINE_OVERHEAD
  );
}

/** A verbatim prefix of `text`, the cut marked with an ellipsis; the citation keeps the whole span. */
function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}
