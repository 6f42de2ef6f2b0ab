import { serialize } from 'node:v8';
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

  it('gives the same characters for Latin-1 text cut from a text with characters past it', () => {
    const mixed = 'Café prices rose 5 % — “at least” — in Zürich, señor, at 3½ times the rate. Ünïcödé ÿ.';
    for (let start = 0; start < mixed.length; start += 7) {
      for (let end = start; end <= mixed.length; end += 5) {
        expect(detachedSlice(mixed, start, end)).toBe(mixed.slice(start, end));
      }
    }
  });

  it('holds a slice with nothing past Latin-1 one byte a character, cut from a text of two', () => {
    // V8's serializer tags a one-byte string 0x22 and a two-byte one 0x63, after its two-byte header.
    const copy = detachedSlice(text, 0, text.indexOf('“'));
    expect(serialize(text.slice(0, text.indexOf('“')))[2]).toBe(0x63);
    expect(serialize(copy)[2]).toBe(0x22);
  });

  it('keeps half of a surrogate pair as it is, as slice does', () => {
    const at = text.indexOf('🚢');
    expect(detachedSlice(text, 0, at + 1)).toBe(text.slice(0, at + 1));
  });
});
