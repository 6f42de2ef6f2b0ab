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

  it('splits words as tokenizeWords does on combining marks, other scripts, digits, apostrophes and hyphens', () => {
    const texts = [
      'Cafe\u0301 owners in Ko\u0308ln said it’s the ferry-boat’s “last” run — 12,000 people.',
      'Москва и Київ; 東京 and 서울; \u0661\u0662\u0663 and ５ tickets.',
      'An emoji 🚢 between words, a lone surrogate \ud800 and 𝐁𝐨𝐥𝐝 letters.',
      "O'Neill's co-op—the 1990s' re-run.",
    ];
    for (const text of texts) {
      const words: string[] = [];
      const stems: string[] = [];
      forEachStem(text, (stem, written) => {
        stems.push(stem);
        words.push(written);
      });
      const tokens = tokenizeWords(text);
      expect(words, text).toEqual(tokens.map((token) => token.raw));
      expect(stems, text).toEqual(tokens.map((token) => token.stem));
    }
  });
});
