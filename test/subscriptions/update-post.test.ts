import { describe, expect, it } from 'vitest';
import { buildArticle } from '../../src/articles/article.js';
import type { Reply } from '../../src/reply.js';
import { buildUpdatePost, REPEATS_NOTE } from '../../src/subscriptions/update-post.js';
import { corpusOf, FIRST_VERSION, ferryArticle, NEW_SENTENCE, ORIGIN, SECOND_VERSION } from './helpers.js';

describe('the post for an article change', () => {
  it('heads an article without a headline with its standfirst’s main clause, and shows the date alone when the source is unknown', () => {
    const article = buildArticle(FIRST_VERSION, { date: '2025-08-12' }, ORIGIN);

    const post = buildUpdatePost({ kind: 'added', origin: ORIGIN, article }, corpusOf(article));

    expect(post.title).toBe('Ferry workers ended their nine-day strike on Tuesday');
    expect(post.items.map((item) => item.text)).not.toContain(post.title);
    expect(post.intro).toBe('2025-08-12');
  });

  it('leads an update with the sentences the previous version did not have', () => {
    const first = ferryArticle(FIRST_VERSION);
    const second = ferryArticle(SECOND_VERSION);

    const post = buildUpdatePost(
      { kind: 'updated', origin: ORIGIN, previousArticleId: first.id, article: second },
      corpusOf(second),
      first,
    );

    expect(post.items.filter((item) => item.text.startsWith('Updated:'))).toEqual([
      { text: `Updated: ${NEW_SENTENCE}`, cites: [1] },
    ]);
    expect(post.items.filter((item) => item.text.includes(NEW_SENTENCE))).toHaveLength(1);
  });

  it('falls back to the lead sentences, without a quote, for an article not in the corpus', () => {
    const article = ferryArticle();

    const post = buildUpdatePost({ kind: 'added', origin: ORIGIN, article }, corpusOf());

    expect(post.items.map((item) => item.text)).toEqual(article.sentences.slice(0, 3).map((s) => s.text));
    expect(post.citations).toHaveLength(1);
  });
});

describe('the post for a new article, against what the channel was already told', () => {
  const TEXT = [
    'Ferry workers ended their nine-day strike on Tuesday after unions accepted a revised pay offer.',
    '“This agreement protects every crew member on the harbour,” said Maria Lopez, general secretary of the Ferry Workers Union.',
    'Services will resume at 6 a.m. on Wednesday, the operator said. The operator said the offer raises wages by 6 percent over two years.',
    'Harbour commuters had queued for hours at bus stops during the strike, the council said.',
    '“We are glad the boats are back,” said commuter Sam Reed.',
  ].join('\n\n');
  const LEAD = 'Ferry workers ended their nine-day strike on Tuesday after unions accepted a revised pay offer.';
  const QUOTE = 'This agreement protects every crew member on the harbour';
  const article = buildArticle(TEXT, { title: 'Ferry strike over', date: '2025-08-13', source: 'Coast Post' }, 'a.md');
  // Another outlet's earlier report: the lead's facts in other words, and the same quotation.
  const earlier = buildArticle(
    `Unions accepted a revised pay offer on Tuesday, and ferry workers ended their nine-day strike.\n\n“${QUOTE},” Lopez said.`,
    { title: 'Ferry unions accept offer', date: '2025-08-12', source: 'Harbour Gazette' },
    'earlier.md',
  );
  const added = { kind: 'added', origin: 'a.md', article } as const;

  /** The summary's sentences: every item but the last, the quote (this article has quotes). */
  function summaryOf(post: Reply): string[] {
    return post.items.slice(0, -1).map((item) => item.text);
  }

  it('leaves out a sentence whose facts the channel was sent, and brings in one it was not', () => {
    const corpus = corpusOf(earlier, article);
    const normal = buildUpdatePost(added, corpus);
    expect(summaryOf(normal)).toContain(LEAD);

    const post = buildUpdatePost(added, corpus, undefined, [], [earlier]);

    const summary = summaryOf(post);
    expect(summary).not.toContain(LEAD);
    expect(summary.length).toBeGreaterThanOrEqual(2);
    expect(summary.length).toBeLessThanOrEqual(3);
    expect(summary.some((text) => !summaryOf(normal).includes(text))).toBe(true);
    expect(post.intro).toBe('Coast Post · 2025-08-13');
    // The quotation the channel already had gives way to the article's other one.
    expect(buildUpdatePost(added, corpus).items.at(-1)?.text).toContain(QUOTE);
    expect(post.items.at(-1)?.text).toMatch(/^“We are glad the boats are back” — .*Sam Reed/);
    for (const item of post.items) expect(item.cites).toEqual([1]);
    for (const text of summary) expect(article.text).toContain(text);
    expect(post.citations[0]!.excerpt).toBe(article.text.slice(post.citations[0]!.start, post.citations[0]!.end));
  });

  it('keeps the normal summary, with a note, when the channel was told all of it', () => {
    const retold = buildArticle(`${TEXT}\n\nMore to follow.`, { title: 'Strike over', source: 'Wire' }, 'w.md');
    const corpus = corpusOf(retold, article);

    const post = buildUpdatePost(added, corpus, undefined, [], [retold]);

    expect(post.intro).toBe(`Coast Post · 2025-08-13 · ${REPEATS_NOTE}`);
    expect(post.items).toEqual(buildUpdatePost(added, corpus).items);
    expect(summaryOf(post).length).toBeGreaterThanOrEqual(2);
  });

  it('is the normal post when the channel was told only unrelated articles', () => {
    const unrelated = buildArticle('The airport opened a new runway on Monday.', { title: 'Runway' }, 'r.md');
    const corpus = corpusOf(unrelated, article);

    expect(buildUpdatePost(added, corpus, undefined, [], [unrelated])).toEqual(buildUpdatePost(added, corpus));
  });
});
