/**
 * The story gold's "story so far" facts and dated developments (`DIR/story/nuggets.jsonl`,
 * `timeline.jsonl`; scoring in `story/README.md`), asked through `/summary` and `/timeline` as a
 * person following the story would: the summary's lines (its items) are its sentences, cut at N;
 * the timeline's lines are read as "YYYY-MM-DD …: text".
 *
 * Run alone: `npx tsx eval/story-summary.ts DIR`.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { f1 } from './f1.js';
import { readJsonLines } from './json-lines.js';
import { dataDirArgument, isScript } from './script.js';
import { articlesOf, loadStoryArticles, normaliseStoryText, openStoryDesk } from './story-set.js';

interface Fact {
  fact: string;
  patterns: string[];
}

interface NuggetRow {
  as_of: string;
  nuggets: Fact[];
  latest: Fact;
  corpus: string[];
}

interface TimelineRow {
  date: string;
  event: string;
  patterns: string[];
  corpus: string[];
}

/** Summary lengths scored: the README's N = 8 (from `length: detailed`) and N = 5 (the default length). */
const CUTS = [
  { n: 8, length: 'detailed' },
  { n: 5, length: 'standard' },
] as const;

export interface NuggetScores {
  /** Share of gold facts found at each cut-off date, mean over dates, per N. */
  recall: Record<string, number>;
  /** Per date and N: facts found of facts. */
  byDate: Record<string, Record<string, string>>;
  /** Dates (of all) whose latest development is in the summary's first two lines, per N. */
  latestInFirstTwo: Record<string, number>;
  dates: number;
}

export interface StoryTimelineScores {
  gold: number;
  predicted: number;
  recall: number;
  precision: number;
  f1: number;
  /** The same with a predicted date one day off allowed. */
  recallWithinADay: number;
}

export interface StorySummaryScores {
  nuggets?: NuggetScores;
  timeline?: StoryTimelineScores;
}

function matcher(patterns: readonly string[]): (text: string) => boolean {
  const compiled = patterns.map((pattern) => new RegExp(normaliseStoryText(pattern), 'i'));
  return (text) => {
    const normal = normaliseStoryText(text.replace(/\n/g, ' '));
    return compiled.some((pattern) => pattern.test(normal));
  };
}

export async function evalStoryNuggets(dataDir: string): Promise<NuggetScores> {
  const story = await loadStoryArticles(dataDir);
  const rows = await readJsonLines<NuggetRow>(join(dataDir, 'story', 'nuggets.jsonl'));
  const scores: NuggetScores = { recall: {}, byDate: {}, latestInFirstTwo: {}, dates: rows.length };
  for (const { n, length } of CUTS) {
    let recallSum = 0;
    let latest = 0;
    for (const row of rows) {
      const desk = openStoryDesk(articlesOf(story, row.corpus));
      try {
        const reply = await desk.run('summary', { length }, new Date(`${row.as_of}T23:00:00Z`));
        const lines = reply.items.map((item) => item.text).slice(0, n);
        const text = lines.join(' ');
        const found = row.nuggets.filter((nugget) => matcher(nugget.patterns)(text)).length;
        recallSum += found / row.nuggets.length;
        scores.byDate[row.as_of] ??= {};
        scores.byDate[row.as_of]![`N=${n}`] = `${found}/${row.nuggets.length}`;
        if (matcher(row.latest.patterns)(lines.slice(0, 2).join(' '))) latest++;
      } finally {
        desk.close();
      }
    }
    scores.recall[`N=${n}`] = recallSum / Math.max(1, rows.length);
    scores.latestInFirstTwo[`N=${n}`] = latest;
  }
  return scores;
}

const TIMELINE_LINE = /^(\d{4}-\d{2}-\d{2})\b/;

export async function evalStoryTimeline(dataDir: string): Promise<StoryTimelineScores> {
  const story = await loadStoryArticles(dataDir);
  const gold = await readJsonLines<TimelineRow>(join(dataDir, 'story', 'timeline.jsonl'));
  const files = [...new Set(gold.flatMap((row) => row.corpus))];
  // The whole story, as the gold is about the whole set: every file of its folders that a row names, and the rest.
  const all = [...new Set([...files, ...story.byFile.keys()])];
  const desk = openStoryDesk(articlesOf(story, all));
  let predicted: { date: string; text: string }[];
  try {
    const reply = await desk.run('timeline', {});
    predicted = reply.items.flatMap((item) => {
      const match = TIMELINE_LINE.exec(item.text);
      return match ? [{ date: match[1]!, text: item.text }] : [];
    });
  } finally {
    desk.close();
  }
  const matchers = gold.map((row) => matcher(row.patterns));
  const pairs = (tolerance: number) =>
    gold.map((row, g) =>
      predicted.flatMap((event, p) =>
        Math.abs(dayNumber(event.date) - dayNumber(row.date)) <= tolerance && matchers[g]!(event.text) ? [p] : [],
      ),
    );
  const exact = maximumMatching(pairs(0), predicted.length);
  const recall = exact / Math.max(1, gold.length);
  const precision = exact / Math.max(1, predicted.length);
  return {
    gold: gold.length,
    predicted: predicted.length,
    recall,
    precision,
    f1: f1(precision, recall),
    recallWithinADay: maximumMatching(pairs(1), predicted.length) / Math.max(1, gold.length),
  };
}

function dayNumber(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
}

/** Size of a maximum bipartite matching (Kuhn's augmenting paths): `edges[g]` lists the right-hand nodes of g. */
function maximumMatching(edges: readonly number[][], right: number): number {
  const owner = new Array<number>(right).fill(-1);
  const augment = (g: number, seen: boolean[]): boolean => {
    for (const p of edges[g]!) {
      if (seen[p]) continue;
      seen[p] = true;
      if (owner[p] === -1 || augment(owner[p]!, seen)) {
        owner[p] = g;
        return true;
      }
    }
    return false;
  };
  let matched = 0;
  for (let g = 0; g < edges.length; g++) if (augment(g, new Array<boolean>(right).fill(false))) matched++;
  return matched;
}

export async function evalStorySummary(dataDir: string): Promise<StorySummaryScores> {
  const scores: StorySummaryScores = {};
  if (existsSync(join(dataDir, 'story', 'nuggets.jsonl'))) scores.nuggets = await evalStoryNuggets(dataDir);
  if (existsSync(join(dataDir, 'story', 'timeline.jsonl'))) scores.timeline = await evalStoryTimeline(dataDir);
  return scores;
}

const pct = (x: number) => (100 * x).toFixed(1).padStart(5);

/** The table rows `npm run eval` prints for this part. */
export function storySummaryRows(scores: StorySummaryScores): string[] {
  const rows: string[] = [];
  const { nuggets, timeline } = scores;
  if (nuggets) {
    for (const { n } of CUTS) {
      const key = `N=${n}`;
      const byDate = Object.entries(nuggets.byDate)
        .map(([date, found]) => `${date.slice(5)} ${found[key]}`)
        .join(', ');
      rows.push(
        `${`story/nuggets /summary ${key}`.padEnd(34)} ${String(nuggets.dates).padStart(4)}  facts ${pct(nuggets.recall[key]!)}` +
          `  latest in first two lines ${nuggets.latestInFirstTwo[key]} of ${nuggets.dates}   (${byDate})`,
      );
    }
  }
  if (timeline) {
    rows.push(
      `${'story/timeline /timeline'.padEnd(34)} ${String(timeline.gold).padStart(4)}  under real date ${pct(timeline.recall)}` +
        `  P ${pct(timeline.precision)}  F1 ${pct(timeline.f1)}  ±1 day ${pct(timeline.recallWithinADay)}` +
        `  (${timeline.predicted} lines)`,
    );
  }
  return rows;
}

if (isScript(import.meta.url)) {
  const dataDir = dataDirArgument('npx tsx eval/story-summary.ts DIR');
  process.stdout.write(`${storySummaryRows(await evalStorySummary(dataDir)).join('\n')}\n`);
}
