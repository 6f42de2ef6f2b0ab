import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

/**
 * Elements whose text is a paragraph of the article. Headings are left out: subheads and a repeated
 * headline are not sentences, and the title comes from the feed item.
 */
const PARAGRAPH_SELECTOR = 'p, li, blockquote, pre';
const BLANK_LINE = /\n[ \t]*\n/;

/**
 * Plain article text from an HTML fragment (a feed item's content), one paragraph per block element,
 * separated by blank lines as the article model expects. A fragment with no paragraph elements (a
 * plain-text description) keeps its own blank-line paragraphs.
 */
export function htmlToText(html: string): string {
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
  const { document } = parseHTML(html);
  const article = new Readability(document).parse();
  const text = article?.content ? htmlToText(article.content) : '';
  return text || null;
}

function collapseSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
