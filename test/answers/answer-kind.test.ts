import { describe, expect, it } from 'vitest';
import { answerCue, classifyQuestion, measureCue, readMeasure } from '../../src/answers/answer-kind.js';
import { SentenceWords } from '../../src/answers/sentence-words.js';
import { tokenizeWords } from '../../src/text/tokens.js';

describe('classifyQuestion', () => {
  it.each([
    ['When could the meeting happen?', 'time'],
    ['How many people attended?', 'number'],
    ['Who met Putin?', 'person'],
    ['Where will the summit be held?', 'place'],
    ['What did Rubio say?', 'statement'],
    ['Why was the meeting delayed?', 'reason'],
    ['Which airline grounded its jets?', 'name'],
    ['The beekeeper hails from which US state?', 'place'],
    ['Which coastal city was evacuated?', 'place'],
    ['Is the war over?', 'other'],
    ['What is the monthly cost of the new ferry ticket?', 'number'],
    ['What were the ticket prices for the new ferry?', 'number'],
    ['How old is the new ferry captain?', 'number'],
    ['The captain celebrated which birthday on board?', 'number'],
    ['The operator cut the crossing time to what?', 'number'],
    ['The council changed the speed limit on the fjord to what?', 'number'],
    ['The operator renamed the ferry to what?', 'other'],
    ['The ferry line raised the fare to what level?', 'number'],
    ['Who led the raid, and to what group did he belong?', 'person'],
    ['Why did the rate rise, according to what the bank said?', 'reason'],
    ['The council cut the budget to what extent?', 'other'],
    ['How old was Halvorsen when he retired?', 'number'],
    ['How many ferries sailed when the strike ended?', 'number'],
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

  it('counts a place written as a location in full and one written as a modifier in part', () => {
    expect(cue('place', 'The ferry ran aground in Estonia.', 'Where did the ferry run aground?')).toBe(1);
    expect(cue('place', 'Estonia said the ferry ran aground.', 'Where did the ferry run aground?')).toBe(1);
    const modifier = cue(
      'place',
      'The ferry ran aground, its Vermont owners said.',
      'Where did the ferry run aground?',
    );
    expect(modifier).toBeGreaterThan(0);
    expect(modifier).toBeLessThan(1);
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

describe('readMeasure', () => {
  it('reads what a how-many question counts, without the names and numbers that say which', () => {
    expect(readMeasure('How many Max 9 jets were grounded?')?.counted).toEqual(new Set(['jet']));
    expect(readMeasure('The trial was heard by a panel of how many jurors?')?.counted).toEqual(new Set(['juror']));
  });

  it('reads how much as an amount and what percentage as a share', () => {
    expect(readMeasure('How much was the company fined?')).toMatchObject({ money: true, share: true });
    expect(readMeasure('What is the monthly cost of the new ferry ticket?')).toMatchObject({ money: true });
    expect(readMeasure('With what percentage of the vote did she win?')).toMatchObject({ money: false, share: true });
  });

  it('reads an age question, and a changed age, as asking for an age', () => {
    expect(readMeasure('How old is the ferry captain?')).toMatchObject({ age: true, changedTo: false });
    expect(readMeasure('The chess club cut the voting age to what?')).toMatchObject({
      age: true,
      changedTo: true,
    });
    expect(readMeasure('The operator raised the fare to what?')).toMatchObject({ age: false, changedTo: true });
    expect(readMeasure('Why did the rate rise, according to what the bank said?')?.changedTo).toBeFalsy();
  });

  it('reads a score question as asking for a score', () => {
    expect(readMeasure('What was the final score of the cup match?')).toMatchObject({ score: true });
  });

  it('reads no measure in a question that asks for none', () => {
    expect(readMeasure('Who won the derby?')).toBeNull();
    expect(readMeasure('When did the meeting happen?')).toBeNull();
  });
});

describe('measureCue', () => {
  const cue = (sentence: string, question: string) =>
    measureCue(
      readMeasure(question)!,
      new SentenceWords(sentence),
      new Set(tokenizeWords(question).map((w) => w.stem)),
    );

  it('sees a count written just before what the question counts', () => {
    expect(cue('The agency grounded 171 Max 9 jets last week.', 'How many Max 9 jets were grounded?')).toBe(1);
    expect(cue('The tower is a 101-story building.', 'How many stories does the tower have?')).toBe(1);
  });

  it('does not take other numbers of the sentence for the count', () => {
    const question = 'How many Max 9 jets were grounded?';
    expect(cue('On Jan. 5 the jets were grounded for 20 days.', question)).toBe(0);
    expect(cue('Since 2007, 900ER jets have flown.', question)).toBe(0);
    expect(cue('Max 9 jets were grounded.', question)).toBe(0);
  });

  it('sees an amount of money or a share for a how-much question', () => {
    const question = 'How much was the company fined?';
    expect(cue('It now faces a $9,000 fine.', question)).toBe(1);
    expect(cue('Its shares fell 4% on the news.', question)).toBe(1);
    expect(cue('The company was fined on 12 counts.', question)).toBe(0);
  });

  it('sees a count written in words', () => {
    expect(cue('The ferry has sailed the route fifteen times this year.', 'How many times has the ferry sailed?')).toBe(
      1,
    );
  });

  it('sees the number an amount was changed to for a "to what?" question', () => {
    const question = 'The operator raised the fare to what?';
    expect(cue('The operator raised the fare from 30 to 35 kroner on Monday.', question)).toBe(1);
    expect(cue('The operator raised the fare on 30 routes.', question)).toBe(0);
    expect(cue('The fare will rise again in stages to 2041.', question)).toBe(0);
  });

  it('sees an age for an age question, and no other number', () => {
    const question = 'How old is the ferry captain?';
    expect(cue('The captain, 64, has sailed the route since 1990.', question)).toBe(1);
    expect(cue('The captain has sailed the route 64 times since 1990.', question)).toBe(0);
  });

  it('sees two tallies joined by a dash for a score question, not a range of years', () => {
    const question = 'What was the final score of the cup match?';
    expect(cue('The hosts won the cup match 2-1 after extra time.', question)).toBe(1);
    expect(cue('The cup match was played every year in 2019-2021.', question)).toBe(0);
  });

  it('sees a share for a what-percentage question', () => {
    const question = 'With what percentage of the vote did she win?';
    expect(cue('She won with 87% of the vote.', question)).toBe(1);
    expect(cue('She won 40 percent of the vote.', question)).toBe(1);
    expect(cue('She won in 12 of 15 districts.', question)).toBe(0);
  });
});
