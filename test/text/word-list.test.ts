import { describe, expect, it } from 'vitest';
import { WordList } from '../../src/text/word-list.js';

describe('WordList', () => {
  it('keeps each word once, in the order first given, as a set would', () => {
    const words = new WordList(['summit', 'talks', 'summit', 'geneva', 'talks']);
    expect([...words]).toEqual([...new Set(['summit', 'talks', 'summit', 'geneva', 'talks'])]);
    expect(words.size).toBe(3);
  });

  it('answers membership for the words it holds and no others', () => {
    const words = new WordList(['summit', 'talks']);
    expect(words.has('talks')).toBe(true);
    expect(words.has('geneva')).toBe(false);
  });
});
