import { describe, expect, it } from 'vitest';
import { ageIn, ageWritten } from '../../src/answers/ages.js';
import { answerQuestion } from '../../src/answers/answer-question.js';
import { SentenceWords } from '../../src/answers/sentence-words.js';
import { buildArticle } from '../../src/articles/article.js';
import { createIndexedCorpus, WITHOUT_ANALYSIS } from '../../src/corpus/indexed-corpus.js';

const age = (sentence: string, question = 'How old is the goalkeeper?') => {
  const found = ageIn(new SentenceWords(sentence), new Set(question.toLowerCase().match(/\w+/g)));
  return found ? ageWritten(found) : null;
};

describe('an age as English writes it', () => {
  it.each([
    ['Dahl, a 17-year-old goalkeeper from Tromvik, made six saves.', '17'],
    ['The goalkeeper, aged 17, made six saves.', '17'],
    ['She signed her first contract at age 17.', '17'],
    ['She signed at the age of 17.', '17'],
    ['At 17, she is the youngest keeper in the league.', '17'],
    ['Dahl, 17, made six saves on Sunday.', '17'],
    ['Dahl turned 17 in March.', '17'],
    ['Dahl is 17 years old.', '17'],
    ['Dahl celebrated her 17th birthday with a clean sheet.', '17'],
    ['The coach, now in his 60s, praised her.', '60s'],
    ['Players can be as young as 15 under the new rules.', '15'],
    ['The league is open to anyone 15 or older.', '15'],
    ['Dahl, a seventeen-year-old, made six saves.', 'seventeen'],
  ])('%s', (sentence, written) => {
    expect(age(sentence)).toBe(written);
  });

  it('takes no other number of a sentence for an age', () => {
    expect(age('Dahl made 17 saves in 90 minutes on March 3, 2025.')).toBeNull();
    expect(age('The club, founded in 1921, has 17 players.')).toBeNull();
    expect(age('Dahl wore number 17 at the age-group final.')).toBeNull();
  });

  it('takes no part of a number written with separators for an age', () => {
    expect(age('The fund closed at 4,512, its lowest this year.')).toBeNull();
    expect(age('Tromvik, 12,400 fans strong, cheered her on.')).toBeNull();
    expect(age('Divers found a 3,000-year-old hull off the coast.')).toBeNull();
    expect(age('The colt, a 1.5-year-old, won easily.')).toBeNull();
  });
});

describe('answering an age question', () => {
  const article = buildArticle(
    [
      'The Tromvik club unveiled its new stadium on Sunday, with 12,000 fans in the stands.',
      'Its goalkeeper Dahl made 11 saves in the 2-1 win over the visitors.',
      'Dahl, a 17-year-old from the valley, is the youngest keeper the club has fielded.',
      "Members voted to cut the club's voting age from 16 to 15 this year, officials said.",
    ].join('\n\n'),
    { title: 'Tromvik opens a new stadium', date: '2025-06-02' },
    'stadium',
  );
  const desk = createIndexedCorpus([article], { analyse: WITHOUT_ANALYSIS });

  it('cites the sentence giving the age and answers with the age', () => {
    const answer = answerQuestion('How old is the Tromvik goalkeeper Dahl?', desk);
    expect(answer.evidence[0]?.text).toContain('17-year-old');
    expect(answer.short).toBe('17');
  });

  it('reads "cut the voting age to what?" as asking for an age', () => {
    const answer = answerQuestion('The club cut its voting age to what?', desk);
    expect(answer.evidence[0]?.text).toContain('from 16 to 15');
  });
});
