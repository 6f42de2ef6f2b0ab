import { describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answers/answer-question.js';
import { buildArticle } from '../../src/articles/article.js';
import { createIndexedCorpus, WITHOUT_ANALYSIS } from '../../src/corpus/indexed-corpus.js';

const planned = buildArticle(
  [
    'Fishing ministers of Norway and Iceland plan to meet to settle the mackerel quota dispute in Bergen harbour.',
    'A ministry spokeswoman did not say when or where the ministers would meet, but an aide said the talks could start by the end of the month.',
    'The quota has been disputed for three seasons, and boats from both countries have been turned away.',
  ].join('\n\n'),
  { title: 'Ministers plan talks on the mackerel quota', date: '2025-03-02' },
  'planned',
);
const held = buildArticle(
  [
    'The fishing ministers of Norway and Iceland met in Tromsø on Thursday to settle the mackerel quota dispute.',
    'They agreed to share the quota for two more seasons.',
  ].join('\n\n'),
  { title: 'Ministers meet on the mackerel quota', date: '2025-03-14' },
  'held',
);

const ask = (question: string, articles = [planned]) =>
  answerQuestion(question, createIndexedCorpus(articles, { analyse: WITHOUT_ANALYSIS }));

describe('a sentence saying the place or time asked was not given', () => {
  it('answers a where-question with "the articles don\'t say", that sentence first', () => {
    const answer = ask('Where will the fishing ministers meet?');
    expect(answer.status).toBe('not_found');
    expect(answer.closest[0]?.text).toMatch(/^A ministry spokeswoman did not say when or where/);
  });

  it('still answers a when-question from the same sentence when it gives a time after all', () => {
    const answer = ask('When will the fishing ministers meet?');
    expect(answer.status).toBe('answered');
    expect(answer.evidence[0]?.text).toMatch(/by the end of the month/);
  });

  it('gives way to a later article that names the place', () => {
    const answer = ask('Where did the fishing ministers meet?', [planned, held]);
    expect(answer.status).toBe('answered');
    expect(answer.evidence[0]?.text).toMatch(/met in Tromsø/);
  });
});
