import { describe, expect, it } from 'vitest';
import { buildArticle } from '../../src/articles/article.js';
import { ArticleWords } from '../../src/search/article-words.js';

const article = buildArticle(
  'Ukraine asked for air defence.\n\nUkrainian officials said the talks would resume. The talks ended late.',
  { title: 'Kyiv presses for air defence' },
  'defence',
);

describe('ArticleWords', () => {
  const words = new ArticleWords(article);

  it('counts the sentences using each stem, not its occurrences', () => {
    expect(words.spread[words.numberOf('talk')]).toBe(2);
    expect(words.spread[words.numberOf('ukrain')]).toBe(1);
  });

  it('knows the headline stems, including ones no sentence uses', () => {
    expect(words.inTitle(words.numberOf('kyiv'))).toBe(true);
    expect(words.spread[words.numberOf('kyiv')]).toBe(0);
    expect(words.inTitle(words.numberOf('talk'))).toBe(false);
  });

  it('finds stems by prefix', () => {
    expect(words.numbersStartingWith('ukrain').map((n) => words.stems[n])).toEqual(['ukrain', 'ukrainian']);
    expect(words.numberOf('moscow')).toBe(-1);
  });

  it('tells which sentences use a stem', () => {
    const talk = [words.numberOf('talk')];
    expect([0, 1, 2].map((sentence) => words.sentenceUses(sentence, talk))).toEqual([false, true, true]);
  });

  it('knows the first sentence using each stem', () => {
    expect(words.firstUse[words.numberOf('talk')]).toBe(1);
    expect(words.firstUse[words.numberOf('ukrain')]).toBe(0);
    expect(words.firstUse[words.numberOf('kyiv')]).toBe(words.sentenceCount);
  });

  it('counts the sentences using a word as a name, not as a common word or a sentence opener', () => {
    const brand = new ArticleWords(
      buildArticle(
        'Brands grew. The brand said L Brands would sell.\n\nThe brand was sold to Acme Brands.',
        { title: 'Sale' },
        'brand',
      ),
    );
    const n = brand.numberOf('brand');
    expect(brand.spread[n]).toBe(3);
    expect(brand.nameSpread[n]).toBe(2);
  });

  it('does not count a capitalised headline as using its words as names', () => {
    const storm = new ArticleWords(
      buildArticle(
        'The storm hit the coast on Monday. Homes on the coast were flooded by the storm.',
        { title: 'Storm Hits Coast' },
        'storm',
      ),
    );
    for (const stem of ['storm', 'hit', 'coast']) {
      const n = storm.numberOf(stem);
      expect(n).toBeGreaterThanOrEqual(0);
      expect(storm.inTitle(n)).toBe(true);
      expect(storm.nameSpread[n]).toBe(0);
    }
  });

  it('tells two words written side by side from the same words apart in one sentence', () => {
    const roofs = new ArticleWords(
      buildArticle(
        'The sun shone on the roof of the plant.\n\nCars with faulty sun roofs were called back.',
        { title: 'Carmaker recall' },
        'roofs',
      ),
    );
    const sun = roofs.numberOf('sun');
    const roof = roofs.numberOf('roof');
    expect(roofs.writesInOrder(0, sun, roof)).toBe(false);
    expect(roofs.writesInOrder(1, sun, roof)).toBe(true);
    expect(roofs.writesInOrder(1, roof, sun)).toBe(false);
  });

  it('keeps sentence positions past what two bytes hold whole, for a very long article', () => {
    // 7,000 sentences of eleven distinct stems: their positions run past what two bytes hold.
    const sentences = Array.from(
      { length: 7_000 },
      (_, i) => `Crew ${i} loaded cargo onto barges near the old northern quay.`,
    );
    const long = new ArticleWords(buildArticle(sentences.join(' '), { title: 'Long log' }, 'long'));
    expect(long.sentenceCount).toBe(7_000);
    expect(long.spread[long.numberOf('cargo')]).toBe(7_000);
    expect(long.firstUse[long.numberOf('barg')]).toBe(0);
    expect(long.sentenceUses(6_999, [long.numberOf('6999')])).toBe(true);
    expect(long.sentenceUses(6_999, [long.numberOf('6998')])).toBe(false);
  });
});
