import { describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answers/answer-question.js';
import { readQuestion, scoreSentences } from '../../src/answers/score-sentences.js';
import { buildArticle } from '../../src/articles/article.js';
import { createIndexedCorpus, WITHOUT_ANALYSIS } from '../../src/corpus/indexed-corpus.js';

const article = buildArticle(
  [
    'The rowing federation named the Iceland rowers and their coaches this week for the autumn regatta.',
    'The regatta will be held on the lake at Tromvik, with the first heats at dawn.',
    'The crews have trained together since the spring, and several of them raced as juniors.',
    'Coaches praised the squad for its speed at the start and its calm in rough water.',
  ].join('\n\n'),
  { title: 'Iceland crews picked for the autumn regatta', date: '2025-09-01' },
  'regatta',
);
const desk = createIndexedCorpus([article], { analyse: WITHOUT_ANALYSIS });

/** The lead signal of the article's sentence holding `word`, ranked for `question`. */
function leadOf(question: string, word: string): number | undefined {
  const scored = scoreSentences(readQuestion(question), desk.index.search(question, { limit: 10 }), (id) =>
    desk.index.wordsOf(id),
  );
  return scored.find((s) => s.hit.text.includes(word))?.signals.lead;
}

describe('the article prior for a where-question', () => {
  it('puts the sentence saying where the event is held above a lead naming a place only as a modifier', () => {
    const answer = answerQuestion('Where will the autumn regatta be held?', desk);
    expect(answer.evidence[0]?.text).toContain('Tromvik');
  });

  it('halves the lead of a sentence whose only place is a modifier for "where", not for "which country"', () => {
    const where = leadOf('Where will the autumn regatta be held?', 'Iceland');
    const which = leadOf('Which country will host the autumn regatta?', 'Iceland');
    expect(where).toBeCloseTo(which! / 2);
  });
});
