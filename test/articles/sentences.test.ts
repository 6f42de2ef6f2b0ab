import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { splitParagraphs } from '../../src/articles/article.js';
import { parseArticleFile } from '../../src/articles/parse-article-file.js';
import { splitSentences } from '../../src/articles/sentences.js';
import type { Sentence } from '../../src/articles/types.js';

const SEEDS = fileURLToPath(new URL('../../seeds', import.meta.url));

function sentencesOf(text: string): Sentence[] {
  return splitSentences(text, splitParagraphs(text));
}

function split(text: string): string[] {
  const sentences = sentencesOf(text);
  for (const sentence of sentences) expect(sentence.text).toBe(text.slice(sentence.start, sentence.end));
  return sentences.map((s) => s.text);
}

describe('splitSentences on abbreviations', () => {
  it('does not end a sentence at U.S., Mr. or Gen.', () => {
    expect(split('The U.S. said it would act. Mr. Smith disagreed. Gen. Mark Hale spoke last.')).toEqual([
      'The U.S. said it would act.',
      'Mr. Smith disagreed.',
      'Gen. Mark Hale spoke last.',
    ]);
  });

  it('keeps dotted initials with the name that follows', () => {
    expect(split('The talks went on. J.D. Vance arrived late. Rep. G.K. Butterfield left early.')).toEqual([
      'The talks went on.',
      'J.D. Vance arrived late.',
      'Rep. G.K. Butterfield left early.',
    ]);
  });

  it('keeps U.S. with a following name but ends the sentence when a new one clearly starts', () => {
    expect(split('Later the U.S. President Joe Doe spoke. He lives in the U.S. The talks continue.')).toEqual([
      'Later the U.S. President Joe Doe spoke.',
      'He lives in the U.S.',
      'The talks continue.',
    ]);
  });

  it('still ends a sentence at "US." written without dots', () => {
    expect(split('Talks were held with the US. Russia objected.')).toEqual([
      'Talks were held with the US.',
      'Russia objected.',
    ]);
  });

  it('reads a.m. and p.m. as part of a time unless a new sentence starts after them', () => {
    expect(split('Crews arrived at 9 a.m. Tuesday and left at 5 p.m. The talks ended at 10 p.m. on Friday.')).toEqual([
      'Crews arrived at 9 a.m. Tuesday and left at 5 p.m.',
      'The talks ended at 10 p.m. on Friday.',
    ]);
  });

  it('keeps an abbreviation after an opening quotation mark', () => {
    expect(split('“Mr. Hill understands the risks,” the lawyer said.')).toEqual([
      '“Mr. Hill understands the risks,” the lawyer said.',
    ]);
  });

  it('does not cut state abbreviations such as R-S.C.', () => {
    expect(split('Lindsey Graham, R-S.C., spoke first. Others followed.')).toEqual([
      'Lindsey Graham, R-S.C., spoke first.',
      'Others followed.',
    ]);
  });
});

describe('splitSentences on numbers and ellipses', () => {
  it('does not break inside 3.5 % or $1.5 billion', () => {
    expect(split('Prices rose 3.5 % in July. The deal is worth $1.5 billion. Officials agreed.')).toEqual([
      'Prices rose 3.5 % in July.',
      'The deal is worth $1.5 billion.',
      'Officials agreed.',
    ]);
  });

  it('keeps No. with its number', () => {
    expect(split('He lives at No. 10 Downing Street. Is it over? No. It is not.')).toEqual([
      'He lives at No. 10 Downing Street.',
      'Is it over?',
      'No.',
      'It is not.',
    ]);
  });

  it('continues after a mid-sentence ellipsis and ends at one before a new sentence', () => {
    expect(split('It was, well... complicated. He paused... Then he spoke again.')).toEqual([
      'It was, well... complicated.',
      'He paused...',
      'Then he spoke again.',
    ]);
  });
});

describe('splitSentences on quotations', () => {
  it('keeps a quote and its attribution together', () => {
    expect(split('“We will win,” he said. “Yes.” Then he left.')).toEqual([
      '“We will win,” he said.',
      '“Yes.”',
      'Then he left.',
    ]);
  });

  it('keeps a quote ending in a period with a lower-case attribution', () => {
    expect(split('“It is over.” he said, leaving the room. Nobody answered.')).toEqual([
      '“It is over.” he said, leaving the room.',
      'Nobody answered.',
    ]);
  });

  it('keeps a question with the name of who asked it', () => {
    expect(split('“Why now?” Putin asked. Nobody answered.')).toEqual(['“Why now?” Putin asked.', 'Nobody answered.']);
  });

  it('ends a sentence inside closing quotation marks when a new sentence follows', () => {
    expect(split('He said: “It is over.” She nodded. “Good,” she said.')).toEqual([
      'He said: “It is over.”',
      'She nodded.',
      '“Good,” she said.',
    ]);
  });

  it('tells an opening straight quote from a closing one', () => {
    expect(split('Officials agreed. "Good," she said. He wrote "great progress was made!" The talks went on.')).toEqual(
      ['Officials agreed.', '"Good," she said.', 'He wrote "great progress was made!"', 'The talks went on.'],
    );
  });

  it('splits a quotation of several sentences where each ends', () => {
    expect(split('“The war must end. We want peace,” Zelenskyy said.')).toEqual([
      '“The war must end.',
      'We want peace,” Zelenskyy said.',
    ]);
  });
});

describe('splitSentences on lines inside a paragraph', () => {
  it('treats short lines such as a list as separate sentences', () => {
    expect(split('Plans\n\nThe plan:\nStop the fighting\nHold talks\n- Sign a deal')).toEqual([
      'Plans',
      'The plan:',
      'Stop the fighting',
      'Hold talks',
      '- Sign a deal',
    ]);
  });

  it('reads hard-wrapped prose across its line breaks', () => {
    const wrapped =
      'Harbour talks\n\n' +
      'The harbour authority said on Sunday that the negotiators from\n' +
      'both sides would meet again on Monday morning at the port office\n' +
      'in the old town. Nothing was agreed.';
    expect(split(wrapped)).toHaveLength(3);
  });
});

describe('splitSentences offsets', () => {
  it('numbers sentences across paragraphs and records each one’s paragraph', () => {
    const sentences = sentencesOf('First one. Second one.\n\nThird one.');
    expect(sentences.map((s) => [s.index, s.paragraph, s.text])).toEqual([
      [0, 0, 'First one.'],
      [1, 0, 'Second one.'],
      [2, 1, 'Third one.'],
    ]);
  });

  it('points every sentence of the real seeds at its exact text, trimmed and in order', async () => {
    for (const name of await readdir(SEEDS)) {
      const article = parseArticleFile(name, await readFile(join(SEEDS, name)));
      let previousEnd = 0;
      for (const sentence of article.sentences) {
        expect(sentence.text).toBe(article.text.slice(sentence.start, sentence.end));
        expect(sentence.text).toBe(sentence.text.trim());
        expect(sentence.start).toBeGreaterThanOrEqual(previousEnd);
        previousEnd = sentence.end;
      }
    }
  });

  it('covers all of each paragraph’s words', () => {
    const text = 'A lone word.  Spaced   out. “Quoted.” End.\n\nNext paragraph here.';
    const paragraphs = splitParagraphs(text);
    const sentences = splitSentences(text, paragraphs);
    for (const paragraph of paragraphs) {
      const inside = sentences.filter((s) => s.paragraph === paragraph.index);
      const words = (s: string) => s.split(/\s+/).filter(Boolean);
      expect(inside.flatMap((s) => words(s.text))).toEqual(words(text.slice(paragraph.start, paragraph.end)));
    }
  });
});
