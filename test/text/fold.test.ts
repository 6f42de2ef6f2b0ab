import { describe, expect, it } from 'vitest';
import { foldText, foldWord, withoutFormatCharacters } from '../../src/text/fold.js';

describe('foldWord', () => {
  it('folds compatibility forms (NFKC), accents and case to the plain word', () => {
    expect(foldWord('Ｈａｒｂｏｕｒ')).toBe('harbour');
    expect(foldWord('ﬁnal')).toBe('final');
    expect(foldWord('Zürich')).toBe('zurich');
    expect(foldWord('²')).toBe('2');
    expect(foldWord('Talks')).toBe('talks');
  });
});

describe('withoutFormatCharacters', () => {
  it('drops zero-width and bidirectional characters that would split a typed word', () => {
    expect(withoutFormatCharacters('Har\u200Bbour \u202Ebridge\u2069')).toBe('Harbour bridge');
  });
});

describe('foldText', () => {
  it('folds running text like foldWord and straightens typographic apostrophes', () => {
    expect(foldText('Zelénskyy didn’t say')).toBe("zelenskyy didn't say");
    expect(foldText('Plain Text')).toBe('plain text');
  });
});
