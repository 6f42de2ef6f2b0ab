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
});
