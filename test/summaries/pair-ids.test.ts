import { describe, expect, it } from 'vitest';
import { PairIds } from '../../src/summaries/pair-ids.js';

describe('PairIds', () => {
  it('numbers pairs in the order first seen, apart by order of their terms, past any number of them', () => {
    const pairs = new PairIds(2);
    expect(pairs.idOf(3, 7)).toBe(0);
    expect(pairs.idOf(7, 3)).toBe(1);
    expect(pairs.idOf(3, 7)).toBe(0);
    expect(pairs.find(7, 3)).toBe(1);
    expect(pairs.find(3, 8)).toBe(-1);
    for (let first = 0; first < 300; first++) for (let second = 0; second < 30; second++) pairs.idOf(first, second);
    expect(pairs.size).toBe(300 * 30);
    expect(pairs.find(3, 7)).toBe(0);
    expect(pairs.find(299, 29)).toBe(pairs.size - 1);
  });
});
