import { describe, expect, it } from 'vitest';
import { sources } from '../../commands/sources.js';
import { summary } from '../../commands/summary.js';
import { buildArticle } from '../../src/articles/article.js';
import { parseArticleFile } from '../../src/articles/parse-article-file.js';
import type { Article } from '../../src/articles/types.js';
import { createIndexedCorpus } from '../../src/corpus/indexed-corpus.js';
import type { Services } from '../../src/services.js';
import { run } from './helpers.js';

function servicesOf(articles: Article[]): Services {
  const { corpus, index } = createIndexedCorpus(articles);
  return { corpus, index, load: { loaded: articles.length, skipped: [], ms: 1, dir: 'test' }, startedAt: new Date() };
}

const article = (origin: string, date: string, source: string, paragraphs: string[]) =>
  buildArticle(paragraphs.join('\n\n'), { date, source, title: origin.replace(/\.txt$/, '') }, origin);

/** A strike at a port told over four days (2025-05-05 is a Monday). */
const strikeBegins = [
  article('strike-begins.txt', '2025-05-05', 'Coast Gazette', [
    'Dock workers at the port of Eastwick walked out on Monday in a dispute over night-shift pay.',
    'The union said the strike would last until the port authority improved its offer on night shifts.',
  ]),
  article('strike-spreads.txt', '2025-05-05', 'Harbour News', [
    'Dock workers at the port of Eastwick walked out on Monday in a dispute over night-shift pay, union officials said.',
    'Lorries queued for several miles on the coast road outside the closed container terminal.',
  ]),
  article('strike-wire.txt', '2025-05-05', 'Wire Service', [
    'Dock workers at the port of Eastwick walked out on Monday in a dispute over night-shift pay, the union confirmed.',
    'The port handles a fifth of the region’s container traffic every year.',
  ]),
];
const talksPlanned = article('talks-planned.txt', '2025-05-06', 'Coast Gazette', [
  'The union and the port authority will meet on Friday at the town hall to discuss the night-shift pay offer.',
  'A mediator from the labour ministry has agreed to chair the meeting between the two sides.',
]);
const talksHeld = article('talks-held.txt', '2025-05-09', 'Harbour News', [
  'The union and the port authority met at the town hall on Friday and agreed a new night-shift pay deal, ending the strike.',
  'Ships began unloading at the container terminal again within hours of the agreement being signed.',
]);

describe('/summary of a developing story', () => {
  it('opens with the latest development, dated', async () => {
    const reply = await run(summary, servicesOf([...strikeBegins, talksPlanned, talksHeld]));
    expect(reply.items[0]!.text).toMatch(/^Latest, 9 May: /);
    expect(reply.items[0]!.text).toContain('agreed a new night-shift pay deal');
  });

  it('gives a fact three outlets reported as one line naming the three outlets', async () => {
    const reply = await run(summary, servicesOf([...strikeBegins, talksPlanned, talksHeld]), { length: 'detailed' });
    const walkouts = reply.items.filter((item) => item.text.includes('walked out on Monday'));
    expect(walkouts).toHaveLength(1);
    expect(walkouts[0]!.text).toContain('reported by 3 outlets: ');
    for (const outlet of ['Coast Gazette', 'Harbour News', 'Wire Service']) expect(walkouts[0]!.text).toContain(outlet);
    expect(walkouts[0]!.cites).toHaveLength(3);
  });

  it('drops a "will meet on Friday" sentence once an article says they met', async () => {
    const before = await run(summary, servicesOf([...strikeBegins, talksPlanned]), { length: 'detailed' });
    expect(before.items.some((item) => item.text.includes('will meet on Friday'))).toBe(true);
    const after = await run(summary, servicesOf([...strikeBegins, talksPlanned, talksHeld]), { length: 'detailed' });
    expect(after.items.some((item) => item.text.includes('will meet on Friday'))).toBe(false);
    expect(after.items.some((item) => item.text.includes('met at the town hall on Friday'))).toBe(true);
  });

  it('since: leaves out what earlier articles already said', async () => {
    const repeat = article('strike-recap.txt', '2025-05-09', 'Wire Service', [
      'Dock workers at the port of Eastwick walked out on Monday in a dispute over night-shift pay.',
      'The port authority said the new night-shift deal would cost it two million a year.',
    ]);
    const reply = await run(summary, servicesOf([...strikeBegins, talksPlanned, talksHeld, repeat]), {
      since: '2025-05-09',
      length: 'short',
    });
    expect(reply.items.length).toBeGreaterThan(0);
    expect(reply.items.some((item) => item.text.includes('walked out on Monday'))).toBe(false);
    expect(reply.intro).toContain('leaving out what earlier articles already said');
  });
});

describe('/summary since: a day', () => {
  it('says a newer article mostly repeats earlier reports when it adds nothing', async () => {
    const echo = article('strike-echo.txt', '2025-05-09', 'Wire Service', [
      'Dock workers at the port of Eastwick walked out on Monday in a dispute over night-shift pay.',
      'Lorries queued for several miles on the coast road outside the closed container terminal.',
    ]);
    const reply = await run(summary, servicesOf([...strikeBegins, talksPlanned, talksHeld, echo]), {
      since: '2025-05-09',
    });
    expect(reply.intro).toContain('“strike-echo” (Wire Service) mostly repeats earlier reports.');
    expect(reply.items.some((item) => item.text.includes('agreed a new night-shift pay deal'))).toBe(true);
  });
});

describe('headlines and /sources', () => {
  it('gives a seed-format article a short headline from its standfirst', () => {
    const text =
      'date 2025-05-05 Dock workers at the port of Eastwick walked out over night-shift pay, halting ' +
      'container traffic for the first time in twenty years as the union and the port authority traded blame.\n\n' +
      'The union said the strike would go on.';
    const parsed = parseArticleFile('0001_a3f9c2.txt', Buffer.from(text));
    expect(parsed.title.split(/\s+/).length).toBeLessThanOrEqual(14);
    expect(parsed.title.startsWith('Dock workers at the port of Eastwick walked out')).toBe(true);
  });

  it('takes a headline from the file name when it reads as one', () => {
    const text = 'date 2025-05-09 The union and the port authority met at the town hall in Eastwick on Friday.';
    const parsed = parseArticleFile(
      '2025-05-09-eastwick-union-and-port-authority-agree-pay-deal.txt',
      Buffer.from(text),
    );
    expect(parsed.title).toBe('Eastwick union and port authority agree pay deal');
  });

  it('/sources lists each article once', async () => {
    const services = servicesOf([...strikeBegins, talksPlanned, talksHeld]);
    const reply = await run(sources, services);
    expect(reply.items).toHaveLength(5);
    expect(reply.citations).toHaveLength(0);
    for (const item of reply.items) {
      const id = item.text.match(/id ([0-9a-f]{8})/)![1]!;
      expect(reply.items.filter((other) => other.text.includes(`id ${id}`))).toHaveLength(1);
    }
    expect(reply.items[0]!.text).toContain('Coast Gazette');
  });
});
