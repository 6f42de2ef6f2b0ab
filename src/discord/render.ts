import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  type APIEmbedField,
  ButtonStyle,
  ComponentType,
  escapeMarkdown,
} from 'discord.js';
import { describeArticle } from '../citations.js';
import type { Citation, Reply, ReplyItem, ReplyTone } from '../reply.js';
import { displaySafe } from '../text/display-safe.js';
import {
  MAX_BUTTON_LABEL,
  MAX_EMBED_DESCRIPTION,
  MAX_EMBED_FIELDS,
  MAX_EMBED_FOOTER,
  MAX_EMBED_TITLE,
  MAX_EMBEDS_TOTAL,
  MAX_FIELD_VALUE,
  truncate,
} from './limits.js';
import { encodePageState, type PageState } from './page-state.js';

/** Items per page at most, so a page reads at a glance even when every item is short. */
export const MAX_ITEMS_PER_PAGE = 10;
/** One item (a quote, a search hit) never takes more than this, so a page always holds several. */
const MAX_ITEM_LENGTH = 900;
const MAX_INTRO_LENGTH = 1500;
const MAX_CITATION_TITLE = 180;
const SOURCES_FIELD = 'Sources';

/** Tone → embed colour: blue answers, amber "not in the sources", grey information, red errors. */
export const TONE_COLOURS: Record<ReplyTone, number> = {
  answer: 0x2b6cb0,
  not_found: 0xd69e2e,
  info: 0x718096,
  error: 0xe53e3e,
};

/**
 * Nobody gets pinged: article or model text can never mention @everyone, @here, a role or a user,
 * and a reply never pings the person replied to. Every payload the transport sends carries this.
 * https://discord.com/developers/docs/resources/message#allowed-mentions-object
 */
export const NO_MENTIONS = Object.freeze({ parse: [] as [], repliedUser: false });

/** The message fields every send and edit carries (flags such as ephemeral are added by the sender). */
export interface MessagePayload {
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
  allowedMentions: typeof NO_MENTIONS;
}

export interface RenderedPage {
  payload: MessagePayload;
  /** The page shown (clamped to the pages that exist). */
  page: number;
  pageCount: number;
  /** Errors, and replies that ask for it, are shown only to the person who asked. */
  ephemeral: boolean;
}

/** Where Previous/Next buttons lead: the command and options to re-run, and who may press them. */
export type PageControls = Omit<PageState, 'page'>;

/**
 * Escapes what would change formatting (bold, italics, code, spoilers, headings, list markers,
 * masked links), so article text shows as written, without the control and invisible characters
 * that would make it read otherwise.
 */
export function escapeText(text: string): string {
  const escaped = escapeMarkdown(displaySafe(text), {
    heading: true,
    bulletedList: true,
    numberedList: true,
    maskedLink: true,
  });
  return escaped.replace(DISCORD_MARKUP, '\\<');
}

/**
 * Discord's own markup in article text (a timestamp `<t:0:R>`, a custom emoji `<:name:id>`, a
 * command link `</ask:id>`, a mention or channel pill `<@id>` `<#id>`, a guide link `<id:home>`)
 * would render as something the article never showed; a backslash makes Discord show it as written.
 * https://discord.com/developers/docs/reference#message-formatting
 */
const DISCORD_MARKUP = /<(?=t:-?\d|a?:\w+:\d|\/[\w -]+:\d|[@#][!&]?\d|id:\w)/g;

/**
 * Escaped text of at most `max` characters. The text is cut before escaping too: escaping only
 * adds characters, and escapeMarkdown takes time quadratic in the length of what it is given.
 */
function escapeWithin(text: string, max: number): string {
  return truncate(escapeText(truncate(text, max)), max);
}

function itemLine(item: ReplyItem): string {
  const markers = item.cites.map((n) => `[${n}]`).join('');
  return `• ${escapeWithin(item.text, MAX_ITEM_LENGTH)}${markers ? ` ${markers}` : ''}`;
}

/** "[1] Title — Source, 2025-08-06", the title linked when the article has a web address. */
export function citationLine(citation: Citation): string {
  const shortTitle = truncate(citation.title, MAX_CITATION_TITLE);
  const described = truncate(describeArticle({ ...citation, title: shortTitle }), MAX_FIELD_VALUE / 2);
  const url = safeUrl(citation.url);
  if (!url || url.length > MAX_FIELD_VALUE / 2) return `**[${citation.n}]** ${escapeText(described)}`;
  // Brackets escapeText left alone are escaped; those it escaped already keep their one backslash.
  const title = escapeText(shortTitle).replace(/(?<!\\)[[\]]/g, '\\$&');
  const rest = escapeText(described.slice(shortTitle.length));
  return `**[${citation.n}]** [${title}](${url})${rest}`;
}

/**
 * Only http(s) links become masked links; parentheses, brackets, spaces and angle brackets are
 * percent-encoded so the link holds. (encodeURIComponent leaves parentheses as they are, and a `)`
 * would end the link and let the rest of the address start a link of its own.)
 */
function safeUrl(url: string | null): string | null {
  if (!url || !/^https?:\/\//i.test(url)) return null;
  return url.replace(/[()[\]\s<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/**
 * A reply's text escaped and cut once: escaping is the costly part of rendering, and pagination
 * measures the same lines many times.
 */
interface Prepared {
  reply: Reply;
  title: string;
  intro: string;
  /** One line per item, in order. */
  lines: string[];
  /** Source lines by citation number. */
  sources: Map<number, string>;
}

function prepare(reply: Reply): Prepared {
  return {
    reply,
    title: escapeWithin(reply.title, MAX_EMBED_TITLE),
    intro: reply.intro ? escapeWithin(reply.intro, MAX_INTRO_LENGTH) : '',
    lines: reply.items.map(itemLine),
    sources: new Map(
      reply.citations.map((citation) => [citation.n, truncate(citationLine(citation), MAX_FIELD_VALUE)]),
    ),
  };
}

/** A page: the indexes of the items it shows. */
type Page = number[];

/** The source lines a page's items cite; a reply without items shows all of its sources. */
function sourcesFor(prepared: Prepared, page: Page): string[] {
  if (!prepared.reply.items.length) return [...prepared.sources.values()];
  const wanted = new Set(page.flatMap((i) => prepared.reply.items[i]?.cites ?? []));
  return [...prepared.sources].filter(([n]) => wanted.has(n)).map(([, line]) => line);
}

function describePage(prepared: Prepared, page: Page): string {
  return [prepared.intro, page.map((i) => prepared.lines[i]).join('\n')].filter(Boolean).join('\n\n');
}

/** Packs source lines into fields of at most MAX_FIELD_VALUE characters, within `budget` characters in all. */
function sourceFields(lines: readonly string[], budget: number): APIEmbedField[] {
  const fields: APIEmbedField[] = [];
  const nameCost = `${SOURCES_FIELD} (continued)`.length;
  let value = '';
  let used = 0;
  const flush = () => {
    if (!value) return;
    const name = fields.length ? `${SOURCES_FIELD} (continued)` : SOURCES_FIELD;
    fields.push({ name, value });
    used += name.length + value.length;
    value = '';
  };
  for (const [i, line] of lines.entries()) {
    const more = `… and ${lines.length - i} more`;
    const next = value ? `${value}\n${line}` : line;
    if (next.length <= MAX_FIELD_VALUE && used + nameCost + next.length + more.length + 1 <= budget) {
      value = next;
      continue;
    }
    flush();
    if (fields.length < MAX_EMBED_FIELDS && used + nameCost + line.length + more.length + 1 <= budget) {
      value = line;
      continue;
    }
    // Out of room: say how many were left out rather than cutting a source in half.
    const last = fields.at(-1);
    if (last && last.value.length + more.length + 1 <= MAX_FIELD_VALUE) last.value += `\n${more}`;
    return fields;
  }
  flush();
  return fields;
}

function embedSize(embed: APIEmbed): number {
  const fields = (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0);
  return (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0) + fields;
}

function buildEmbed(prepared: Prepared, page: Page, index: number, pageCount: number): APIEmbed {
  const { title, reply } = prepared;
  const description = truncate(describePage(prepared, page), MAX_EMBED_DESCRIPTION);
  const pageNote = pageCount > 1 ? `Page ${index + 1} of ${pageCount}` : '';
  const footerRoom = Math.min(MAX_EMBED_FOOTER, MAX_EMBEDS_TOTAL - title.length - description.length);
  const footer = truncate([reply.footer ?? '', pageNote].filter(Boolean).join(' · '), footerRoom);
  const fields = sourceFields(
    sourcesFor(prepared, page),
    MAX_EMBEDS_TOTAL - title.length - description.length - footer.length,
  );
  return {
    title,
    color: TONE_COLOURS[reply.tone],
    ...(description ? { description } : {}),
    ...(fields.length ? { fields } : {}),
    ...(footer ? { footer: { text: footer } } : {}),
  };
}

/** Room kept for the title and footer (with its page note), whatever they turn out to be. */
const TITLE_AND_FOOTER_ROOM = MAX_EMBED_TITLE + 300;

/** Whether a page fits every embed limit without anything being cut or left out. */
function fits(prepared: Prepared, page: Page): boolean {
  const description = describePage(prepared, page).length;
  if (description > MAX_EMBED_DESCRIPTION) return false;
  const sources = sourcesFor(prepared, page);
  const sourceChars = sources.reduce((sum, line) => sum + line.length + 1, 0);
  // Each field holds at least two full source lines (each at most half a field), plus its name.
  const fieldCount = Math.ceil(sources.length / 2);
  return (
    fieldCount <= MAX_EMBED_FIELDS &&
    description + sourceChars + fieldCount * SOURCES_FIELD.length * 2 + TITLE_AND_FOOTER_ROOM <= MAX_EMBEDS_TOTAL
  );
}

/** Splits the items into pages: at most MAX_ITEMS_PER_PAGE each, and each page within the embed limits. */
function paginate(prepared: Prepared): Page[] {
  const pages: Page[] = [];
  let current: Page = [];
  for (let i = 0; i < prepared.lines.length; i++) {
    if (current.length && (current.length >= MAX_ITEMS_PER_PAGE || !fits(prepared, [...current, i]))) {
      pages.push(current);
      current = [];
    }
    current.push(i);
  }
  if (current.length || !pages.length) pages.push(current);
  return pages;
}

function pageButtons(
  controls: PageControls,
  page: number,
  pageCount: number,
): APIActionRowComponent<APIButtonComponent> {
  const button = (label: string, target: number, direction: 'p' | 'n', disabled: boolean): APIButtonComponent => ({
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    label: truncate(label, MAX_BUTTON_LABEL),
    custom_id: encodePageState({ ...controls, page: target }, direction),
    disabled,
  });
  return {
    type: ComponentType.ActionRow,
    components: [
      button('Previous', Math.max(0, page - 1), 'p', page === 0),
      button('Next', Math.min(pageCount - 1, page + 1), 'n', page >= pageCount - 1),
    ],
  };
}

/**
 * A reply as one Discord message showing one page: an embed (title, intro, the page's items with
 * their [n] markers, the sources they cite, the footer) and, when there are more pages and
 * `controls` says how to re-run the command, Previous/Next buttons.
 */
export function renderPage(reply: Reply, page = 0, controls?: PageControls): RenderedPage {
  const prepared = prepare(reply);
  const pages = paginate(prepared);
  const shown = Math.min(Math.max(0, page), pages.length - 1);
  const embed = buildEmbed(prepared, pages[shown] ?? [], shown, pages.length);
  if (embedSize(embed) > MAX_EMBEDS_TOTAL) throw new Error(`rendered embed is ${embedSize(embed)} characters`);
  return {
    payload: {
      embeds: [embed],
      components: controls && pages.length > 1 ? [pageButtons(controls, shown, pages.length)] : [],
      allowedMentions: NO_MENTIONS,
    },
    page: shown,
    pageCount: pages.length,
    ephemeral: Boolean(reply.ephemeral) || reply.tone === 'error',
  };
}
