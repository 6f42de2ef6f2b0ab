import { describe, expect, it } from 'vitest';
import { IntLists } from '../../src/int-lists.js';
import { Postings } from '../../src/summaries/postings.js';

describe('Postings', () => {
  it('lists the sentences holding each term, in order', () => {
    const postings = new Postings(IntLists.from([Int32Array.of(1, 4), Int32Array.of(), Int32Array.of(0, 4)]));
    expect([...postings.of(4)]).toEqual([0, 2]);
    expect([...postings.of(0)]).toEqual([2]);
    expect(postings.lengthOf(2)).toBe(0);
    expect(postings.lengthOf(99)).toBe(0);
    expect([...postings.of(99)]).toEqual([]);
    expect(postings.terms).toBe(5);
  });
});
