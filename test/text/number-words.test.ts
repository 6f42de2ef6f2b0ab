import { describe, expect, it } from 'vitest';
import { CARDINAL_WORDS, continuesNumber, isNumberWord, isYear } from '../../src/text/number-words.js';

describe('number words and years', () => {
  it('knows numbers written as words, and amount words, whatever their case', () => {
    for (const word of ['Seventeen', 'forty', 'eleven', 'dozens', 'Thousand', 'half', 'percent']) {
      expect(isNumberWord(word)).toBe(true);
    }
    for (const word of ['someone', 'often', 'ferry', '17']) expect(isNumberWord(word)).toBe(false);
  });

  it('gives the value of a cardinal written as a word', () => {
    expect(CARDINAL_WORDS.get('eighteen')).toBe('18');
    expect(CARDINAL_WORDS.get('ninety')).toBe('90');
  });

  it('reads four figures from 1800 to 2099 as a year', () => {
    expect(isYear('1921')).toBe(true);
    expect(isYear('2041')).toBe(true);
    expect(isYear('4512')).toBe(false);
    expect(isYear('171')).toBe(false);
  });

  it('joins the parts of a number the tokenizer split at a separator', () => {
    expect(continuesNumber(',', '512')).toBe(true);
    expect(continuesNumber('.', '5')).toBe(true);
    expect(continuesNumber(', ', '17')).toBe(false);
    expect(continuesNumber(',', 'she')).toBe(false);
  });
});
