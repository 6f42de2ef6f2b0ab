import { describe, expect, it } from 'vitest';
import { placeAnswers, readPlaceAsked } from '../../src/answers/place-answers.js';
import { askingClause } from '../../src/answers/score-sentences.js';
import { SentenceWords } from '../../src/answers/sentence-words.js';
import { tokenizeWords } from '../../src/text/tokens.js';

/** The places of `sentence` answering `question`, best first, with how each is written. */
const answers = (question: string, sentence: string) =>
  placeAnswers(
    new SentenceWords(sentence),
    readPlaceAsked(askingClause(question)),
    new Set(tokenizeWords(question).map((word) => word.stem)),
  ).map((answer) => `${answer.words.map((word) => word.raw).join(' ')}/${answer.role}`);

describe('readPlaceAsked', () => {
  it('reads the scale of place the question names and whether it asks where from', () => {
    expect(readPlaceAsked('Which coastal town was evacuated?')).toEqual({
      scale: 'city',
      origin: false,
      destination: false,
    });
    expect(readPlaceAsked('The new glassblower comes from which US state?')).toEqual({
      scale: 'state',
      origin: true,
      destination: false,
    });
    expect(readPlaceAsked('Which Baltic nation held a vote?')).toEqual({
      scale: 'country',
      origin: false,
      destination: false,
    });
    expect(readPlaceAsked('Where did the ferry sink?')).toEqual({ scale: null, origin: false, destination: false });
    expect(readPlaceAsked('The ferry was bound for which town?')).toMatchObject({ scale: 'city', destination: true });
  });
});

describe('placeAnswers', () => {
  it('leaves out a place the question names, in any form of its name', () => {
    expect(
      answers('Which village in the Norwegian fjords hosted the talks?', 'Envoys met in Kvam, Norway, for the talks.'),
    ).toEqual(['Kvam/location']);
  });

  it('leaves out a place the question names by its people only, not one sharing first letters', () => {
    expect(answers('Where did the Korean team land?', 'The team landed in Korea.')).toEqual([]);
    expect(answers('Where did the Italian chef work?', 'The chef worked in Italy.')).toEqual([]);
    expect(answers('Where did the Australian skier race?', 'The skier raced in Austria.')).toEqual([
      'Austria/location',
    ]);
    expect(answers('Where did George live?', 'George lived in Georgia.')).toEqual(['Georgia/location']);
    expect(answers('Where was the franchise sold?', 'The franchise was sold in France.')).toEqual(['France/location']);
  });

  it('leaves out a place of another scale than asked', () => {
    expect(
      answers('Which town did the floods reach?', 'Ohio officials said the floods reached Lakeside, Ohio.'),
    ).toEqual(['Lakeside/modifier']);
    expect(answers('Which country confirmed a case?', 'Laos confirmed the first case outside Asia.')).toEqual([
      'Laos/location',
    ]);
    expect(answers('Which state did the storm hit?', 'The storm hit Oceania before it reached Vermont.')).toEqual([
      'Vermont/modifier',
    ]);
  });

  it('reads a state or country name written with a short region after it as a town', () => {
    expect(answers('Which country hosted the fair?', 'The fair was held in Denmark, S.C., on Friday.')).toEqual([]);
    expect(answers('Which town hosted the fair?', 'The fair was held in Denmark, S.C., on Friday.')).toEqual([
      'Denmark/location',
    ]);
  });

  it('keeps a country a country before a title or another country written short', () => {
    expect(answers('Which country did it happen in?', 'In Norway, Mr. Vettrup said the vote failed.')).toEqual([
      'Norway/location',
    ]);
    expect(answers('Which country signed?', 'Chile, UK and Peru signed the pact.')[0]).toBe('Chile/location');
    expect(answers('Which country was it in?', 'In Chile, US diplomats left.')[0]).toBe('Chile/location');
  });

  it('puts where something is before where it came from, a modifier, and the dateline', () => {
    expect(
      answers(
        'Where did the ferry sink?',
        'HORDALAND, Norway – The ferry, which sailed from Kvam with Laos tourists aboard, sank near Florø.',
      ),
    ).toEqual(['Florø/location', 'Kvam/origin', 'Laos/modifier', 'HORDALAND/dateline', 'Norway/dateline']);
  });

  it('puts where something came from first when the question asks where from', () => {
    expect(answers('The crew sailed from which town?', 'The crew sailed from Kvam and docked in Florø.')).toEqual([
      'Kvam/origin',
      'Florø/location',
    ]);
  });

  it('reads a place modifying the noun after it as a modifier, even after a preposition', () => {
    expect(answers('Where was the record set?', "It was the wettest day in Vermont's history.")).toEqual([
      'Vermont/modifier',
    ]);
  });

  it('reads a place followed by a word saying when ("in Canada last week") as where something is', () => {
    expect(answers('Where did the ferry run aground?', 'The ferry was stranded in Canada last week.')).toEqual([
      'Canada/location',
    ]);
  });

  it('reads a place named after its scale noun ("the town of …") as where something is', () => {
    expect(answers('Which state is the beekeeper from?', 'He grew up in the state of Vermont.')).toEqual([
      'Vermont/location',
    ]);
    expect(answers('Which town did the fire reach?', 'The fire reached the edge of the town of Kvam.')).toEqual([
      'Kvam/location',
    ]);
  });

  it('reads a "to which" that belongs to the word before or asks how much as no question of where to', () => {
    for (const question of [
      'According to which report did prices rise?',
      'Due to which storm was the road shut?',
      'Compared to what year did sales fall?',
      'To which extent did the plan work?',
    ])
      expect(readPlaceAsked(question).destination).toBe(false);
    expect(readPlaceAsked('The ferry sailed to which port?').destination).toBe(true);
  });

  it('puts where something was going first when the question asks where to', () => {
    expect(
      answers('The ferry was bound for which town?', 'The ferry, bound for Helsinki, sank in a storm near Kvam.'),
    ).toEqual(['Helsinki/destination', 'Kvam/location']);
  });

  it('leaves out where something was going when the question does not ask where to', () => {
    expect(answers('Where did the ferry sink?', 'The ferry, bound for Helsinki, sank in a storm near Kvam.')).toEqual([
      'Kvam/location',
    ]);
    expect(answers('Where did the ferry sink?', 'The ferry bound for Helsinki sank.')).toEqual([]);
  });

  it('leaves out a place that opens a longer name', () => {
    expect(answers('Where was the ferry found?', 'The Helsinki Herald said the ferry was found near Kvam.')).toEqual([
      'Kvam/location',
    ]);
    expect(answers('Where was the ferry found?', 'The ferry was found in Helsinki Monday.')).toEqual([
      'Helsinki/location',
    ]);
  });
});
