import { describe, expect, it } from 'vitest';
import { type Mergeable, mergeDuplicates } from '../../src/timeline/merge-duplicates.js';

function item(date: string, words: string): Mergeable {
  return { date, words: new Set(words.split(' ')) };
}

describe('merging near-duplicate developments', () => {
  it('merges a reworded report of the same day into the first one', () => {
    const items = [
      item('2025-03-10', 'harbour worker eastport walk job pay'),
      item('2025-03-10', 'eastport harbour worker walk job pay union monday'),
    ];
    expect(mergeDuplicates(items)).toEqual([0, 0]);
  });

  it('merges a short lead repeated inside a longer sentence', () => {
    const items = [
      item('2025-03-10', 'ship queue outsid harbour eastport strike second day port author offici warn delay'),
      item('2025-03-10', 'ship queue outsid harbour eastport'),
    ];
    expect(mergeDuplicates(items)).toEqual([0, 0]);
  });

  it('keeps reports of different days apart, however alike', () => {
    const items = [
      item('2025-03-10', 'mediat meet union port author talk'),
      item('2025-03-13', 'mediat meet union port author talk'),
    ];
    expect(mergeDuplicates(items)).toEqual([0, 1]);
  });

  it('keeps different developments of the same day apart', () => {
    const items = [
      item('2025-03-10', 'mediat meet union port author talk'),
      item('2025-03-10', 'minist resign parliament vote budget collaps'),
    ];
    expect(mergeDuplicates(items)).toEqual([0, 1]);
  });

  it('never merges sentences too short to judge', () => {
    expect(mergeDuplicates([item('2025-03-10', 'talk fail'), item('2025-03-10', 'talk fail')])).toEqual([0, 1]);
  });

  it('finds the duplicate among many reports of the same day', () => {
    const items = Array.from({ length: 500 }, (_, i) =>
      item('2025-03-10', `common report day topic${i} detail${i} extra${i}`),
    );
    items.push(item('2025-03-10', 'common report day topic250 detail250 extra250'));
    expect(mergeDuplicates(items).at(-1)).toBe(250);
  });
});
