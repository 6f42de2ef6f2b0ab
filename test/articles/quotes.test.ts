import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildArticle } from '../../src/articles/article.js';
import { extractEntities } from '../../src/articles/people.js';
import { extractQuotes, type Quote } from '../../src/articles/quotes.js';
import type { Article } from '../../src/articles/types.js';

const SEED = join(import.meta.dirname, '../../seeds/000_fd3e603a94f0e4d4.txt');

/** The seed file opens with `date YYYY-MM-DD`; the article body is the rest. */
function seedArticle(): Article {
  const raw = readFileSync(SEED, 'utf8').replace(/^\s*date\s+\S+\s*/, '');
  return buildArticle(raw, { date: '2025-08-06' }, 'seed');
}

function quotesOf(text: string): Quote[] {
  const article = buildArticle(text, {}, 'fixture');
  return extractQuotes(article, extractEntities(article));
}

function find(quotes: readonly Quote[], words: string): Quote {
  const quote = quotes.find((candidate) => candidate.text.includes(words));
  if (!quote) throw new Error(`no quote contains "${words}"`);
  return quote;
}

describe('extractQuotes on the seed article', () => {
  const article = seedArticle();
  const quotes = extractQuotes(article, extractEntities(article));

  it('gives every quote a span that slices exactly its text from the article', () => {
    expect(quotes.length).toBeGreaterThan(4);
    for (const quote of quotes) expect(article.text.slice(quote.start, quote.end)).toBe(quote.text);
  });

  it('attributes the Russians quote to Karoline Leavitt, White House Press Secretary', () => {
    const quote = find(quotes, 'The Russians expressed their desire');
    expect(quote.speaker?.name).toBe('Karoline Leavitt');
    expect(quote.speaker?.role).toBe('White House Press Secretary');
    expect(quote.speaker?.mention?.text).toBe('Leavitt');
    expect(quote.cue).toBe('told');
    expect(quote.partial).toBe(false);
  });

  it('follows "he added" back to Trump, who spoke in the post before it', () => {
    const quote = find(quotes, 'Afterwards, I updated');
    expect(quote.speaker?.name).toBe('Donald Trump');
    expect(quote.speaker?.mention?.text).toBe('he');
    expect(quote.cue).toBe('added');
  });

  it('attributes the concrete-examples quote to Marco Rubio, Secretary of State', () => {
    const quote = find(quotes, 'For the first time perhaps');
    expect(quote.speaker?.name).toBe('Marco Rubio');
    expect(quote.speaker?.role).toBe('Secretary of State');
  });

  it('finds the partial quotes from Trump’s post', () => {
    for (const words of ['highly productive', 'great progress was made!']) {
      const quote = find(quotes, words);
      expect(quote.partial).toBe(true);
      expect(quote.speaker?.name).toBe('Donald Trump');
      expect(quote.cue).toBe('said');
    }
  });

  it('reads "He" after a sentence about "The US president" as Trump, not the last person quoted', () => {
    expect(find(quotes, 'day one').speaker?.name).toBe('Donald Trump');
  });

  it('does not take the programme name “Kudlow” for a quote', () => {
    expect(quotes.some((quote) => quote.text.includes('Kudlow'))).toBe(false);
  });

  it('reads the single-quoted words in the standfirst as a quote', () => {
    const quote = find(quotes, 'desire to meet with President Trump');
    expect(quote.partial).toBe(true);
    expect(quote.cue).toBe('says');
  });

  it('gives the same ids on every run, derived from the article id and offsets', () => {
    const again = extractQuotes(article, extractEntities(article));
    expect(again.map((quote) => quote.id)).toEqual(quotes.map((quote) => quote.id));
    for (const quote of quotes) {
      expect(quote.articleId).toBe(article.id);
      expect(quote.id).toContain(article.id);
    }
    expect(new Set(quotes.map((quote) => quote.id)).size).toBe(quotes.length);
  });

  it('records the sentence each quote starts in', () => {
    for (const quote of quotes) {
      const sentence = article.sentences[quote.sentence]!;
      expect(sentence.start).toBeLessThanOrEqual(quote.start);
      expect(sentence.end).toBeGreaterThan(quote.start);
    }
  });
});

describe('extractQuotes attribution patterns', () => {
  it('reads "said X, the role" after the quote', () => {
    const [quote] = quotesOf('“We are ready for the storm,” said Anna Berg, the city’s emergency director.');
    expect(quote?.speaker?.name).toBe('Anna Berg');
    expect(quote?.speaker?.role).toBe('city’s emergency director');
    expect(quote?.cue).toBe('said');
  });

  it('reads "according to X"', () => {
    const [quote] = quotesOf('The budget plan is “dead on arrival,” according to Senator Tom Reed.');
    expect(quote?.speaker?.name).toBe('Tom Reed');
    expect(quote?.cue).toBe('according to');
    expect(quote?.partial).toBe(true);
  });

  it('takes the speaker from a lead-in paragraph ending in a colon', () => {
    const quotes = quotesOf(
      'Mayor Lena Ortiz spoke after the vote.\n\nOrtiz said:\n\n“We will publish the figures next week.”',
    );
    expect(quotes).toHaveLength(1);
    expect(quotes[0]?.speaker?.name).toBe('Lena Ortiz');
    expect(quotes[0]?.speaker?.role).toBe('Mayor');
  });

  it('carries a quotation over a paragraph break when the next paragraph reopens it', () => {
    const quotes = quotesOf(
      'Mayor Lena Ortiz spoke on Monday.\n\n“The bridge will reopen in May.\n\n“Until then, buses will run every ten minutes,” Ortiz said.',
    );
    expect(quotes).toHaveLength(2);
    expect(quotes[0]?.text).toBe('The bridge will reopen in May.');
    expect(quotes[1]?.continues).toBe(quotes[0]?.id);
    for (const quote of quotes) expect(quote.speaker?.name).toBe('Lena Ortiz');
  });

  it('lets an organisation speak', () => {
    const [quote] = quotesOf('The Daily Courier reports that the council moved to “keep the costs under wraps.”');
    expect(quote?.speaker?.name).toMatch(/Daily Courier/);
    expect(quote?.cue).toBe('reports');
  });

  it('gives a second quote in the same paragraph the speaker of the first', () => {
    const quotes = quotesOf('“We lost the vote,” Ortiz said. “We will try again in the spring.”');
    expect(quotes.map((quote) => quote.speaker?.name)).toEqual(['Ortiz', 'Ortiz']);
  });

  it('resolves "she" to the person named at the start of the sentence', () => {
    const text =
      'Tom Reed opened the meeting. Lena Ortiz says she regrets what she calls “a rushed decision by the board.”';
    const [quote] = quotesOf(text);
    expect(quote?.speaker?.name).toBe('Lena Ortiz');
    expect(quote?.speaker?.mention?.text).toBe('she');
  });

  it('reads straight double quotes', () => {
    const [quote] = quotesOf('"The trains will run on time," the minister said on Friday.');
    expect(quote?.text).toBe('The trains will run on time');
    expect(quote?.speaker?.name).toBe('the minister');
  });
});

describe('extractQuotes non-quotes', () => {
  it('ignores apostrophes in possessives and contractions', () => {
    expect(quotesOf('Ortiz’s team said the workers’ union won’t strike.')).toEqual([]);
  });

  it('ignores one or two scare-quoted words that nobody is said to have said', () => {
    expect(quotesOf('The so-called “bridge tax” was dropped last year.')).toEqual([]);
  });

  it('ignores programme titles after a possessive or a title noun', () => {
    expect(quotesOf('Ortiz appeared on CBS’s “Face the Nation” on Sunday.')).toEqual([]);
    expect(quotesOf('The campaign released an ad titled “Arrogant” on Tuesday.')).toEqual([]);
  });

  it('keeps a short quote when a speaker is named with a cue', () => {
    const [quote] = quotesOf('Ortiz called the plan “reckless.”');
    expect(quote?.text).toBe('reckless.');
    expect(quote?.speaker?.name).toBe('Ortiz');
  });
});
