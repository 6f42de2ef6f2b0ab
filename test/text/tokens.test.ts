import { describe, expect, it } from 'vitest';
import { contentWords, forEachStem, tokenizeWords } from '../../src/text/tokens.js';

describe('contentWords', () => {
  it('keeps one word per stem and folds case and diacritics', () => {
    expect(contentWords('Meeting meetings MEET Zelenskyy Zélenskyy').map((w) => w.norm)).toEqual([
      'meeting',
      'zelenskyy',
    ]);
  });

  it('reports offsets into the text it read', () => {
    const text = 'Rubio said: “progress”.';
    expect(tokenizeWords(text).map((w) => text.slice(w.start, w.end))).toEqual(['Rubio', 'said', 'progress']);
  });
});

describe('tokenizeWords', () => {
  it('reads a number with a plural s as the number, as the full-text index does', () => {
    const stems = (text: string) => tokenizeWords(text).map((w) => w.stem);
    expect(stems('the 1990s')).toEqual(stems('the 1990'));
    expect(stems('G7 talks')).toEqual(['g7', 'talk']);
  });
});

describe('forEachStem', () => {
  it('stems words exactly as tokenizeWords does', () => {
    const text = 'Zélenskyy met negotiators, meeting again in 2025.';
    const stems: string[] = [];
    forEachStem(text, (stem) => stems.push(stem));
    expect(stems).toEqual(tokenizeWords(text).map((w) => w.stem));
  });
});
