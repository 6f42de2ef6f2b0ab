import { analyseArticle } from '../../src/articles/analysis.js';
import { buildArticle } from '../../src/articles/article.js';
import type { Article } from '../../src/articles/types.js';
import { Corpus } from '../../src/corpus/corpus.js';

/** A small invented story: a river bridge closes, inspectors report, the bridge reopens. */
export const STORY: { date: string; source: string; text: string }[] = [
  {
    date: '2025-03-01',
    source: 'Valley Herald',
    text: [
      'By Anna Field',
      'The Harlow river bridge was closed to all traffic on Saturday after engineers found cracks in two of its steel supports.',
      'About 12,000 vehicles cross the bridge each day, according to the county transport office.',
      'Drivers were told to use the ring road, adding up to 25 minutes to journeys into the town centre.',
      '“We will not take any risks with public safety,” county engineer Paul Reyes said at the scene.',
    ].join('\n\n'),
  },
  {
    date: '2025-03-01',
    source: 'County Times',
    text: [
      'Engineers closed the Harlow river bridge to all traffic on Saturday after finding cracks in two of its steel supports.',
      'Shops near the bridge said trade fell sharply within hours of the closure.',
      'The council said a full inspection would take at least a week.',
    ].join('\n\n'),
  },
  {
    date: '2025-03-09',
    source: 'Valley Herald',
    text: [
      'Inspectors said on Sunday that the cracked supports of the Harlow bridge can be repaired without demolishing the span.',
      'The repairs are expected to cost £2.4 million and to take about three weeks.',
      'Pedestrians will be allowed to cross on a fenced walkway from Monday.',
    ].join('\n\n'),
  },
  {
    date: '2025-03-30',
    source: 'County Times',
    text: [
      'The Harlow river bridge reopened to traffic on Sunday morning, three weeks after cracks forced its closure.',
      'Council leader Maria Lind thanked residents for their patience during the repairs.',
      'A weight limit of 7.5 tonnes will stay in place until a final inspection in May.',
    ].join('\n\n'),
  },
];

export function storyArticles(): Article[] {
  return STORY.map((item, i) => buildArticle(item.text, { date: item.date, source: item.source }, `story-${i}.txt`));
}

export function storyCorpus(articles: Article[] = storyArticles()): Corpus {
  const corpus = new Corpus(analyseArticle);
  corpus.add(articles);
  return corpus;
}
