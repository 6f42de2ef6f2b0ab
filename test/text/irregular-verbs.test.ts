import { describe, expect, it } from 'vitest';
import { baseOfIrregular } from '../../src/text/irregular-verbs.js';

describe('baseOfIrregular', () => {
  it('gives the base of irregular past forms and participles', () => {
    expect(baseOfIrregular('met')).toBe('meet');
    expect(baseOfIrregular('held')).toBe('hold');
    expect(baseOfIrregular('went')).toBe('go');
    expect(baseOfIrregular('gone')).toBe('go');
    expect(baseOfIrregular('spoke')).toBe('speak');
    expect(baseOfIrregular('spoken')).toBe('speak');
  });

  it('leaves other words, and forms that are common words of their own, as they are', () => {
    expect(baseOfIrregular('meeting')).toBe('meeting');
    expect(baseOfIrregular('talked')).toBe('talked');
    expect(baseOfIrregular('wound')).toBe('wound');
    expect(baseOfIrregular('ground')).toBe('ground');
  });
});
