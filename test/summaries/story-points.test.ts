import { describe, expect, it } from 'vitest';
import { buildArticle } from '../../src/articles/article.js';
import { copiesOf, followedDaily } from '../../src/summaries/story-points.js';

const article = (id: string, date: string, sentences: string[]) => buildArticle(sentences.join('\n\n'), { date }, id);

const FERRY = [
  'The Tarrow ferry stopped running on Tuesday after its crew walked out over unpaid overtime.',
  'About 900 passengers a day use the crossing to reach jobs on the mainland.',
  'The operator said talks with the crew would resume on Thursday.',
  'Island shops reported empty shelves by the evening.',
];

describe('copiesOf', () => {
  it('takes an article filed again, even updated, for a copy of the first, and other reports for sources', () => {
    const first = article('a', '2025-05-06', FERRY);
    const other = article('b', '2025-05-06', [
      'Crew members of the Tarrow ferry walked out on Tuesday, halting the island crossing.',
      'The union said overtime had gone unpaid since March.',
    ]);
    const updated = article('c', '2025-05-07', [
      ...FERRY.slice(0, 3),
      'A spokesperson later said a relief crew would run one crossing on Wednesday.',
    ]);
    const quoting = article('d', '2025-05-07', [
      FERRY[0]!,
      'Islanders queued for the lifeboat service instead.',
      'The council met in emergency session.',
      'A relief crew was found by Wednesday afternoon.',
    ]);
    const texts = [first, other, updated, quoting].map((a) => a.sentences.map((sentence) => sentence.text));
    expect(copiesOf(texts)).toEqual([0, 1, 0, 3]);
  });

  it('takes every outlet filing one wire story for a copy of the first, however many outlets do', () => {
    const wire = ['Storm closes the ferry crossing.', 'Crossings resume on Friday.', 'The port stays open to freight.'];
    const outlets = Array.from({ length: 40 }, (_, i) => [
      ...wire,
      `Outlet ${i} added a line of its own about the storm.`,
    ]);
    expect(copiesOf([['Another report entirely.'], ...outlets])).toEqual([0, ...outlets.map(() => 1)]);
  });
});

describe('followedDaily', () => {
  const dated = (dates: string[]) => dates.map((date, i) => article(`d${i}`, date, [FERRY[0]!]));

  it('holds when most articles come within a few days of the one before', () => {
    expect(followedDaily(dated(['2025-05-01', '2025-05-02', '2025-05-02', '2025-05-05', '2025-05-20']))).toBe(true);
  });

  it('does not hold for articles months apart, nor for a single day', () => {
    expect(followedDaily(dated(['2024-01-10', '2024-03-02', '2024-03-04', '2024-09-30']))).toBe(false);
    expect(followedDaily(dated(['2025-05-01', '2025-05-01']))).toBe(false);
  });
});
