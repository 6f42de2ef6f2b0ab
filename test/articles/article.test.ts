import { describe, expect, it } from 'vitest';
import { articleId, buildArticle, splitParagraphs } from '../../src/articles/article.js';

const paragraphTexts = (text: string) => splitParagraphs(text).map((p) => text.slice(p.start, p.end));

describe('articleId', () => {
  it('is the same for the same text and differs for different text', () => {
    expect(articleId('The strike ended.')).toBe(articleId('The strike ended.'));
    expect(articleId('The strike ended.')).not.toBe(articleId('The strike ended!'));
    expect(articleId('The strike ended.')).toMatch(/^[0-9a-f]{16}$/);
  });

  it('treats composed and decomposed accents as the same text', () => {
    expect(articleId('Caf\u00e9 owners')).toBe(articleId('Cafe\u0301 owners'));
  });
});

describe('splitParagraphs', () => {
  it('splits on blank lines, including lines holding only spaces', () => {
    expect(paragraphTexts('One.\n\nTwo,\nstill two.\n  \t\nThree.')).toEqual(['One.', 'Two,\nstill two.', 'Three.']);
  });

  it('takes a line per paragraph when the text has no blank line at all', () => {
    expect(paragraphTexts('One.\nTwo.\nThree.')).toEqual(['One.', 'Two.', 'Three.']);
  });

  it('trims each paragraph and numbers them in order', () => {
    const text = '  Lead.  \n\n\n   Body.\n';
    expect(splitParagraphs(text)).toEqual([
      { index: 0, start: 2, end: 7 },
      { index: 1, start: 15, end: 20 },
    ]);
  });
});

describe('buildArticle', () => {
  it('falls back to the standfirst’s main clause when there is no title', () => {
    const article = buildArticle('Standfirst here.\n\nBody here.', {}, 'a.txt');
    expect(article.title).toBe('Standfirst here');
    expect(article).toMatchObject({ date: null, source: null, url: null, author: null, origin: 'a.txt' });
  });

  it('uses a given title, trimmed, and keeps the metadata', () => {
    const article = buildArticle('Body.', { title: '  Headline ', date: '2025-08-06', source: 'Gazette' }, 'b.md');
    expect(article).toMatchObject({ title: 'Headline', date: '2025-08-06', source: 'Gazette' });
  });

  it('derives the id from the text alone', () => {
    const a = buildArticle('Same body.', { title: 'One' }, 'a.txt');
    const b = buildArticle('Same body.', { title: 'Two' }, 'b.txt');
    expect(a.id).toBe(b.id);
    expect(a.id).toBe(articleId('Same body.'));
  });

  it('gives sentences that point at their paragraphs', () => {
    const article = buildArticle('Lead sentence.\n\nFirst body sentence. Second one.', {}, 'c.txt');
    expect(article.sentences.map((s) => [s.paragraph, s.text])).toEqual([
      [0, 'Lead sentence.'],
      [1, 'First body sentence.'],
      [1, 'Second one.'],
    ]);
  });
});
