import { describe, expect, it } from 'vitest';
import { matchingCharacters, overlapF1 } from '../../eval/char-overlap.js';

describe('the story scorer’s character overlap', () => {
  it('counts what Python’s difflib counts as matching, block by block', () => {
    // Expected values computed with difflib.SequenceMatcher(None, a, b, autojunk=False).
    expect(matchingCharacters('aca    ba a  ', ' cbac')).toBe(2);
    expect(matchingCharacters('aaa b ', 'b  bcb')).toBe(2);
    expect(matchingCharacters(' ca abcac bcc  a b ', 'bcca ab c a ac bbbabb cc ca bb ')).toBe(17);
    expect(matchingCharacters('bacaaaa acbcabccabbcbcc c  aac c bcacb a', 'a bab  b ba c acbba')).toBe(8);
  });

  it('scores a quote cut shorter than the gold by how much of both it shares', () => {
    expect(overlapF1('counting on America.', 'counting on America.')).toBe(1);
    expect(overlapF1('counting on', 'counting on America.')).toBeCloseTo((2 * 11) / (11 + 20));
    expect(overlapF1('', 'anything')).toBe(0);
  });
});
