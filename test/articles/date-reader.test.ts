import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import * as chrono from 'chrono-node';
import { describe, expect, it } from 'vitest';
import { sentencesOfText } from '../../src/articles/article.js';
import { dateReader, PARSER_NEEDS } from '../../src/articles/date-reader.js';
import { loadArticles } from '../../src/articles/load-articles.js';

const SEEDS = fileURLToPath(new URL('../../seeds', import.meta.url));

// One or more shapes for each of chrono's casual parsers, and words that only look like dates.
const SENTENCES = [
  'The deal was signed on 2025-08-15 in Geneva, and ratified 2025-08-20T10:30:00Z.',
  'Talks resumed on 8/15/2025, after a pause since 7/2025 and a meeting on 5/8.',
  'Within two weeks, or in a couple of days at most, the envoys will meet again.',
  'On the 15th of August, and again from 3 to 5 September, the ministers met.',
  'Aug. 15, 2025: the summit opened; Sept. 5 is the next date, then 2026 March.',
  'He arrived on Friday at 3 pm and left on Sat. morning, at 10:30 a.m.',
  'Two days ago officials met; three weeks later they signed; a month before that, nothing.',
  'Five hours from now the vote opens, two days after the recount, henceforth annually.',
  'Yesterday the talks stalled, tonight they resume, tomorrow they may end; last night was calm.',
  'This morning and this evening, at noon and at midnight, the crowds gathered.',
  'By the end of the month, and by the last day of the month, a deal is due.',
  'This week, last month and next year are all mentioned, as is the past day.',
  'In the last 2 days, and the next 3 weeks, +2d and -1w, much may change.',
  'MONDAY, TUESDAY and the WEEKEND: the mayor may march in May, since March.',
  'No date here: the common money showed the demonstrators were satisfied.',
];

// Words chrono's patterns know (at least one form of each word its parsers need, and others), each
// alone in a sentence, so no other word lets its parser run.
// biome-ignore format: a word list reads better packed
const PHRASES = [
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'mon.', 'tue.', 'wed.',
  'thu.', 'thur.', 'thur', 'thurs', 'thurs.', 'fri.', 'sat.', 'sun.', 'on Mon', 'the weekend', 'a weekday', 'january',
  'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november',
  'december', 'jan.', 'feb.', 'mar.', 'apr.', 'jun.', 'jul.', 'aug.', 'sep.', 'sept.', 'oct.', 'nov.',
  'dec.', 'aug 15', '15 aug', 'the first of may', '2025 may', 'today', 'tonight', 'tomorrow', 'tmr', 'tmrw',
  'yesterday', 'last night', 'now', 'overmorrow', 'this morning', 'afternoon', 'evening', 'noon',
  'midday', 'midnight', 'two days ago', 'a week before', 'a year earlier', 'two days later',
  'a week after', 'two days from now', 'a week henceforth', 'a week forward', 'a week out',
  'within 2 days', 'in a few weeks', 'for several months', 'next week', 'last month', 'past year',
  'this year', 'after this week', 'after 2 days', '+2 days', '-2 days', '8/15', '8/2025', '2025-08-15', '2025 08 15',
  '2025/aug/15', '15.08.2025', 'the end of the month', 'the last day of the month', '3 pm', 'at 10:30',
  '7 o clock',
];

/**
 * A digest of the patterns of the parsers `PARSER_NEEDS` guards, as chrono 2.10.3 has them: the
 * guards were read off these. When chrono changes one, read its guard off the new pattern and
 * update the digest.
 */
const GUARDED_PATTERNS_DIGEST = 'de7b744983e67c0bac4ed12764232961f14a380e24fb83a38443990a2c08f587';

function guardedPatternsDigest(): string {
  const context = new chrono.ParsingContext('', new Date(0));
  const hash = createHash('sha256');
  for (const parser of chrono.casual.parsers) {
    if (!(parser.constructor.name in PARSER_NEEDS)) continue;
    const pattern = parser.pattern(context);
    hash.update(`${parser.constructor.name}\u0000${pattern.source}\u0000${pattern.flags}\u0000`);
  }
  return hash.digest('hex');
}

function readings(reader: chrono.Chrono, text: string) {
  const reference = { instant: new Date('2025-08-06T12:00:00Z'), timezone: 'UTC' };
  return reader.parse(text, reference).map((result) => ({
    index: result.index,
    text: result.text,
    start: result.start.date().toISOString(),
    end: result.end?.date().toISOString(),
    tags: [...result.tags()].sort(),
  }));
}

describe("Newsdesk's date reader", () => {
  it('guards parsers chrono has, whose patterns are the ones the guards were read off', () => {
    const names = chrono.casual.parsers.map((parser) => parser.constructor.name);
    for (const name of Object.keys(PARSER_NEEDS)) expect(names, name).toContain(name);
    expect(dateReader.parsers.map((parser) => parser.constructor.name)).toEqual(names);
    expect(guardedPatternsDigest()).toBe(GUARDED_PATTERNS_DIGEST);
  });

  it("reads what chrono's casual reader reads, in every shape its parsers know", async () => {
    const seed = (await loadArticles(SEEDS)).articles.flatMap((article) => article.sentences.map((s) => s.text));
    const alone = PHRASES.flatMap((phrase) => [`It happened ${phrase}.`, `${phrase.toUpperCase()} it was.`]);
    const texts = [
      ...alone,
      ...SENTENCES,
      ...SENTENCES.flatMap((text) => sentencesOfText(text).map((s) => s.text)),
      ...seed,
    ];
    let read = 0;
    for (const text of texts) {
      const expected = readings(chrono.casual, text);
      expect(readings(dateReader, text), text).toEqual(expected);
      read += expected.length;
    }
    // The shapes above are dates chrono reads, not sentences it passes over.
    expect(read).toBeGreaterThan(150);
  });
});
