import { describe, expect, it } from 'vitest';
import { byValue, IntLists } from '../src/int-lists.js';

describe('IntLists', () => {
  it('lists, for each value, the lists holding it, in order', () => {
    const holders = byValue(IntLists.from([Int32Array.of(1, 4), Int32Array.of(), Int32Array.of(0, 4)]));
    expect(holders.size).toBe(5);
    expect([...holders.of(4)]).toEqual([0, 2]);
    expect([...holders.of(0)]).toEqual([2]);
    expect(holders.lengthOf(2)).toBe(0);
  });
});
