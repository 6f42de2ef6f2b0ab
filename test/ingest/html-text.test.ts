import { describe, expect, it } from 'vitest';
import { extractArticleText, htmlToText } from '../../src/ingest/html-text.js';

const PARAGRAPH =
  '<p>The harbour bridge reopened to traffic on Saturday after six weeks of repairs to its deck and railings.</p>';

function nested(depth: number, tag = 'div'): string {
  return `<html><body><article>${`<${tag}>`.repeat(depth)}${PARAGRAPH.repeat(8)}${`</${tag}>`.repeat(depth)}</article></body></html>`;
}

describe('text from HTML', () => {
  it('reads the paragraphs of an ordinary page and feed item', () => {
    expect(htmlToText(`<p>One.</p><p>Two <b>bold</b>.</p>`)).toBe('One.\n\nTwo bold.');
    expect(extractArticleText(nested(20))).toContain('The harbour bridge reopened');
  });

  it('reads nothing from HTML nested deeper than browsers build, rather than overflowing the stack', () => {
    for (const tag of ['div', 'span', 'b']) {
      expect(htmlToText(nested(20_000, tag)), tag).toBe('');
      expect(extractArticleText(nested(20_000, tag)), tag).toBeNull();
    }
  });

  it('counts neither void elements nor unclosed paragraphs and list items as nesting', () => {
    const loose = `<html><body><article>${'<p>Line <br> of <img src="x.png"> text'.repeat(2000)}${PARAGRAPH.repeat(8)}</article></body></html>`;
    expect(htmlToText(loose)).toContain('The harbour bridge reopened');
    expect(htmlToText(`<ul>${'<li>item'.repeat(2000)}</ul>`)).toContain('item');
  });
});
