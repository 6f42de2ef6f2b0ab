import { describe, expect, it } from 'vitest';
import { decodeTerms, encodedLength, encodeTerms } from '../../src/summaries/term-bytes.js';

describe('term bytes', () => {
  it('gives back every id it wrote, at each width from one byte to five', () => {
    const edges = [0, 1, 0x7f, 0x80, 0x3fff, 0x4000, 0x1fffff, 0x200000, 0xfffffff, 0x10000000, 0x7fffffff];
    const terms = Int32Array.from([...edges, ...edges.reverse(), 42, 42]);
    const bytes = new Uint8Array(encodedLength(terms) + 3);
    const end = encodeTerms(terms, bytes, 3);
    expect(end).toBe(bytes.length);
    expect([...decodeTerms(bytes, 3, end)]).toEqual([...terms]);
  });

  it('takes one byte for each id below 128, and two below 16,384', () => {
    expect(encodedLength(Int32Array.from([0, 127, 128, 16383]))).toBe(1 + 1 + 2 + 2);
  });

  it('reads one stretch of several, into a given array when it has room', () => {
    const first = Int32Array.from([5, 300, 70000]);
    const second = Int32Array.from([9, 1]);
    const bytes = new Uint8Array(encodedLength(first) + encodedLength(second));
    const middle = encodeTerms(first, bytes, 0);
    encodeTerms(second, bytes, middle);
    const into = new Int32Array(8).fill(-1);
    const read = decodeTerms(bytes, middle, bytes.length, into);
    expect([...read]).toEqual([9, 1]);
    expect(read.buffer).toBe(into.buffer);
    expect([...decodeTerms(bytes, 0, middle, new Int32Array(1))]).toEqual([5, 300, 70000]);
  });
});
