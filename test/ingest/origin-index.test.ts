import { describe, expect, it } from 'vitest';
import { buildArticle } from '../../src/articles/article.js';
import { OriginIndex } from '../../src/ingest/origin-index.js';

const v1 = buildArticle('Leaders will meet on Friday.', {}, 'a.txt');
const v2 = buildArticle('Leaders will meet on Saturday.', {}, 'a.txt');

describe('OriginIndex', () => {
  it('reports a new origin as added, new content at a known origin as updated, and a gone origin as removed', () => {
    const index = new OriginIndex();
    expect(index.transition('a.txt', v1)).toEqual({ kind: 'added', origin: 'a.txt', article: v1 });
    expect(index.transition('a.txt', v1)).toBeNull();
    expect(index.transition('a.txt', v2)).toEqual({
      kind: 'updated',
      origin: 'a.txt',
      previousArticleId: v1.id,
      article: v2,
    });
    expect(index.transition('a.txt', null)).toEqual({ kind: 'removed', origin: 'a.txt', articleId: v2.id });
    expect(index.transition('a.txt', null)).toBeNull();
  });

  it('starts from the origins it is given', () => {
    const index = new OriginIndex([['a.txt', v1.id]]);
    expect(index.transition('a.txt', v1)).toBeNull();
    expect(index.transition('a.txt', v2)).toMatchObject({ kind: 'updated', previousArticleId: v1.id });
  });

  it('never withdraws an article another origin still holds', () => {
    const index = new OriginIndex([['a.txt', v1.id]]);
    expect(index.transition('copy.txt', v1)).toBeNull();
    expect(index.transition('copy.txt', null)).toBeNull();
    expect(index.transition('copy.txt', v1)).toBeNull();
    expect(index.transition('a.txt', null)).toBeNull();
    expect(index.transition('copy.txt', null)).toMatchObject({ kind: 'removed', articleId: v1.id });
  });

  it('turns an edit of a copy into an added article, and an edit into a copy into a removal', () => {
    const index = new OriginIndex([
      ['a.txt', v1.id],
      ['copy.txt', v1.id],
    ]);
    expect(index.transition('copy.txt', v2)).toMatchObject({ kind: 'added', article: v2 });
    expect(index.transition('copy.txt', v1)).toMatchObject({ kind: 'removed', articleId: v2.id });
  });
});
