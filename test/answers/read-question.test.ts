import { describe, expect, it } from 'vitest';
import { askingClause, readQuestion } from '../../src/answers/score-sentences.js';

describe('askingClause', () => {
  it('finds the sentence that asks after a sentence of background', () => {
    expect(askingClause('Brett Favre revealed he has Parkinson’s. Which NFL team did he play for?')).toBe(
      'Which NFL team did he play for?',
    );
  });

  it('keeps a one-sentence question whole, abbreviations and all', () => {
    const question = 'Who testified before the U.S. Senate about Robert F. Kennedy Jr.?';
    expect(askingClause(question)).toBe(question);
  });

  it('keeps the whole text when no sentence asks', () => {
    expect(askingClause('Tell me about the summit. And the talks.')).toBe('Tell me about the summit. And the talks.');
  });
});

describe('readQuestion', () => {
  it('marks the words only in the background sentence, and reads the kind from the sentence that asks', () => {
    const question = readQuestion('The Fashion Show returned this week. Where did the show take place?');
    const background = question.terms.filter((term) => term.background).map((term) => term.norm);
    expect(background).toEqual(['fashion', 'returned', 'week']);
    expect(question.kind).toBe('place');
  });

  it('marks no background in a one-sentence question', () => {
    expect(readQuestion('Which city hosted the summit?').terms.some((term) => term.background)).toBe(false);
  });
});
