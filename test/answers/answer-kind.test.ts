import { describe, expect, it } from 'vitest';
import { answerCue, classifyQuestion } from '../../src/answers/answer-kind.js';
import { SentenceWords } from '../../src/answers/sentence-words.js';
import { tokenizeWords } from '../../src/search/query-terms.js';

describe('classifyQuestion', () => {
  it.each([
    ['When could the meeting happen?', 'time'],
    ['How many people attended?', 'number'],
    ['Who met Putin?', 'person'],
    ['Where will the summit be held?', 'place'],
    ['What did Rubio say?', 'statement'],
    ['Why was the meeting delayed?', 'reason'],
    ['Which airline grounded its jets?', 'name'],
    ['The pope hails from which US state?', 'place'],
    ['Which coastal city was evacuated?', 'place'],
    ['Is the war over?', 'other'],
  ])('reads %j as asking for a %s', (question, kind) => {
    expect(classifyQuestion(question)).toBe(kind);
  });
});

describe('answerCue', () => {
  const cue = (kind: Parameters<typeof answerCue>[0], sentence: string, question: string) =>
    answerCue(kind, new SentenceWords(sentence), new Set(tokenizeWords(question).map((w) => w.stem)));

  it('sees a date the question did not already give', () => {
    expect(cue('time', 'The meeting could happen within a week.', 'When is the meeting?')).toBe(1);
    expect(cue('time', 'The meeting is on Friday.', 'What happens at the meeting on Friday?')).toBe(0);
  });

  it('sees numbers only beyond the ones in the question', () => {
    expect(cue('number', 'The FAA grounded 171 Max 9 jets.', 'How many Max 9 jets were grounded?')).toBe(1);
    expect(cue('number', 'Max 9 jets were grounded.', 'How many Max 9 jets were grounded?')).toBe(0);
  });

  it('counts names the question does not mention', () => {
    expect(cue('person', 'Marco Rubio met Sergei Lavrov.', 'Who did Rubio meet?')).toBeGreaterThan(0);
    expect(cue('person', 'Rubio met them.', 'Who did Rubio meet?')).toBe(0);
  });

  it('sees a place for a where-question, not just any name', () => {
    expect(cue('place', 'The show was broadcast from New York City.', 'Where did the show take place?')).toBe(1);
    expect(cue('place', 'L Brands canceled the show in 2019.', 'Where did the show take place?')).toBe(0);
  });
});
