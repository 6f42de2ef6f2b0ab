import { describe, expect, it } from 'vitest';
import { MAX_TIMELINE_ENTRIES, timeline } from '../../commands/timeline.js';
import { buildArticle } from '../../src/articles/article.js';
import type { Article } from '../../src/articles/types.js';
import { createIndexedCorpus } from '../../src/corpus/indexed-corpus.js';
import type { Services } from '../../src/services.js';
import { run } from './helpers.js';

function servicesOf(articles: Article[]): Services {
  const { corpus, index } = createIndexedCorpus(articles);
  return { corpus, index, load: { loaded: articles.length, skipped: [], ms: 1, dir: 'test' }, startedAt: new Date() };
}

const article = (origin: string, date: string, paragraphs: string[]) =>
  buildArticle(paragraphs.join('\n\n'), { date, title: origin }, origin);

describe('/timeline developments', () => {
  it('gives no date to "in the coming days"', async () => {
    const services = servicesOf([
      article('talks.txt', '2025-05-07', [
        'The two governments agreed a framework for fisheries talks at a meeting in Bergen.',
        'Negotiators will settle the quotas in the coming days, the ministry said.',
      ]),
    ]);
    const reply = await run(timeline, services);
    expect(reply.items.some((item) => item.text.includes('in the coming days'))).toBe(false);
    expect(reply.items.map((item) => item.text.slice(0, 10))).toEqual(['2025-05-07']);
  });

  it('shows "in January" as January, not as its first day', async () => {
    const services = servicesOf([
      article('budget.txt', '2025-05-07', [
        'The city council approved the harbour budget on Tuesday after a long debate.',
        'The council first proposed the new harbour budget in January, officials recalled.',
      ]),
    ]);
    const reply = await run(timeline, services);
    const january = reply.items.find((item) => item.text.includes('first proposed'));
    expect(january?.text.startsWith('January 2025')).toBe(true);
    expect(reply.items.some((item) => item.text.startsWith('2025-01-01'))).toBe(false);
  });

  it('marks a scheduled event as scheduled until an article reports it happened', async () => {
    const announced = article('announced.txt', '2025-05-05', [
      'Port officials said the new ferry terminal will open on Friday, May 9, with a ribbon cutting.',
    ]);
    const before = await run(timeline, servicesOf([announced]));
    expect(before.items.find((item) => item.text.startsWith('2025-05-09'))?.text).toMatch(/\(scheduled\)$/);
    const opened = article('opened.txt', '2025-05-09', [
      'The new ferry terminal opened on Friday with a ribbon cutting by port officials.',
    ]);
    const after = await run(timeline, servicesOf([announced, opened]));
    const day = after.items.filter((item) => item.text.startsWith('2025-05-09'));
    expect(day).toHaveLength(1);
    expect(day[0]!.text).not.toMatch(/scheduled/);
    expect(day[0]!.cites).toHaveLength(2);
  });

  it('does not put a report’s date on an event another article dates to the day before', async () => {
    const services = servicesOf([
      article('vote.txt', '2025-05-05', [
        'Councillors voted on Monday to close the old Eastwick ferry pier to all traffic.',
      ]),
      article('next-day.txt', '2025-05-06', [
        'Councillors in Eastwick voted to close the old ferry pier to all traffic after a long debate.',
      ]),
    ]);
    const reply = await run(timeline, services);
    expect(reply.items.every((item) => item.text.startsWith('2025-05-05'))).toBe(true);
  });

  it('says how many lines a cut timeline left out, and keeps the story’s first development', async () => {
    const days = MAX_TIMELINE_ENTRIES + 5;
    const articles = Array.from({ length: days }, (_, i) => {
      const date = new Date(Date.UTC(2025, 0, 1 + i)).toISOString().slice(0, 10);
      return article(`day-${i}.txt`, date, [
        `Inspectors counted ${100 + i} lorries crossing bridge number ${i} of the northern ring road yesterday.`,
      ]);
    });
    const reply = await run(timeline, servicesOf(articles));
    expect(reply.items).toHaveLength(MAX_TIMELINE_ENTRIES);
    expect(reply.intro).toContain(`${MAX_TIMELINE_ENTRIES} of ${days} developments`);
    expect(reply.intro).toContain('5 left out');
    expect(reply.items[0]!.text).toContain('bridge number 0 ');
  });
});
