import { describe, expect, it } from 'vitest';
import { queryWords, toMatchExpression } from '../../src/search/query-terms.js';

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

describe('queryWords', () => {
  it('keeps the content words, or every word of a question made only of stopwords', () => {
    expect(queryWords('When could the Meeting happen?')).toEqual(['meeting', 'happen']);
    expect(queryWords('Who is he?')).toEqual(['who', 'is', 'he']);
  });
});
