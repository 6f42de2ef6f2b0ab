import { describe, expect, it } from 'vitest';
import { buildArticle } from '../../src/articles/article.js';
import { buildUpdatePost } from '../../src/subscriptions/update-post.js';
import { corpusOf, FIRST_VERSION, ferryArticle, NEW_SENTENCE, ORIGIN, SECOND_VERSION } from './helpers.js';

describe('the post for an article change', () => {
  it('does not repeat a headline taken from the standfirst, and shows the date alone when the source is unknown', () => {
    const article = buildArticle(FIRST_VERSION, { date: '2025-08-12' }, ORIGIN);

    const post = buildUpdatePost({ kind: 'added', origin: ORIGIN, article }, corpusOf(article));

    expect(post.title).toBe(article.sentences[0]!.text);
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
