import { describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answers/answer-question.js';
import { buildArticle } from '../../src/articles/article.js';
import { createIndexedCorpus, WITHOUT_ANALYSIS } from '../../src/corpus/indexed-corpus.js';

const article = buildArticle(
  [
    'Voters on the island of Skarvøy chose a new harbour master on Sunday.',
    'With 90% of ballots counted, Ingrid Vold had 57.3% of the vote, the island council said.',
    'The council also raised the harbour fee from 40 to 55 kroner a night.',
    'In 2024 the island ordered 6 Varde K3 ferries, and the first arrives on May 20.',
    'Its football side beat the mainland visitors 3\u20132 on Saturday, with 400 fans watching.',
  ].join('\n\n'),
  { title: 'Skarvøy elects a harbour master', date: '2025-05-04' },
  'harbour',
);
const desk = createIndexedCorpus([article], { analyse: WITHOUT_ANALYSIS });

describe('the short answer to a question asking for a number', () => {
  it('is the share followed by what the question asks about, not the first share written', () => {
    expect(answerQuestion('With what percentage of the vote did Ingrid Vold win?', desk).short).toBe('57.3%');
  });

  it('runs on to what a "how many" question counts, past the names that say which', () => {
    expect(answerQuestion('How many ferries did the island order?', desk).short).toBe('6 Varde K3 ferries');
  });

  it('is the two tallies of a score for a "final score" question', () => {
    expect(
      answerQuestion('What was the final score of the football match against the mainland visitors?', desk).short,
    ).toBe('3\u20132');
  });

  it('is the number after "to" for a "raised … to what?" question', () => {
    expect(answerQuestion('The island council raised the harbour fee to what?', desk).short).toBe('55 kroner');
  });
});
