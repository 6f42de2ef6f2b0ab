import { describe, expect, it } from 'vitest';
import { foldedWordParts, foldedWords, splitFolded } from '../../src/text/words.js';

describe('foldedWords', () => {
  it('reads words with curly apostrophes and drops the possessive', () => {
    expect(foldedWords('Trump’s envoy didn’t say')).toEqual(['trump', 'envoy', "didn't", 'say']);
  });

  it('folds accents so a name written either way gives the same words', () => {
    expect(foldedWords('Zelénskyy met Kowalski')).toEqual(foldedWords('Zelenskyy met KOWALSKI'));
  });
});

describe('splitFolded', () => {
  it('keeps the possessive of text already folded', () => {
    expect(splitFolded("the president's aide")).toEqual(['the', "president's", 'aide']);
  });
});

describe('foldedWordParts', () => {
  it('splits folded text at apostrophes and hyphens as well as spaces', () => {
    expect(foldedWordParts("O'Brien’s long-range Zürich")).toEqual(['o', 'brien', 's', 'long', 'range', 'zurich']);
  });

  it('keeps a letter typed with a separate combining accent inside its word', () => {
    expect(foldedWordParts('Zele\u0301nskyy')).toEqual(['zelenskyy']);
  });
});
