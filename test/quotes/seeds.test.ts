import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyseArticle } from '../../src/articles/analysis.js';
import { loadArticles } from '../../src/articles/load-articles.js';
import { Corpus } from '../../src/corpus/corpus.js';
import { findPerson, listPeople } from '../../src/people/directory.js';
import { findQuotes } from '../../src/quotes/find-quotes.js';

const SEEDS = fileURLToPath(new URL('../../seeds', import.meta.url));

async function seedCorpus(): Promise<Corpus> {
  const { articles } = await loadArticles(SEEDS);
  const corpus = new Corpus(analyseArticle);
  corpus.add(articles);
  return corpus;
}

describe('quotes and people over the real seeds folder', () => {
  it('returns only verbatim quotes, each from the article it cites', async () => {
    const corpus = await seedCorpus();
    for (const result of findQuotes(corpus, { limit: 100 })) {
      expect(result.article.text.slice(result.quote.start, result.quote.end)).toBe(result.quote.text);
      expect(result.quote.articleId).toBe(result.article.id);
    }
  });

  it('finds every quoted speaker again by their own name', async () => {
    const corpus = await seedCorpus();
    for (const result of findQuotes(corpus, { limit: 100 })) {
      const speaker = result.quote.speaker?.name;
      if (!speaker || !/^\p{Lu}/u.test(speaker)) continue;
      expect(findQuotes(corpus, { speaker, limit: 100 }).map((found) => found.quote.id)).toContain(result.quote.id);
    }
  });

  it('lists people with unique ids, each findable by name', async () => {
    const corpus = await seedCorpus();
    const people = listPeople(corpus, { limit: 1000 });
    expect(new Set(people.map((person) => person.id)).size).toBe(people.length);
    for (const person of people) expect(findPerson(corpus, person.name)?.id).toBe(person.id);
  });
});
