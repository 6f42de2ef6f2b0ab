import { describe, expect, it } from 'vitest';
import { buildArticle } from '../../src/articles/article.js';
import { rankingsOf } from '../../src/summaries/corpus-rankings.js';
import { storyArticles, storyCorpus } from './fixtures.js';

describe('rankingsOf', () => {
  it('after articles come and go, weighs candidates as for a corpus that always held the ones left', () => {
    const articles = storyArticles();
    const changed = storyCorpus(articles.slice(0, 3));
    const rankings = rankingsOf(changed);
    rankings.refresh();
    for (const article of changed.articles()) rankings.candidatesOf(article, 5);
    changed.remove([articles[0]!.id]);
    changed.add(articles.slice(3));
    rankings.refresh();
    const fresh = rankingsOf(storyCorpus(articles.slice(1)));
    fresh.refresh();
    // Each dictionary numbers terms in the order it met them, so weights are compared as sets.
    const read = (of: typeof fresh, article: (typeof articles)[number]) =>
      of.candidatesOf(article, 5).map(({ sentence, vector }) => ({
        sentence,
        weights: [...vector.weights].sort().map((weight) => weight.toFixed(12)),
      }));
    for (const article of articles.slice(1)) {
      expect(read(rankings, article)).toEqual(read(fresh, article));
      expect(rankings.eligibleCount(article)).toBe(fresh.eligibleCount(article));
    }
  });

  it('weighs candidates as a fresh corpus would after a change it was not told of (an earlier listener threw)', () => {
    const articles = storyArticles();
    const corpus = storyCorpus(articles.slice(0, 3));
    let failing = true;
    corpus.onChange(() => {
      if (!failing) return;
      failing = false;
      throw new Error('index busy');
    });
    const rankings = rankingsOf(corpus);
    rankings.refresh();
    expect(() => corpus.add(articles.slice(3))).toThrow('index busy');
    rankings.refresh();
    const fresh = rankingsOf(storyCorpus(articles));
    fresh.refresh();
    const read = (of: typeof fresh, article: (typeof articles)[number]) =>
      of.candidatesOf(article, 5).map(({ sentence, vector }) => ({
        sentence,
        weights: [...vector.weights].sort().map((weight) => weight.toFixed(12)),
      }));
    for (const article of articles) expect(read(rankings, article)).toEqual(read(fresh, article));
  });

  it("puts forward an article's best sentences first, each with its offsets and its terms", () => {
    const [article] = storyArticles();
    const rankings = rankingsOf(storyCorpus([article!]));
    rankings.refresh();
    const best = rankings.bestOf(article!, 3);
    expect(best.length).toBeGreaterThan(0);
    for (let k = 1; k < best.length; k++) expect(best[k - 1]!.score).toBeGreaterThanOrEqual(best[k]!.score);
    for (const sentence of best) {
      expect(article!.text.slice(sentence.start, sentence.end)).toBe(article!.sentences[sentence.index]!.text);
      expect(rankings.termsOf(article!, sentence.index).length).toBeGreaterThan(0);
    }
    expect(rankings.termsOf(article!, article!.sentences.length + 5)).toHaveLength(0);
  });

  it("gives each candidate's distinct term ids, kept or not, as its vector has them", () => {
    // An article with more eligible sentences than are kept per article.
    const long = buildArticle(
      [
        'The ferry company said on Tuesday that its new harbour terminal would open in the spring.',
        'Work on the terminal began two years ago and has cost more than the company planned.',
        'Passengers have waited in temporary cabins on the quay since the old building was pulled down.',
        'The company said the new hall would seat four hundred passengers and hold a small café.',
        'Local fishermen complained that the building works had blocked their usual moorings.',
        'The harbour master said the moorings would be restored before the summer season.',
        'A second ferry route to the northern islands is planned for the following year.',
      ].join('\n\n'),
      { date: '2025-04-02', source: 'Coast Post' },
      'ferry-terminal.txt',
    );
    const articles = [...storyArticles(), long];
    const rankings = rankingsOf(storyCorpus(articles));
    rankings.refresh();
    expect(rankings.eligibleCount(long)).toBeGreaterThan(5);
    for (const article of articles) {
      const candidates = rankings.candidatesOf(article, Number.POSITIVE_INFINITY);
      const { count, ints, startsAt } = rankings.bestTermsOf(article, Number.POSITIVE_INFINITY);
      expect(count).toBe(candidates.length);
      candidates.forEach((candidate, k) => {
        const distinct = [...new Set(candidate.terms)].sort((a, b) => a - b);
        expect([...candidate.ids]).toEqual(distinct);
        expect([...candidate.vector.ids]).toEqual(distinct);
        expect([...ints.subarray(ints[startsAt + k]!, ints[startsAt + k + 1]!)]).toEqual(distinct);
      });
    }
  });
});
