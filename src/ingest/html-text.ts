import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

/**
 * Elements whose text is a paragraph of the article. Headings are left out: subheads and a repeated
 * headline are not sentences, and the title comes from the feed item.
 */
const PARAGRAPH_SELECTOR = 'p, li, blockquote, pre';
const BLANK_LINE = /\n[ \t]*\n/;

/**
 * Deeper than this, HTML is not read. Browsers stop nesting at 512 (Blink's tree builder); a page
 * from a feed nested far deeper (1 MB of `<div>`s) takes linkedom seconds per ten thousand levels to
 * parse, all on the bot's one thread, and overflows Readability's stack.
 */
export const MAX_HTML_DEPTH = 512;
/** Elements that never contain others, or whose end tag may be left out (closed by the next one). */
const NOT_NESTING = new Set(
  'area base br col embed hr img input link meta source track wbr p li dt dd option optgroup tr td th thead tbody tfoot colgroup caption rb rt rp'.split(
    ' ',
  ),
);
/**
 * A start or end tag. The lookahead keeps the name whole and attributes stop at the next `<`, so a
 * long run without `>` is scanned once rather than once per character (no quadratic backtracking).
 */
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)(?![a-zA-Z0-9:-])[^<>]*?(\/?)>/g;

/**
 * Plain article text from an HTML fragment (a feed item's content), one paragraph per block element,
 * separated by blank lines as the article model expects. A fragment with no paragraph elements (a
 * plain-text description) keeps its own blank-line paragraphs.
 */
export function htmlToText(html: string): string {
  if (nestedTooDeeply(html)) return '';
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const blocks = [...document.querySelectorAll(PARAGRAPH_SELECTOR)].filter(
    // A <blockquote><p>…</p></blockquote> is one paragraph, not two.
    (element) => element.querySelector(PARAGRAPH_SELECTOR) === null,
  );
  const paragraphs = blocks.length
    ? blocks.map((element) => element.textContent ?? '')
    : (document.body?.textContent ?? '').split(BLANK_LINE);
  return paragraphs.map(collapseSpace).filter(Boolean).join('\n\n');
}

/**
 * The article text of a whole web page, found with Mozilla's Readability (the engine behind Firefox
 * Reader View) over linkedom's DOM, so navigation, footers and related links are left behind.
 * Null when Readability finds no article.
 */
export function extractArticleText(html: string): string | null {
  if (nestedTooDeeply(html)) return null;
  const { document } = parseHTML(html);
  const article = new Readability(document).parse();
  const text = article?.content ? htmlToText(article.content) : '';
  return text || null;
}

/** A linear scan of the tags, before any parsing: does the nesting go deeper than MAX_HTML_DEPTH? */
function nestedTooDeeply(html: string): boolean {
  let depth = 0;
  for (const [, closing, name = '', selfClosing] of html.matchAll(TAG)) {
    if (NOT_NESTING.has(name.toLowerCase()) || selfClosing) continue;
    depth = closing ? Math.max(0, depth - 1) : depth + 1;
    if (depth > MAX_HTML_DEPTH) return true;
  }
  return false;
}

function collapseSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
