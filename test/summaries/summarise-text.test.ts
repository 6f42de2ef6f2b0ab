import { describe, expect, it } from 'vitest';
import { sentencesOfText } from '../../src/articles/article.js';
import { SUMMARY_BUDGETS } from '../../src/summaries/lengths.js';
import { rankSentences } from '../../src/summaries/rank-sentences.js';
import { summariseArticleText } from '../../src/summaries/summarise-text.js';
import { STORY } from './fixtures.js';

const TEXT = STORY[0]!.text;

describe('summariseArticleText', () => {
  it('returns verbatim sentences with their offsets, in text order', () => {
    const picked = summariseArticleText(TEXT, 'short');
    expect(picked.length).toBeGreaterThan(0);
    for (const sentence of picked) expect(TEXT.slice(sentence.start, sentence.end)).toBe(sentence.text);
    expect(picked.map((s) => s.start)).toEqual([...picked.map((s) => s.start)].sort((a, b) => a - b));
  });

  it('starts from the lead rather than the byline', () => {
    const [first] = summariseArticleText(TEXT, { maxSentences: 1, maxWords: 100 });
    expect(first!.text).toMatch(/^The Harlow river bridge was closed/);
  });

  it('stays within a sentence budget', () => {
    expect(summariseArticleText(TEXT, { maxSentences: 2, maxWords: 1000 })).toHaveLength(2);
    expect(summariseArticleText(TEXT, 'short').length).toBeLessThanOrEqual(SUMMARY_BUDGETS.short.maxSentences);
  });

  it('stops adding sentences once the word budget is reached', () => {
    const picked = summariseArticleText(TEXT, { maxSentences: 10, maxWords: 20 });
    expect(picked).toHaveLength(1);
  });

  it('returns nothing for empty text', () => {
    expect(summariseArticleText('')).toEqual([]);
  });
});

describe('rankSentences', () => {
  it('ranks the lead above a later sentence that says less', () => {
    const texts = sentencesOfText(TEXT).map((s) => s.text);
    const ranked = rankSentences(texts);
    const lead = ranked.find((r) => r.text.startsWith('The Harlow'))!;
    const later = ranked.find((r) => r.text.startsWith('Drivers'))!;
    expect(lead.score).toBeGreaterThan(later.score);
  });

  it('marks ineligible sentences so they can never be picked', () => {
    const ranked = rankSentences(['By Anna Field', 'The bridge over the river was closed on Saturday morning.']);
    expect(ranked[0]).toMatchObject({ eligible: false, leadRank: -1, score: Number.NEGATIVE_INFINITY });
    expect(ranked[1]).toMatchObject({ eligible: true, leadRank: 0 });
  });
});
