import { describe, expect, it } from 'vitest';
import { buildArticle } from '../../src/articles/article.js';
import type { ArticleMeta } from '../../src/articles/types.js';
import { groupWireStories, outletName } from '../../src/ingest/wire-groups.js';

const WIRE = [
  'ANCHORAGE, Alaska (AP) — President Donald Trump and Russian President Vladimir Putin will meet in Alaska on Friday, the White House said Saturday, in their first face-to-face talks since the war in Ukraine began.',
  'The summit at a military base outside Anchorage is expected to focus on a possible ceasefire, officials said, though neither side has published an agenda and Ukraine has not been invited.',
  'Ukrainian President Volodymyr Zelenskyy said any deal reached without Kyiv would be "dead on arrival" and urged European leaders to press Washington to include his government.',
  'Analysts cautioned that earlier rounds of talks had ended without agreement.',
];

const article = (paragraphs: readonly string[], meta: Partial<ArticleMeta>, origin: string) =>
  buildArticle(paragraphs.join('\n\n'), meta, origin);

/** The same AP copy as another outlet runs it: new headline, a trimmed lead, a local paragraph, the ending cut. */
const republished = article(
  [
    'President Donald Trump and Russian President Vladimir Putin will meet in Alaska on Friday, the White House said Saturday, in their first face-to-face talks since the war in Ukraine began.',
    WIRE[1]!,
    'Local officials in Anchorage said roads near the base would close from Thursday evening.',
    WIRE[2]!,
  ],
  { title: 'Trump, Putin to meet in Alaska', source: 'Anchorage Daily', date: '2025-08-09' },
  'anchorage-daily.txt',
);
const wire = article(WIRE, { title: 'Trump and Putin to meet Friday', source: 'AP', date: '2025-08-09' }, 'ap.txt');
/** The same event written up independently: same names and subject, different words. */
const ownReport = article(
  [
    'The White House confirmed on Saturday that Mr Trump will travel to Alaska to see Mr Putin, a meeting Kyiv fears could settle Ukraine’s fate over its head.',
    'European diplomats, speaking privately, said they had not been consulted about the venue or the format of the talks.',
    'Mr Zelenskyy has repeatedly said no agreement can be made about Ukraine without Ukraine.',
  ],
  { title: 'Kyiv uneasy as summit looms', source: 'The Chronicle', date: '2025-08-09' },
  'chronicle.txt',
);
const unrelated = article(
  ['Heavy rain is expected across the region on Friday.', 'Forecasters said the storm would reach the coast.'],
  { title: 'Storm warning', source: 'AP', date: '2025-08-09' },
  'storm.txt',
);

describe('groupWireStories', () => {
  it('groups the same wire copy run by another outlet under the first report, naming the other outlet', () => {
    expect(groupWireStories(republished, [unrelated, wire])).toEqual({
      leadArticleId: wire.id,
      leadOrigin: 'ap.txt',
      alsoReportedBy: ['Anchorage Daily'],
    });
  });

  it('groups wire copy that another outlet printed without accents or curly apostrophes', () => {
    const accented = article(
      ['Zélie Dúbois, Åsa Nyström and Ólafur Þórsson’s aides met Renée Müller’s envoys in Besançon on Friday.'],
      { source: 'Agence', date: '2025-08-09' },
      'agence.txt',
    );
    const plain = article(
      ["Zelie Dubois, Asa Nystrom and Olafur Þorsson's aides met Renee Muller's envoys in Besancon on Friday."],
      { source: 'Plain Post', date: '2025-08-09' },
      'plain.txt',
    );
    expect(groupWireStories(plain, [accented])?.leadArticleId).toBe(accented.id);
  });

  it('does not group an independent report of the same event', () => {
    expect(groupWireStories(ownReport, [wire, republished, unrelated])).toBeNull();
  });

  it('returns null for a story nobody else has carried', () => {
    expect(groupWireStories(unrelated, [wire, ownReport])).toBeNull();
    expect(groupWireStories(wire, [])).toBeNull();
  });

  it('makes the earlier-dated report the lead even when it arrives last', () => {
    const earlier = article(WIRE.slice(0, 3), { source: 'Reuters', date: '2025-08-08' }, 'reuters.txt');
    expect(groupWireStories(earlier, [wire, republished])).toEqual({
      leadArticleId: earlier.id,
      leadOrigin: 'reuters.txt',
      alsoReportedBy: ['AP', 'Anchorage Daily'],
    });
  });

  it('recognises copied wire sentences even when the lead paragraphs were rewritten', () => {
    const rewritten = article(
      [
        'A long-awaited meeting between the two leaders is finally on the calendar, and Kyiv is worried.',
        'Here is what we know so far about the plans.',
        WIRE[1]!,
        WIRE[2]!,
      ],
      { source: 'Explainer Weekly', date: '2025-08-10' },
      'explainer.txt',
    );
    expect(groupWireStories(rewritten, [wire])).toEqual({
      leadArticleId: wire.id,
      leadOrigin: 'ap.txt',
      alsoReportedBy: ['Explainer Weekly'],
    });
  });

  it('groups word-for-word copies from two outlets, though they share an article id', () => {
    const verbatim = article(WIRE, { source: 'Daily Herald', date: '2025-08-09' }, 'herald.txt');
    expect(verbatim.id).toBe(wire.id);
    expect(groupWireStories(verbatim, [wire, verbatim])).toEqual({
      leadArticleId: wire.id,
      leadOrigin: 'ap.txt',
      alsoReportedBy: ['Daily Herald'],
    });
  });

  it('never lists the lead outlet as also reporting its own story', () => {
    const sameOutletAgain = article([...WIRE.slice(0, 3)], { source: 'AP', date: '2025-08-09' }, 'ap-short.txt');
    expect(groupWireStories(sameOutletAgain, [wire])).toEqual({
      leadArticleId: wire.id,
      leadOrigin: 'ap.txt',
      alsoReportedBy: [],
    });
  });

  it('names an outlet by its source, else its web site, else its origin', () => {
    expect(outletName(wire)).toBe('AP');
    expect(outletName(article(['Text.'], { url: 'https://www.example.org/a' }, 'feed item'))).toBe('example.org');
    expect(outletName(article(['Text.'], {}, 'notes.txt'))).toBe('notes.txt');
  });
});
