import { describe, expect, it } from 'vitest';
import { detachedSlice } from '../../src/text/detached-slice.js';

describe('detachedSlice', () => {
  const text = 'The harbour master said on Monday: “Ships 🚢 will dock again at dawn.” Crews cheered.';

  it('gives the same characters as slice, short or long, one byte or two per character', () => {
    for (const [start, end] of [
      [0, 3],
      [0, 12],
      [0, 13],
      [4, 40],
      [35, 70],
      [0, text.length],
      [10, 10],
    ] as const) {
      expect(detachedSlice(text, start, end)).toBe(text.slice(start, end));
    }
  });

  it('keeps half of a surrogate pair as it is, as slice does', () => {
    const at = text.indexOf('🚢');
    expect(detachedSlice(text, 0, at + 1)).toBe(text.slice(0, at + 1));
  });
});
