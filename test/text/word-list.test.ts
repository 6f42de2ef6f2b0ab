import { describe, expect, it } from 'vitest';
import { WordList } from '../../src/text/word-list.js';

describe('WordList', () => {
  it('keeps each word once, in the order first given, as a set would', () => {
    const words = WordList.of(['summit', 'talks', 'summit', 'geneva', 'talks']);
    expect([...words]).toEqual([...new Set(['summit', 'talks', 'summit', 'geneva', 'talks'])]);
    expect(words.size).toBe(3);
  });

  it('answers membership for the words it holds and no others', () => {
    const words = WordList.of(['summit', 'talks']);
    expect(words.has('talks')).toBe(true);
    expect(words.has('geneva')).toBe(false);
  });

  it('keeps lists made together apart, each with its own words', () => {
    const [first, empty, second] = WordList.packed([['ferry', 'port', 'ferry'], [], ['port', 'strike']]);
    expect([...first!]).toEqual(['ferry', 'port']);
    expect(empty!.size).toBe(0);
    expect([...empty!]).toEqual([]);
    expect([...second!]).toEqual(['port', 'strike']);
    expect(second!.has('ferry')).toBe(false);
    expect(first!.has('strike')).toBe(false);
  });

  it('counts the words two lists share', () => {
    const [first, second] = WordList.packed([
      ['ferry', 'port', 'strike'],
      ['strike', 'ferry', 'union'],
    ]);
    expect(first!.sharedWith(second!)).toBe(2);
    expect(first!.sharedWith(WordList.of(['union', 'port', 'vote']))).toBe(1);
  });
});
