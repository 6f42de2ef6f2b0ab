import { describe, expect, it } from 'vitest';
import { TermIds } from '../../src/summaries/terms.js';

describe('TermIds', () => {
  it('gives every spelling of a term one id and stopwords none', () => {
    const ids = new TermIds();
    const talks = ids.idOf('Talks');
    expect(ids.idOf('talking')).toBe(talks);
    expect(ids.idOf('talk')).toBe(talks);
    expect(ids.idOf('Trump’s')).toBe(ids.idOf('trump'));
    expect(ids.idOf('Trump’s')).not.toBe(talks);
    expect(ids.idOf('the')).toBe(-1);
    expect(ids.idOf('a')).toBe(-1);
    expect(ids.size).toBe(2);
  });

  it('reads irregular verbs as their base for comparing a plan with its report, and keeps stopwords out', () => {
    const ids = new TermIds();
    const plan = ids.baseIdsOf('Ek is to meet the crews and hold talks.');
    const report = ids.baseIdsOf('Ek met the crews and held talks.');
    expect([...report]).toEqual([...plan]);
    expect(ids.idOf('met')).not.toBe(ids.idOf('meet'));
    expect([...ids.baseIdsOf('He said they took it late.')]).toEqual([ids.idOf('late')]);
  });
});
