import { describe, expect, it } from 'vitest';
import {
  contentWords,
  forEachStem,
  queryWords,
  tokenizeWords,
  toMatchExpression,
} from '../../src/search/query-terms.js';

describe('toMatchExpression', () => {
  it('quotes every word and joins them with OR', () => {
    expect(toMatchExpression('When could the meeting happen?')).toBe('"meeting" OR "happen"');
  });

  it('turns FTS operators and quotes in user text into plain words', () => {
    expect(toMatchExpression('"Putin" AND NEAR(Trump*) -Zelenskyy: ^x')).toBe(
      '"putin" OR "near" OR "trump" OR "zelenskyy"',
    );
  });

  it('searches for the words of a question made only of stopwords', () => {
    expect(toMatchExpression('Who is he?')).toBe('"who" OR "is" OR "he"');
  });

  it('returns null when the text has no word at all', () => {
    expect(toMatchExpression(' ?!… ')).toBeNull();
  });
});

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

describe('queryWords', () => {
  it('keeps the content words, or every word of a question made only of stopwords', () => {
    expect(queryWords('When could the Meeting happen?')).toEqual(['meeting', 'happen']);
    expect(queryWords('Who is he?')).toEqual(['who', 'is', 'he']);
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
