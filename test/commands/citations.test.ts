import { beforeAll, describe, expect, it } from 'vitest';
import { basisFooter, CitationBook, quoteLine } from '../../src/citations.js';
import type { Services } from '../../src/services.js';
import { fixtureServices } from './helpers.js';

describe('the citation book', () => {
  let services: Services;
  beforeAll(async () => {
    services = await fixtureServices();
  });

  it('numbers articles in order of first use and keeps the first verbatim excerpt of each', () => {
    const [first, second] = services.corpus.articles();
    const book = new CitationBook(services.corpus);
    expect(book.cite(second!, { start: 0, end: 10 })).toBe(1);
    expect(book.cite(first!.id)).toBe(2);
    expect(book.cite(second!, { start: 20, end: 30 })).toBe(1);
    expect(book.cite(first!, { start: 4, end: 9 })).toBe(2);
    const [one, two] = book.citations();
    expect(one).toMatchObject({ n: 1, articleId: second!.id, excerpt: second!.text.slice(0, 10), start: 0, end: 10 });
    expect(two).toMatchObject({ n: 2, title: first!.title, source: 'Coastal Times', excerpt: first!.text.slice(4, 9) });
  });

  it('refuses to cite an article that is not in the corpus', () => {
    expect(() => new CitationBook(services.corpus).cite('0000000000000000')).toThrow();
  });

  it('writes the basis footer and quote lines the way replies show them', () => {
    expect(basisFooter({ asOf: '2025-08-06', articles: 1 })).toBe('As of 2025-08-06 · 1 article');
    expect(basisFooter({ asOf: '2025-08-06', articles: 12 })).toBe('As of 2025-08-06 · 12 articles');
    const line = quoteLine({
      id: 'q',
      articleId: 'a',
      start: 0,
      end: 5,
      text: 'Hello',
      partial: false,
      sentence: 0,
      cue: 'said',
      speaker: { name: 'Jane Ortiz', role: 'Mayor', mention: null },
    });
    expect(line).toBe('“Hello” — Jane Ortiz, Mayor (said)');
  });
});
