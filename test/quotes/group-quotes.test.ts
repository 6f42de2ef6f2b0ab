import { describe, expect, it } from 'vitest';
import { IntListsBuilder } from '../../src/int-lists.js';
import { groupQuotes as groupWords } from '../../src/quotes/group-quotes.js';
import { Interner } from '../../src/text/interner.js';
import { foldedWords } from '../../src/text/words.js';

const quote = (text: string, speaker: string | null = null) => ({ words: foldedWords(text), speaker });

/** Groups quotes given as folded words, numbering the words as the catalogue does. */
function groupQuotes(quotes: ReturnType<typeof quote>[]): Int32Array {
  const wordIds = new Interner();
  const words = new IntListsBuilder();
  for (const { words: quoted } of quotes) {
    for (const word of quoted) words.push(wordIds.idOf(word));
    words.end();
  }
  return groupWords({
    words: words.build(),
    vocabulary: wordIds.keys(),
    speakers: quotes.map((quoted) => quoted.speaker),
  });
}

describe('groupQuotes', () => {
  it('groups identical words whatever their punctuation and case, led by the first', () => {
    const groups = groupQuotes([
      quote('We stay until the end.'),
      quote('“we STAY until the end!”'),
      quote('Other words'),
    ]);
    expect([...groups]).toEqual([0, 0, 2]);
  });

  it('groups a quote whose words run inside a longer rendering', () => {
    const groups = groupQuotes([
      quote('The talks were productive, and we will meet again next week in Geneva'),
      quote('we will meet again next week'),
    ]);
    expect([...groups]).toEqual([0, 0]);
  });

  it('groups renderings that differ by a word or two', () => {
    const groups = groupQuotes([
      quote('Nobody wants a long strike but nobody wants another accident either'),
      quote('Nobody wants a long strike, and nobody wants another accident either'),
    ]);
    expect([...groups]).toEqual([0, 0]);
  });

  it('keeps words attributed to different speakers apart', () => {
    const groups = groupQuotes([quote('We are ready to talk', 'reyes'), quote('We are ready to talk', 'lang')]);
    expect([...groups]).toEqual([0, 1]);
  });

  it('does not group a tiny fragment into the longer quotes that happen to contain it', () => {
    const groups = groupQuotes([
      quote('The deal is done, it is over'),
      quote('Nothing is done until the deal is signed'),
      quote('is done'),
    ]);
    expect([...groups]).toEqual([0, 1, 2]);
  });

  it('keeps quotes that share only common words apart', () => {
    const groups = groupQuotes([
      quote('We will look at all the options on the table'),
      quote('We will not look back at what happened'),
    ]);
    expect([...groups]).toEqual([0, 1]);
  });
});
