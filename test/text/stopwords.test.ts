import { describe, expect, it } from 'vitest';
import { isFunctionWord, isStopword } from '../../src/text/stopwords.js';

describe('isFunctionWord', () => {
  it('knows English function words but not question words or topic words', () => {
    expect(isFunctionWord('the')).toBe(true);
    expect(isFunctionWord('harbour')).toBe(false);
    expect(isFunctionWord('reportedly')).toBe(false);
  });
});

describe('isStopword', () => {
  it('adds question words, reporting verbs and single letters to the function words', () => {
    expect(isStopword('the')).toBe(true);
    expect(isStopword('reportedly')).toBe(true);
    expect(isStopword('x')).toBe(true);
    expect(isStopword('7')).toBe(false);
    expect(isStopword('harbour')).toBe(false);
  });
});
