import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildArticle } from '../../src/articles/article.js';
import { loadArticles } from '../../src/articles/load-articles.js';
import { Corpus } from '../../src/corpus/corpus.js';
import { UserFacingError } from '../../src/errors.js';
import { SUMMARY_BUDGETS } from '../../src/summaries/lengths.js';
import { summarise } from '../../src/summaries/summarise.js';
import { STORY, storyArticles, storyCorpus } from './fixtures.js';

const SEEDS_DIR = fileURLToPath(new URL('../../seeds', import.meta.url));

describe('summarise', () => {
  it('quotes every point verbatim from the article it cites', () => {
    const corpus = storyCorpus();
    const summary = summarise(corpus, { length: 'detailed' });
    expect(summary.points.length).toBeGreaterThan(0);
    for (const point of summary.points) {
      const article = corpus.get(point.articleId)!;
      expect(article.text.slice(point.start, point.end)).toBe(point.text);
      expect(article.sentences[point.sentence]!.text).toBe(point.text);
    }
  });

  it('gives a fact reported by several articles once, citing the others in alsoIn', () => {
    const [herald, times] = storyArticles();
    const corpus = storyCorpus();
    const summary = summarise(corpus, { length: 'detailed' });
    const closures = summary.points.filter((p) => /closed the Harlow|was closed to all traffic/.test(p.text));
    expect(closures).toHaveLength(1);
    const [closure] = closures;
    const other = closure!.articleId === herald!.id ? times!.id : herald!.id;
    expect(closure!.alsoIn).toEqual([other]);
  });

  it('opens with the latest development, then orders points newest first by the day of the development', () => {
    const corpus = storyCorpus();
    const order = corpus.articles().map((a) => a.id);
    const [latest, ...rest] = summarise(corpus, { length: 'detailed' }).points;
    expect(latest!.latest).toBe(true);
    expect(corpus.get(latest!.articleId)!.date).toBe(corpus.articles().at(-1)!.date);
    const keys = rest.map((p) => [p.date ?? '', order.indexOf(p.articleId), p.sentence] as const);
    const sorted = [...keys].sort((a, b) => b[0].localeCompare(a[0]) || b[1] - a[1] || a[2] - b[2]);
    expect(keys).toEqual(sorted);
  });

  it('drops a plan with no day once a later article reports it in its own words', () => {
    const planned = buildArticle(
      [
        'The transport minister is expected to visit the closed bridge and meet its engineers and residents.',
        'Ministers have so far said little about the closure.',
      ].join('\n\n'),
      { date: '2025-03-03', source: 'Wire Service' },
      'visit-planned.txt',
    );
    const visited = buildArticle(
      [
        'The transport minister toured the closed bridge on Tuesday and promised the council money for the repairs.',
        'Council leader Maria Lind welcomed the promise.',
      ].join('\n\n'),
      { date: '2025-03-05', source: 'County Times' },
      'visited.txt',
    );
    const plans = (articles: ReturnType<typeof storyArticles>) =>
      summarise(storyCorpus(articles), { length: 'detailed' }).points.filter((p) =>
        p.text.includes('is expected to visit'),
      );
    const [closedHerald, closedTimes] = storyArticles();
    expect(plans([closedHerald!, closedTimes!, planned])).toHaveLength(1);
    expect(plans([closedHerald!, closedTimes!, planned, visited])).toHaveLength(0);
  });

  it('drops a plan once a later article reports it with the irregular past of its verb', () => {
    const planned = buildArticle(
      [
        'Lina Ek will meet the striking ferry crews at the harbour office, her spokesman said.',
        'The ferries to the islands have not sailed for a week.',
      ].join('\n\n'),
      { date: '2025-03-03', source: 'Wire Service' },
      'ferry-planned.txt',
    );
    const met = buildArticle(
      [
        'Ek met the crews late on Thursday, and the strike went on.',
        'Island shops are running short of bread and fuel.',
      ].join('\n\n'),
      { date: '2025-03-06', source: 'County Times' },
      'ferry-met.txt',
    );
    const plans = (articles: ReturnType<typeof storyArticles>) =>
      summarise(storyCorpus(articles), { length: 'detailed' }).points.filter((p) => p.text.includes('will meet'));
    const [closedHerald, closedTimes] = storyArticles();
    expect(plans([closedHerald!, closedTimes!, planned])).toHaveLength(1);
    expect(plans([closedHerald!, closedTimes!, planned, met])).toHaveLength(0);
  });

  it('gives a fact once when a second outlet words it differently', () => {
    const closure = buildArticle(
      [
        'A landslide buried the Kelmar mountain road near Ostby village on Thursday night, cutting off 40 farms and the village school.',
        'Road crews said clearing the rock would take at least ten days.',
      ].join('\n\n'),
      { date: '2025-04-11', source: 'Valley Herald' },
      'landslide-herald.txt',
    );
    const retold = buildArticle(
      [
        'Forty farms were cut off in the hills above Ostby village after a landslide on Thursday night swept across the Kelmar mountain road, officials said.',
        'Helicopters dropped animal feed to the farms on Friday.',
      ].join('\n\n'),
      { date: '2025-04-12', source: 'County Times' },
      'landslide-times.txt',
    );
    const points = summarise(storyCorpus([closure, retold]), { length: 'detailed' }).points;
    expect(points.filter((p) => /Kelmar mountain road/.test(p.text))).toHaveLength(1);
    expect(points.some((p) => p.text.includes('Helicopters dropped animal feed'))).toBe(true);
  });

  it('gives a fact once when a second outlet words it as a spokesman said it', () => {
    const first = buildArticle(
      [
        'The Kelby ferry will stop running until spring, Osterhavn harbour deputy director Piet Larsen said on local radio.',
        'Islanders will have to travel by the weekly supply boat instead.',
      ].join('\n\n'),
      { date: '2025-11-04', source: 'Coast Courier' },
      'ferry-courier.txt',
    );
    const second = buildArticle(
      [
        'Speaking to reporters at the Vasby town hall on Monday evening, Northern Ports Agency chief spokeswoman Dana Orrel said that the Kelby ferry would stop running until spring.',
        'The agency has ordered a temporary pontoon from a yard in Vasby.',
      ].join('\n\n'),
      { date: '2025-11-04', source: 'Island Post' },
      'ferry-post.txt',
    );
    const points = summarise(storyCorpus([first, second]), { length: 'detailed' }).points;
    expect(points.filter((p) => /Kelby ferry/.test(p.text))).toHaveLength(1);
    expect(points.some((p) => p.text.includes('temporary pontoon'))).toBe(true);
  });

  it('gives a fact once when a paraphrase adds its own clause to what a quotation already said', () => {
    const quoted = buildArticle(
      [
        '"The Kelby ferry will sail again on the first of April, from the new pontoon at Osterhavn," Mayor Lena Voss wrote on the council website.',
        'The council will pay for the pontoon from its reserve fund.',
      ].join('\n\n'),
      { date: '2025-11-05', source: 'Coast Courier' },
      'ferry-courier.txt',
    );
    const paraphrased = buildArticle(
      [
        'Voss said Wednesday the Kelby ferry would sail again on April 1 from Osterhavn, as fishermen on the island warned that the winter catch would rot on the quays.',
        'The ferry has been idle since storms wrecked its landing ramp in October.',
      ].join('\n\n'),
      { date: '2025-11-05', source: 'Island Post' },
      'ferry-post.txt',
    );
    const points = summarise(storyCorpus([quoted, paraphrased]), { length: 'detailed' }).points;
    expect(points.filter((p) => /Kelby ferry/.test(p.text))).toHaveLength(1);
    expect(points.some((p) => p.text.includes('idle since storms'))).toBe(true);
  });

  it('gives the newest day up to three lines when the story is followed day by day', () => {
    const dated = (dates: string[]) =>
      STORY.map((item, i) => buildArticle(item.text, { date: dates[i]!, source: item.source }, `story-${i}.txt`));
    const fromNewest = (dates: string[]) => {
      const corpus = storyCorpus(dated(dates));
      const newest = corpus.articles().at(-1)!.id;
      return summarise(corpus, { length: 'short' }).points.filter((p) => p.articleId === newest).length;
    };
    expect(fromNewest(['2025-03-01', '2025-03-01', '2025-03-02', '2025-03-04'])).toBe(3);
    // Weeks apart, the newest article is one more report: it opens the summary, the story fills the rest.
    expect(fromNewest(STORY.map((item) => item.date))).toBe(1);
  });

  it('keeps each length within its sentence budget, longer lengths saying more', () => {
    const corpus = storyCorpus();
    const counts = (['short', 'standard', 'detailed'] as const).map((length) => {
      const points = summarise(corpus, { length }).points;
      expect(points.length).toBeLessThanOrEqual(SUMMARY_BUDGETS[length].maxSentences);
      return points.length;
    });
    expect(counts[0]).toBeLessThan(counts[2]!);
  });

  it('leaves bylines and bare headings out', () => {
    const points = summarise(storyCorpus(), { length: 'detailed' }).points;
    expect(points.some((p) => p.text.startsWith('By '))).toBe(false);
  });

  it('summarises only articles dated on or after since', () => {
    const corpus = storyCorpus();
    const summary = summarise(corpus, { since: '2025-03-09' });
    expect(summary.articles).toBe(2);
    for (const point of summary.points) expect(corpus.get(point.articleId)!.date! >= '2025-03-09').toBe(true);
  });

  it("leaves out of what's new since a day what an earlier article already said in nearly the same words", () => {
    const earlier = buildArticle(
      'The harbour authority said on Monday that the northern ferry pier would close for repairs until the spring.\n\n' +
        'Fishing crews asked the council for a temporary landing stage near the lighthouse.',
      { title: 'Northern pier to close', date: '2025-03-10' },
      'pier-monday.txt',
    );
    const later = buildArticle(
      'The harbour authority said that the northern ferry pier would close for repairs until the spring.\n\n' +
        'Engineers found cracks in two of the pier supports during an inspection on Tuesday.\n\n' +
        'The council approved a floating landing stage for the fishing crews.',
      { title: 'Cracks found in pier supports', date: '2025-03-11' },
      'pier-tuesday.txt',
    );
    const another = buildArticle(
      'Inspectors said on Tuesday that the cracks in the pier supports had been growing for years.\n\n' +
        'Repairs to the supports will cost the harbour authority about two million.',
      { title: 'Pier cracks growing for years', date: '2025-03-11' },
      'pier-tuesday-2.txt',
    );
    const corpus = new Corpus(() => ({ quotes: [], entities: [] }));
    corpus.add([earlier, later, another]);
    const texts = summarise(corpus, { since: '2025-03-11', length: 'detailed' }).points.map((point) => point.text);
    expect(texts.some((text) => text.includes('cracks in two of the pier supports'))).toBe(true);
    expect(texts.some((text) => text.includes('would close for repairs'))).toBe(false);
  });

  it('summarises one article when given its id, crediting other articles that repeat it', () => {
    const articles = storyArticles();
    const corpus = storyCorpus(articles);
    const summary = summarise(corpus, { articleId: articles[1]!.id, length: 'short' });
    expect(summary.articles).toBe(1);
    expect(summary.points.length).toBeGreaterThan(0);
    for (const point of summary.points) expect(point.articleId).toBe(articles[1]!.id);
    expect(summary.points[0]!.alsoIn).toEqual([articles[0]!.id]);
  });

  it('refuses politely when the article id is unknown', () => {
    expect(() => summarise(storyCorpus(), { articleId: 'no-such-article' })).toThrow(UserFacingError);
  });

  it('refuses a since that is not a YYYY-MM-DD day', () => {
    expect(() => summarise(storyCorpus(), { since: 'last week' })).toThrow(/YYYY-MM-DD/);
  });

  it('refuses a length that is not one of the three', () => {
    expect(() => summarise(storyCorpus(), { length: 'epic' as 'short' })).toThrow(/short, standard, detailed/);
  });

  it('returns no points when nothing is in scope', () => {
    const summary = summarise(storyCorpus(), { since: '2030-01-01' });
    expect(summary).toMatchObject({ points: [], articles: 0 });
  });

  it('returns the cached summary for the same corpus version and options', () => {
    const corpus = storyCorpus();
    const first = summarise(corpus, { length: 'short' });
    expect(summarise(corpus, { length: 'short' })).toBe(first);
    expect(summarise(corpus, { length: 'detailed' })).not.toBe(first);
  });

  it('serves a /summary at the default length from the summary warmed without one', () => {
    const corpus = storyCorpus();
    const warmed = summarise(corpus);
    expect(summarise(corpus, { length: 'standard' })).toBe(warmed);
  });

  it('summarises afresh when articles are added', () => {
    const articles = storyArticles();
    const corpus = storyCorpus(articles.slice(0, 2));
    const before = summarise(corpus, { length: 'detailed' });
    corpus.add(articles.slice(2));
    const after = summarise(corpus, { length: 'detailed' });
    expect(after).not.toBe(before);
    expect(after.articles).toBe(4);
    expect(after.points.some((p) => p.articleId === articles[3]!.id)).toBe(true);
  });

  it('summarises an article whose sentences are all too short to stand alone as nothing', () => {
    const corpus = storyCorpus([buildArticle('Yes.\n\nNo.\n\nMaybe so.', { date: '2025-01-01' }, 'tiny.txt')]);
    expect(summarise(corpus).points).toEqual([]);
  });

  it('summarises the real seed article with verbatim sentences', async () => {
    const { articles } = await loadArticles(SEEDS_DIR);
    const corpus = storyCorpus(articles);
    const summary = summarise(corpus, { length: 'short' });
    expect(summary.points.length).toBeGreaterThan(0);
    expect(summary.points.length).toBeLessThanOrEqual(SUMMARY_BUDGETS.short.maxSentences);
    for (const point of summary.points) {
      expect(corpus.get(point.articleId)!.text.slice(point.start, point.end)).toBe(point.text);
    }
  });
});
