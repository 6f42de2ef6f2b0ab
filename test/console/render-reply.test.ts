import { describe, expect, it } from 'vitest';
import { renderReply, wrapText } from '../../src/console/render-reply.js';
import type { Reply } from '../../src/reply.js';

const reply: Reply = {
  tone: 'answer',
  title: 'When is the ferry?',
  intro: 'Two articles say.',
  items: [
    { text: 'The island ferry will add two evening crossings.', cites: [1] },
    { text: 'Tolls will rise.', cites: [1, 2] },
  ],
  citations: [
    {
      n: 1,
      articleId: 'a',
      title: 'Ferry service adds evening crossings',
      date: '2025-03-15',
      source: 'Coastal Times',
      url: null,
    },
    { n: 2, articleId: 'b', title: 'Tolls to rise', date: null, source: null, url: 'https://example.org/tolls' },
  ],
  footer: 'As of 2025-03-15 · 2 articles',
};

describe('rendering a reply for the console', () => {
  it('shows title, intro, items with their markers, numbered sources and the footer', () => {
    expect(renderReply(reply, { colour: false })).toBe(
      [
        'When is the ferry?',
        '',
        'Two articles say.',
        '',
        '  • The island ferry will add two evening crossings. [1]',
        '  • Tolls will rise. [1][2]',
        '',
        'Sources',
        '[1] Ferry service adds evening crossings — Coastal Times, 2025-03-15',
        '[2] Tolls to rise — undated',
        '    https://example.org/tolls',
        '',
        'As of 2025-03-15 · 2 articles',
        '',
      ].join('\n'),
    );
  });

  it('uses no escape codes unless colour is on', () => {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for ANSI escapes is the point
    const ansi = /\u001b\[/;
    expect(renderReply(reply, { colour: false })).not.toMatch(ansi);
    expect(renderReply(reply, { colour: true })).toMatch(ansi);
  });

  it('wraps long lines to the width, indenting continuation lines', () => {
    const text = renderReply(
      { ...reply, items: [{ text: 'word '.repeat(30).trim(), cites: [1] }] },
      { colour: false, width: 40 },
    );
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(40);
    expect(text).toContain('\n    word');
  });

  it('keeps a word longer than the line whole', () => {
    expect(wrapText('see https://example.org/a/very/long/path/indeed now', 20)).toBe(
      'see\nhttps://example.org/a/very/long/path/indeed\nnow',
    );
  });
});
