import { describe, expect, it } from 'vitest';
import { sharedWord } from '../../src/text/shared-words.js';

describe('sharedWord', () => {
  it('gives back the same word it was given, equal words as the copy first given', () => {
    const first = sharedWord(['Press', 'Secretary'].join(' '));
    const again = sharedWord(['Press', 'Secretary'].join(' '));
    expect(again).toBe('Press Secretary');
    expect(again).toBe(first);
  });
});
