import { describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answers/answer-question.js';
import { readQuestion, scoreSentences } from '../../src/answers/score-sentences.js';
import { buildArticle } from '../../src/articles/article.js';
import { createIndexedCorpus, WITHOUT_ANALYSIS } from '../../src/corpus/indexed-corpus.js';

const QUESTION = 'Which gallery will lend the Viking sword?';

/** How the one sentence of an invented article holds the type the question asks for (`signals.typed`). */
function typedOf(sentence: string, question = QUESTION): number | undefined {
  const article = buildArticle(sentence, { title: 'Sword loan', date: '2025-06-02' }, 'sword');
  const { index } = createIndexedCorpus([article]);
  const [scored] = scoreSentences(readQuestion(question), index.search(question, { limit: 10 }), (id) =>
    index.wordsOf(id),
  );
  return scored?.signals.typed;
}

describe('a sentence naming the type a "which <type>" question asks for', () => {
  it('reads "<Name>, a … <type>," as naming one', () => {
    expect(
      typedOf(
        'Its director said on Monday that Kvale, a small regional seaside history gallery, will lend the Viking sword.',
      ),
    ).toBe(1);
  });

  it('does not read a place the sentence opens with as one ("In Bergen, the gallery will …")', () => {
    expect(typedOf('In Bergen, the gallery will lend a Viking sword to the winter exhibition, curators said.')).toBe(0);
  });

  it('counts a place of the type a place question asks for by half: places are written with their type', () => {
    expect(
      typedOf('Tromvik City will host the Viking sword show.', 'Which city will host the Viking sword show?'),
    ).toBe(0.5);
  });
});

describe('the type asked for, read from the question', () => {
  it.each([
    ['What is the name of the reservoir that dropped?', ['reservoir', 'drop']],
    ['What’s the name of a ferry that sank?', ['ferri', 'sank']],
    ['What drink will the café serve this winter?', ['drink']],
    ['Which gallery will lend the sword?', ['galleri', 'lend']],
  ])('%s', (question, typed) => {
    expect([...readQuestion(question).typed]).toEqual(typed);
  });

  it('reads none from a "what" question whose next word is a function word', () => {
    expect(readQuestion('What is the cost of the new bridge?').typed.size).toBe(0);
  });
});

describe('ranking a sentence that names a thing of the type asked', () => {
  const article = buildArticle(
    [
      'Farmers in the Danish valley watched their reservoir shrink, guides said.',
      'Measurements showed the Varden Reservoir dropped by four metres, its steepest fall on record.',
      'Farmers said the heat dried their pastures, and tourists stayed away from the closed hiking trails.',
    ].join('\n\n'),
    { title: 'Valley farms count the cost of a dry summer', date: '2025-06-02' },
    'reservoir',
  );
  const desk = createIndexedCorpus([article], { analyse: WITHOUT_ANALYSIS });

  it('puts the sentence naming the reservoir above the lead that only mentions one', () => {
    const answer = answerQuestion('What is the name of the reservoir that dropped fastest this summer?', desk);
    expect(answer.evidence[0]?.text).toContain('Varden Reservoir');
  });
});
