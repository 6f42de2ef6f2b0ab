import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyseArticle } from '../../src/articles/analysis.js';
import { buildArticle } from '../../src/articles/article.js';
import { loadArticles } from '../../src/articles/load-articles.js';
import type { Article } from '../../src/articles/types.js';
import { Corpus } from '../../src/corpus/corpus.js';
import { UserFacingError } from '../../src/errors.js';
import { buildTimeline } from '../../src/timeline/build-timeline.js';

const SEEDS = fileURLToPath(new URL('../../seeds', import.meta.url));

function article(origin: string, date: string | null, text: string): Article {
  return buildArticle(text, { date }, origin);
}

function corpusOf(...articles: Article[]): Corpus {
  const corpus = new Corpus(() => ({ quotes: [], entities: [] }));
  corpus.add(articles);
  return corpus;
}

/** A small developing story told by three outlets over three days (2025-03-10 is a Monday). */
const monday = article(
  'monday.txt',
  '2025-03-10',
  [
    'Harbour workers in Eastport walked off the job over pay.',
    'The union said on Saturday that talks with the port authority had failed.',
    'A mediator will meet both sides on Thursday, officials said.',
  ].join('\n\n'),
);
const tuesday = article(
  'tuesday.txt',
  '2025-03-11',
  [
    'Eastport harbour workers walked off the job over pay on Monday, the union said.',
    'Ships queued outside the harbour this morning.',
  ].join('\n\n'),
);
const thursday = article(
  'thursday.txt',
  '2025-03-13',
  [
    'The mediator met union leaders and the port authority today.',
    'The Eastport union first asked for a raise in January.',
  ].join('\n\n'),
);

describe('the timeline of a small story', () => {
  const corpus = corpusOf(thursday, monday, tuesday);

  it('orders developments by date, then by the date of the reporting article', () => {
    const timeline = buildTimeline(corpus);
    expect(timeline.map((entry) => entry.date)).toEqual([...timeline.map((entry) => entry.date)].sort());
    expect(timeline.map((entry) => [entry.date, entry.when])).toEqual([
      ['2025-01-01', 'January'],
      ['2025-03-08', 'on Saturday'],
      ['2025-03-10', null],
      ['2025-03-11', 'this morning'],
      // Within a day, what happened comes before what was only scheduled.
      ['2025-03-13', 'today'],
      ['2025-03-13', 'on Thursday'],
    ]);
  });

  it('keeps every sentence verbatim at its offsets', () => {
    const byId = new Map([monday, tuesday, thursday].map((a) => [a.id, a]));
    for (const entry of buildTimeline(corpus)) {
      const source = byId.get(entry.articleId)!;
      expect(source.text.slice(entry.start, entry.end)).toBe(entry.text);
      expect(source.sentences[entry.sentence]!.text).toBe(entry.text);
    }
  });

  it('shows a development reported by several outlets once, from the earliest article', () => {
    const walkouts = buildTimeline(corpus).filter((entry) => entry.text.includes('walked off the job'));
    expect(walkouts).toHaveLength(1);
    expect(walkouts[0]).toMatchObject({ articleId: monday.id, alsoIn: [tuesday.id] });
  });

  it('dates each article’s lead by the article’s date so every article appears', () => {
    const lead = buildTimeline(corpus).find((entry) => entry.articleId === thursday.id && entry.sentence === 0);
    expect(lead).toMatchObject({ date: '2025-03-13', when: 'today' });
    const articleIds = new Set(buildTimeline(corpus).flatMap((entry) => [entry.articleId, ...(entry.alsoIn ?? [])]));
    expect(articleIds).toEqual(new Set([monday.id, tuesday.id, thursday.id]));
  });

  it('marks planned developments as expected', () => {
    const plan = buildTimeline(corpus).find((entry) => entry.when === 'on Thursday');
    expect(plan).toMatchObject({ articleId: monday.id, date: '2025-03-13', expected: true });
    expect(buildTimeline(corpus).filter((entry) => entry.expected)).toHaveLength(1);
  });

  it('folds a plan into the report of its day that tells it with the irregular past of its verb', () => {
    const planned = article('ferry-plan.txt', '2025-03-10', 'Ek will meet the ferry crews on Friday.');
    const met = article('ferry-met.txt', '2025-03-14', 'Ek met the crews at the harbour today.');
    const timeline = buildTimeline(corpusOf(planned, met));
    expect(timeline.filter((entry) => entry.expected)).toHaveLength(0);
    expect(timeline.find((entry) => entry.articleId === met.id)?.alsoIn).toEqual([planned.id]);
  });

  it('keeps only the days between since and until', () => {
    const dates = buildTimeline(corpus, { since: '2025-03-09', until: '2025-03-12' }).map((entry) => entry.date);
    expect(dates).toEqual(['2025-03-10', '2025-03-11']);
  });

  it('refuses a since or until that is not a day', () => {
    expect(() => buildTimeline(corpus, { since: 'last week' })).toThrow(UserFacingError);
    expect(() => buildTimeline(corpus, { until: '2025-13-45' })).toThrow(UserFacingError);
  });

  it('keeps the latest entries when limited, still in date order', () => {
    const all = buildTimeline(corpus);
    expect(buildTimeline(corpus, { limit: 2 })).toEqual(all.slice(-2));
    expect(buildTimeline(corpus, { limit: 0 })).toEqual([]);
  });

  it('keeps the first entries from since when limited with since alone', () => {
    const fromMonday = buildTimeline(corpus, { since: '2025-03-10' });
    expect(buildTimeline(corpus, { since: '2025-03-10', limit: 2 })).toEqual(fromMonday.slice(0, 2));
  });

  it('filters by words, whole words only and ignoring case', () => {
    expect(buildTimeline(corpus, { about: 'MEDIATOR' }).map((entry) => entry.articleId)).toEqual([
      thursday.id,
      monday.id,
    ]);
    expect(buildTimeline(corpus, { about: 'harbour pay' })).toHaveLength(1);
    expect(buildTimeline(corpus, { about: 'port' }).every((entry) => /\bport\b/i.test(entry.text))).toBe(true);
  });

  it('gives the same timeline after an article joins or leaves as one built afresh', () => {
    const growing = corpusOf(monday, thursday);
    buildTimeline(growing);
    growing.add([tuesday]);
    expect(buildTimeline(growing)).toEqual(buildTimeline(corpus));
    growing.remove([monday.id]);
    expect(buildTimeline(growing)).toEqual(buildTimeline(corpusOf(thursday, tuesday)));
  });

  it('builds afresh after an update that failed partway, rather than from days half merged', () => {
    const growing = corpusOf(monday, thursday);
    buildTimeline(growing);
    let failing = true;
    // An analysis that cannot be read the first time it is asked for (a store that went away).
    growing.add([tuesday], (joining) => () => {
      if (failing) throw new Error('analysis unavailable');
      return analyseArticle(joining);
    });
    expect(() => buildTimeline(growing)).toThrow('analysis unavailable');
    failing = false;
    expect(buildTimeline(growing)).toEqual(buildTimeline(corpus));
  });

  it('reads the same timeline from the dates the articles’ analysis holds as from their text', () => {
    const texts = [thursday, monday, tuesday].map(({ text, date, origin }) => article(origin, date, text));
    const analysed = new Corpus(analyseArticle);
    analysed.add(texts);
    expect(texts.every((text) => analysed.analysis(text.id)?.dates?.length)).toBe(true);
    expect(buildTimeline(analysed)).toEqual(buildTimeline(corpus));
  });
});

describe('filtering by person', () => {
  const story = article(
    'people.txt',
    '2025-03-10',
    [
      'Prime Minister Anna Lindqvist resigned on Monday.',
      'Lindqvist will address parliament on Wednesday.',
      'Her deputy, Lars Lindqvist-Berg, stays in office.',
      'Peace talks with the unions opened on Monday.',
      'The talks resume on Thursday.',
    ].join('\n\n'),
  );
  // Analysed, as every corpus Newsdesk opens is: the people directory reads the names found.
  const corpus = new Corpus(analyseArticle);
  corpus.add([story]);

  it('finds sentences that give only the surname of a person the article names in full', () => {
    expect(buildTimeline(corpus, { about: 'anna lindqvist' }).map((entry) => entry.sentence)).toEqual([0, 1]);
  });

  it('matches a topic that names no one word by word, not by its last word alone', () => {
    expect(buildTimeline(corpus, { about: 'peace talks' }).map((entry) => entry.sentence)).toEqual([3]);
  });

  it('says plainly that a topic of words like "the" has nothing to look for', () => {
    expect(() => buildTimeline(corpus, { about: 'who are they' })).toThrow(UserFacingError);
  });
});

describe('a sentence telling developments of several days', () => {
  // 2025-03-12 is a Wednesday.
  const report = article(
    'ferry.txt',
    '2025-03-12',
    [
      'Ferry crews will strike on Thursday, as the operator on Monday cut the night sailings to the islands.',
      'The minister said on Tuesday that the timetable, agreed on Friday, would stand.',
    ].join('\n\n'),
  );
  const timeline = buildTimeline(corpusOf(report));

  it('gives each clause about another day its own line, dated by that clause', () => {
    expect(timeline.map((entry) => [entry.date, entry.text])).toContainEqual([
      '2025-03-10',
      'the operator on Monday cut the night sailings to the islands.',
    ]);
    expect(timeline.map((entry) => [entry.date, entry.text])).toContainEqual([
      '2025-03-13',
      'Ferry crews will strike on Thursday',
    ]);
  });

  it('keeps a clause verbatim at its offsets', () => {
    for (const entry of timeline) expect(report.text.slice(entry.start, entry.end)).toBe(entry.text);
  });

  it('keeps a span of time between two days as one development', () => {
    const charges = buildTimeline(
      corpusOf(
        article(
          'charges.txt',
          '2025-03-12',
          'The charges cover the years between March 3, 2001, and June 9, 2004, prosecutors said.',
        ),
      ),
    );
    expect(charges).toHaveLength(1);
    expect(charges[0]).toMatchObject({ date: '2001-03-03' });
  });

  it('keeps a sentence whole when its days share one clause', () => {
    const minister = timeline.filter((entry) => entry.text.includes('minister'));
    expect(minister).toHaveLength(1);
    expect(minister[0]).toMatchObject({ date: '2025-03-11', when: 'on Tuesday' });
  });
});

describe('undated articles', () => {
  it('contribute only sentences with a date stated in full', () => {
    const undated = article('undated.txt', null, 'Talks began on Monday.\n\nThe accord was signed on June 2, 2024.');
    expect(buildTimeline(corpusOf(undated)).map((entry) => [entry.date, entry.when])).toEqual([
      ['2024-06-02', 'June 2, 2024'],
    ]);
  });
});

describe('caching by corpus version', () => {
  it('includes articles added after a first build', () => {
    const corpus = corpusOf(monday);
    const before = buildTimeline(corpus).length;
    corpus.add([thursday]);
    expect(buildTimeline(corpus).length).toBeGreaterThan(before);
  });

  it('hands out copies that callers cannot use to change the cache', () => {
    const corpus = corpusOf(monday, tuesday);
    buildTimeline(corpus)[0]!.alsoIn!.push('tampered');
    expect(buildTimeline(corpus)[0]!.alsoIn).not.toContain('tampered');
  });
});

describe('the timeline of the real seeds folder', () => {
  it('dates the seed’s developments around its date, each sentence verbatim', async () => {
    const { articles } = await loadArticles(SEEDS);
    const corpus = corpusOf(...articles);
    const timeline = buildTimeline(corpus);
    expect(timeline.length).toBeGreaterThanOrEqual(3);
    for (const entry of timeline) {
      const source = corpus.get(entry.articleId)!;
      expect(source.text.slice(entry.start, entry.end)).toBe(entry.text);
    }
    expect(timeline.find((entry) => entry.when === 'on Wednesday')?.date).toBe('2025-08-06');
    // "next week" is too vague to put under a day.
    expect(timeline.find((entry) => entry.when === 'next week')).toBeUndefined();
    expect(timeline.some((entry) => entry.when === null && entry.date === '2025-08-06')).toBe(true);
  });
});
