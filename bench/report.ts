import type { Latency, MemoryUse } from './measure.js';

export type Operation = 'ask' | 'quote' | 'summary' | 'search' | 'people';

export interface CorpusRun {
  label: string;
  articles: number;
  skipped: number;
  /** Milliseconds spent writing the synthetic files (0 when reused). */
  generateMs: number;
  loadMs: number;
  analyseMs: number;
  indexMs: number;
  /** Read, parse, analyse and index: what a start-up or a reload costs. */
  totalMs: number;
  memory: MemoryUse;
  /** The first call of services that build a per-corpus-version cache. */
  firstCallMs: Record<'quote' | 'people' | 'summary', number>;
  /** The same calls after one more article arrives (what each subscription update costs). */
  afterNewArticleMs: Record<'quote' | 'people' | 'summary', number>;
  latency: Record<Operation, Latency>;
}

const GOAL_CORPUS = '10k';
export const GOALS = {
  loadMs: 10_000,
  askP99: 50,
  quoteP99: 50,
};

const OPERATIONS: Array<{ op: Operation; label: string; goal?: keyof typeof GOALS }> = [
  { op: 'ask', label: 'ask (answerQuestion)', goal: 'askP99' },
  { op: 'quote', label: 'quote (findQuotes)', goal: 'quoteP99' },
  { op: 'summary', label: 'summary, cached', goal: undefined },
  { op: 'search', label: 'search (index.search)', goal: undefined },
  { op: 'people', label: 'people (listPeople)', goal: undefined },
];

const ms = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(1));
const seconds = (value: number) => (value / 1000).toFixed(2);
const mark = (ok: boolean) => (ok ? 'ok' : 'MISSED');

/** One readable table: load and memory per corpus, then latency per operation, goals beside them. */
export function formatReport(runs: readonly CorpusRun[], header: string): string {
  const goalRun = runs.find((run) => run.label === GOAL_CORPUS);
  const labels = runs.map((run) => run.label);
  const rows: string[][] = [['loading', ...labels, 'goal']];
  const add = (label: string, cell: (run: CorpusRun) => string, goal = '') => {
    rows.push([`  ${label}`, ...runs.map(cell), goal]);
  };
  add('articles loaded', (run) => `${run.articles}${run.skipped ? ` (${run.skipped} skipped)` : ''}`);
  add('read + parse s', (run) => seconds(run.loadMs));
  add('analyse s', (run) => seconds(run.analyseMs));
  add('index s', (run) => seconds(run.indexMs));
  const loadGoal = goalRun ? `< 10 s at 10k: ${mark(goalRun.totalMs < GOALS.loadMs)}` : '< 10 s at 10k';
  add('loaded + indexed s', (run) => seconds(run.totalMs), loadGoal);
  add('heap MB', (run) => run.memory.heapMB.toFixed(0));
  add('rss MB', (run) => run.memory.rssMB.toFixed(0));
  rows.push([]);
  rows.push(['latency ms (p50 / p99)', ...labels, 'goal']);
  for (const { op, label, goal } of OPERATIONS) {
    const goalText = goal && goalRun ? `p99 < 50 ms at 10k: ${mark(goalRun.latency[op].p99 < GOALS[goal])}` : '';
    add(label, (run) => latencyCell(run.latency[op]), goal ? goalText || 'p99 < 50 ms at 10k' : '');
  }
  rows.push([]);
  rows.push(['per-version caches ms', ...labels, '']);
  add('people, first call', (run) => ms(run.firstCallMs.people), 'merges the people directory');
  add('quote, first call', (run) => ms(run.firstCallMs.quote), 'builds the quote catalogue');
  add('summary, first call', (run) => ms(run.firstCallMs.summary), 'ranks the whole corpus');
  add('people, after +1 article', (run) => ms(run.afterNewArticleMs.people));
  add('quote, after +1 article', (run) => ms(run.afterNewArticleMs.quote), 'reuses per-article preparation');
  add('summary, after +1 article', (run) => ms(run.afterNewArticleMs.summary));
  return `${header}\n\n${alignColumns(rows)}\n`;
}

export function latencyCell(latency: { p50: number; p99: number; errors: number }): string {
  const errors = latency.errors ? ` (${latency.errors} errors)` : '';
  return `${ms(latency.p50)} / ${ms(latency.p99)}${errors}`;
}

export function alignColumns(rows: readonly string[][]): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, column) => {
      widths[column] = Math.max(widths[column] ?? 0, cell.length);
    });
  }
  return rows
    .map((row) =>
      row
        .map((cell, column) =>
          column === 0 || column === row.length - 1
            ? cell.padEnd(widths[column] ?? 0)
            : cell.padStart(widths[column] ?? 0),
        )
        .join('   ')
        .trimEnd(),
    )
    .join('\n');
}
