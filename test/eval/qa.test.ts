import { describe, expect, it } from 'vitest';
import { containsAnswer } from '../../eval/qa.js';

describe('the QA scorer', () => {
  it('matches an answer ignoring case, spacing and curly versus straight apostrophes and quotes', () => {
    expect(containsAnswer('Shares of Wendy’s rose  on Monday.', ["wendy's"])).toBe(true);
    expect(containsAnswer('He called it “historic”.', ['"historic"'])).toBe(true);
    expect(containsAnswer('Shares of Wendys rose.', ["Wendy's"])).toBe(false);
    expect(containsAnswer(undefined, ['anything'])).toBe(false);
  });
});
