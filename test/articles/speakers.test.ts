import { describe, expect, it } from 'vitest';
import { buildArticle } from '../../src/articles/article.js';
import { extractEntities } from '../../src/articles/people.js';
import { extractQuotes, type Quote } from '../../src/articles/quotes.js';
import { quoteLine } from '../../src/citations.js';
import { createIndexedCorpus } from '../../src/corpus/indexed-corpus.js';
import { findQuotes } from '../../src/quotes/find-quotes.js';

function quotesOf(paragraphs: string[]): Quote[] {
  const article = buildArticle(paragraphs.join('\n\n'), {}, 'fixture');
  return extractQuotes(article, extractEntities(article));
}

function speakerOf(quotes: readonly Quote[], words: string): string | undefined {
  const quote = quotes.find((candidate) => candidate.text.includes(words));
  if (!quote) throw new Error(`no quote contains "${words}"`);
  return quote.speaker?.name;
}

describe('who said a quotation, read as a reader reads it', () => {
  it('sends "she added" after another person’s quotation back to the woman who spoke before', () => {
    const quotes = quotesOf([
      'Mayor Anna Berg said on Monday that the bridge would reopen in May.',
      '“We are on schedule,” she said.',
      '“That is not what the council was told,” said Mr. Reyes, who chairs its transport committee.',
      '“The crews are ready and the work is paid for,” she added.',
    ]);
    expect(speakerOf(quotes, 'We are on schedule')).toBe('Anna Berg');
    expect(speakerOf(quotes, 'That is not what')).toBe('Reyes');
    expect(speakerOf(quotes, 'The crews are ready')).toBe('Anna Berg');
  });

  it('keeps the speaker of a paragraph that only continues the quotation before it', () => {
    const quotes = quotesOf([
      'Treasurer Tom Reyes said the budget was tight, and Governor Paul Dunn agreed.',
      '“We can pay for one bridge, not two,” Reyes said.',
      '“The second one will have to wait until next year.”',
    ]);
    expect(speakerOf(quotes, 'The second one')).toBe('Tom Reyes');
  });

  it('gives a quotation standing alone under reported speech the speaker of that speech', () => {
    const quotes = quotesOf([
      'Governor Paul Dunn said the talks would focus on the budget and on the new ferry route.',
      'Quote: “We will meet every party in the council before the vote.”',
    ]);
    expect(speakerOf(quotes, 'We will meet every party')).toBe('Paul Dunn');
  });

  it('reads a quotation right after a sentence about someone, in the same paragraph, as their words', () => {
    const quotes = quotesOf([
      'The council met on Monday. Governor Paul Dunn defended the ferry budget. “Every island needs a boat that runs on time.”',
    ]);
    expect(speakerOf(quotes, 'Every island')).toBe('Paul Dunn');
  });

  it('reads “The <description> began …, saying” as a description, not a name', () => {
    const quotes = quotesOf([
      'The retired harbour pilot began by talking about the tides, saying the channel was “narrower every year.”',
    ]);
    expect(speakerOf(quotes, 'narrower every year')).toBe('The retired harbour pilot');
  });

  it('reads “elaborated” and “compared … to” as speech', () => {
    const quotes = quotesOf([
      'Mayor Anna Berg spoke at the harbour on Friday.',
      '“The way I see it,” she elaborated, “the ferry is the island’s road.”',
      'Governor Paul Dunn compared the plan to “building a bridge to nowhere.”',
    ]);
    expect(speakerOf(quotes, 'The way I see it')).toBe('Anna Berg');
    expect(speakerOf(quotes, 'building a bridge')).toBe('Paul Dunn');
  });

  it('finds the speaker after an apposition that holds a noun spelled like a cue (“the states”)', () => {
    const quotes = quotesOf([
      '“It is an overreach,” Lena Ortiz, the attorney general of one of the states suing the agency, said on Monday.',
    ]);
    expect(speakerOf(quotes, 'It is an overreach')).toBe('Lena Ortiz');
  });

  it('credits the teller of “X told Y”, not the person told', () => {
    const quotes = quotesOf([
      '“The talks went better than anyone expected,” Anna Berg told Tom Reyes on Tuesday.',
      'Governor Paul Dunn told Anna Berg: “We will sign the agreement next week.”',
    ]);
    expect(speakerOf(quotes, 'The talks went')).toBe('Anna Berg');
    expect(speakerOf(quotes, 'We will sign')).toBe('Paul Dunn');
  });

  it('does not credit a quotation to a name that is only the object of the sentence', () => {
    const quotes = quotesOf([
      'Governor Paul Dunn said on Friday that the plant would stay open.',
      'Following a late call with union leader Tom Reyes, he said the deal was “the best we could get.”',
    ]);
    expect(speakerOf(quotes, 'the best we could get')).toBe('Paul Dunn');
  });

  it('does not take a name inside someone else’s quotation for the speaker of "he said"', () => {
    const quotes = quotesOf([
      'The deal is close, city aide Mark Olsen said on Thursday.',
      '“Governor Paul Dunn will sign it next week, and Mayor Tom Reyes will join him,” he said.',
    ]);
    expect(speakerOf(quotes, 'will sign it next week')).toBe('Mark Olsen');
  });

  it('reads a role description as the person the article gives that role', () => {
    const quotes = quotesOf([
      'Finnish Prime Minister Aino Lehto met the governor of the province on Monday to discuss a new ferry route.',
      '“These are decisive days for the region,” the Finnish prime minister said.',
    ]);
    expect(speakerOf(quotes, 'These are decisive days')).toBe('Aino Lehto');
  });

  it('credits a quotation inside a sentence with no speech verb to the sentence’s subject', () => {
    const quotes = quotesOf([
      'The council voted on the new ferry route on Monday.',
      'Mayor Lena Hart thanked the council for “listening to the people on the islands at last.”',
    ]);
    expect(speakerOf(quotes, 'listening to the people')).toBe('Lena Hart');
  });

  it('does not take a capitalised word opening the sentence for the speaker of a quotation with no cue', () => {
    const quotes = quotesOf([
      'Mayor Lena Hart opened the ferry terminal on Monday.',
      'Indeed, the islands have waited decades for what locals call “the long way round to the mainland.”',
    ]);
    expect(speakerOf(quotes, 'the long way round')).not.toBe('Indeed');
  });

  it('does not take the object of a preposition before the verb for the speaker (“at the time said”)', () => {
    const quotes = quotesOf([
      'Mayor Lena Hart backed the ferry plan on Monday.',
      'Hart at the time said the route was “the only way to keep the islands alive.”',
    ]);
    expect(speakerOf(quotes, 'the only way to keep')).toBe('Lena Hart');
  });

  it('ends a described speaker before an adverb (“the mayor also said”)', () => {
    const quotes = quotesOf([
      'At a press conference on the pier, the mayor also said there was “no reason yet to close the harbour.”',
    ]);
    expect(speakerOf(quotes, 'no reason yet')).toBe('the mayor');
  });

  it('does not take the place marched through for the speaker (“marching through the streets chanted”)', () => {
    const quotes = quotesOf(['Fishermen marching through the streets chanted “Keep the harbour open!” until dawn.']);
    expect(speakerOf(quotes, 'Keep the harbour open')).not.toBe('the streets');
  });

  it('skips an opening participle phrase to find the subject a “calling” hangs from', () => {
    const quotes = quotesOf([
      'Mayor Lena Hart and Tom Reyes spoke on Monday.',
      'Following a late meeting with Tom Reyes, Hart took aim at the ferry company, calling its timetable “a disgrace to the islands.”',
    ]);
    expect(speakerOf(quotes, 'a disgrace to the islands')).toBe('Lena Hart');
  });

  it('gives a quotation after a sentence whose subject is “she” to the woman she refers to', () => {
    const quotes = quotesOf([
      'Mayor Lena Hart spoke after the vote.',
      'In reply to the ferry company, she said the council had done its best. “We will not give up on the islands.”',
    ]);
    expect(speakerOf(quotes, 'We will not give up')).toBe('Lena Hart');
  });

  it('reads “one senior Democrat said” as a described speaker', () => {
    const quotes = quotesOf(['“The campaign has been slow to answer,” one senior Democrat said.']);
    expect(speakerOf(quotes, 'slow to answer')).toBe('one senior Democrat');
  });

  it('credits the asker, not the person asked, in “X was asked by Y”', () => {
    const quotes = quotesOf([
      'Mayor Lena Hart went on the radio on Monday.',
      'Hart was asked by host Tom Reyes, “Will the ferry run in winter?”',
    ]);
    expect(speakerOf(quotes, 'Will the ferry run')).toBe('Tom Reyes');
  });

  it('gives a quotation followed by “, telling …” to the subject of its own clause', () => {
    const quotes = quotesOf([
      'Ferry captain Tom Reyes said the boats were “late again today.” Mayor Lena Hart did not want to discuss “that company’s timetable,” telling reporters the council was busy.',
    ]);
    expect(speakerOf(quotes, 'that company’s timetable')).toBe('Lena Hart');
  });

  it('gives a quotation alone in its paragraph to the subject of the paragraph before, when no one speaks there', () => {
    const quotes = quotesOf([
      'The ferry route opens in May.',
      'Mayor Lena Hart is hopeful about the summer season.',
      '“We expect twice as many visitors as last year.”',
    ]);
    expect(speakerOf(quotes, 'twice as many visitors')).toBe('Lena Hart');
  });

  it('shows a quotation whose speaker the article leaves unclear as unattributed', () => {
    const { corpus, index } = createIndexedCorpus([
      buildArticle(
        'The vote was postponed again.\n\n“We were never told why,” he said.',
        { date: '2025-01-02' },
        'a.txt',
      ),
    ]);
    try {
      const [result] = findQuotes(corpus, {});
      expect(result?.quote.speaker).toBeNull();
      expect(quoteLine(result!.quote)).toContain('unattributed');
    } finally {
      index.close();
    }
  });

  it('credits a party title before a name after the cue ("said Democratic pollster …")', () => {
    const quotes = quotesOf([
      'The ferry vote is close, and both sides know it.',
      '“Nobody on the islands wants to wait another year,” said Democratic pollster Mara Quill.',
      '“It just was never going to be easy,” said former secretary of state Ivo Brandt.',
    ]);
    expect(speakerOf(quotes, 'Nobody on the islands')).toBe('Mara Quill');
    expect(speakerOf(quotes, 'never going to be easy')).toBe('Ivo Brandt');
  });

  it('credits ", said X" after a quotation whose sentence runs on', () => {
    const quotes = quotesOf([
      'Governor Paul Dunn has championed the ferry for years.',
      'The budget makes the route “a question of when, not if” for the northern islands, said harbour master Ada Lind.',
    ]);
    expect(speakerOf(quotes, 'a question of when')).toBe('Ada Lind');
  });

  it('takes a capitalised name ending in "-ly" for a name, not an adverb ("said Skelly")', () => {
    const quotes = quotesOf([
      'Bill Skelly, a longtime harbour engineer, vouched for the plan.',
      '“Having two crews on the route is valuable,” said Skelly, explaining the rota.',
    ]);
    expect(speakerOf(quotes, 'Having two crews')).toBe('Bill Skelly');
  });

  it('credits the name in apposition to a description ("her adviser, Jake Holm, said")', () => {
    const quotes = quotesOf([
      'Mayor Anna Berg did not speak at the hearing.',
      'In a statement to the Coastal Herald, her senior policy adviser, Jake Holm, said: “The mayor backs the route.”',
    ]);
    expect(speakerOf(quotes, 'The mayor backs the route')).toBe('Jake Holm');
  });

  it('credits the name right before a participle ("footage of X asking, “…”")', () => {
    const quotes = quotesOf([
      'Governor Paul Dunn is running again. The new ad uses footage of Anna Berg asking, “Why is the ferry always late?”',
    ]);
    expect(speakerOf(quotes, 'Why is the ferry')).toBe('Anna Berg');
  });

  it('gives a quotation inside a sentence of its own the subject of that sentence, not the last speaker', () => {
    const quotes = quotesOf([
      '“The route pays for itself,” Governor Paul Dunn said. Senator Ada Lind has since called the plan “a ferry to nowhere.”',
    ]);
    expect(speakerOf(quotes, 'The route pays')).toBe('Paul Dunn');
    expect(speakerOf(quotes, 'a ferry to nowhere')).toBe('Ada Lind');
  });

  it('gives a paragraph of quotation after a scare quote the subject of the paragraph before', () => {
    const quotes = quotesOf([
      'What “go ahead” means is anyone’s guess, since Governor Paul Dunn spoke only in generalities.',
      '“We have to do something about the ferry before winter.”',
    ]);
    expect(speakerOf(quotes, 'We have to do something')).toBe('Paul Dunn');
  });

  it('credits the sender of "a message to X: “…”", not X', () => {
    const quotes = quotesOf(['Mayor Anna Berg delivered a blunt message to Governor Paul Dunn: “Fund the ferry now.”']);
    expect(speakerOf(quotes, 'Fund the ferry now')).toBe('Anna Berg');
  });

  it('reads two titles joined by "and" as one described speaker', () => {
    const quotes = quotesOf([
      'Ada Lind spoke first.',
      '“The ferry must run all winter,” the island senator and ferry board candidate told the Coastal Herald.',
    ]);
    const quote = quotes.find((candidate) => candidate.text.includes('The ferry must run'));
    expect(quote?.speaker?.mention?.text).toBe('the island senator and ferry board candidate');
  });

  it('reads "as X put it" as an attribution, before or after the quotation', () => {
    const quotes = quotesOf([
      'The ferry was late again. As the Coastal Herald put it, “The boat is a rumour.”',
      'The route is “a question of when, not if,” as harbour master Ada Lind put it.',
    ]);
    expect(speakerOf(quotes, 'The boat is a rumour')).toBe('Coastal Herald');
    expect(speakerOf(quotes, 'a question of when')).toBe('Ada Lind');
  });

  it('reads "the statement read" and "mused X" as attributions', () => {
    const quotes = quotesOf([
      'The harbour board released a statement on Monday.',
      '“The ferry will run all winter,” the statement read.',
      '“Imagine a winter without a boat,” mused radio host Ivo Brandt.',
    ]);
    expect(speakerOf(quotes, 'The ferry will run')).toBe('the statement');
    expect(speakerOf(quotes, 'Imagine a winter')).toBe('Ivo Brandt');
  });
});
