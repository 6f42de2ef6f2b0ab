import { describe, expect, it } from 'vitest';
import { extractPageText, PageExtractionError } from '../../src/ingest/extract-page-text.js';

const PAGE = `<!doctype html><html><head><title>Harbour</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Harbour bridge reopens</h1>
<p>The harbour bridge reopened on Monday after three weeks of repairs to its cables and deck.</p>
<p>Traffic was light in the morning, the city's transport office said, and buses ran on time.</p>
<p>Repairs cost less than planned, and the office said the work had been finished early.</p>
</article><footer>Contact us</footer></body></html>`;

describe('extractPageText', () => {
  it("reads a page's article text in a worker thread, leaving navigation and footer behind", async () => {
    const text = await extractPageText(PAGE);
    expect(text).toContain('The harbour bridge reopened on Monday');
    expect(text).not.toContain('Contact us');
  });

  it('keeps the main thread free while a large page is read', async () => {
    const big = PAGE.replace(
      '</article>',
      `${'<p>Filler words for a very long page body indeed.</p>'.repeat(40_000)}</article>`,
    );
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    await extractPageText(big);
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(5);
  });

  it('gives up on a page that takes too long, and says so', async () => {
    const big = PAGE.replace(
      '</article>',
      `${'<p>Filler words for a very long page body indeed.</p>'.repeat(40_000)}</article>`,
    );
    await expect(extractPageText(big, 1)).rejects.toBeInstanceOf(PageExtractionError);
  });
});
