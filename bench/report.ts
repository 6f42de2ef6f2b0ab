import type { CorpusProcessResult } from './corpus-process.js';
import type { Latency } from './measure.js';

export interface CorpusRun {
  label: string;
  /** Milliseconds spent writing the synthetic files (0 when reused). */
  generateMs: number;
  cold: CorpusProcessResult;
  /** Missing when the warm process failed (e.g. ran out of memory). */
  warm?: CorpusProcessResult | undefined;
  /** DATA_DIR after the cold start: the store (articles, analysis) and the passage index file. */
  diskMB: number;
}

/** The bars (#14), each checked at one corpus size. */
export const GOALS = {
  '10k': { peakRssMB: 400, warmMs: 1_000, askP99: 50, summaryAfterNewMs: 1_500, timelineP99: 100 },
  '100k': { coldMs: 60_000, warmMs: 5_000, peakRssMB: 1_536, askP99: 50, summaryAfterNewMs: 3_000 },
};

const ms = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(1));
const seconds = (value: number) => (value / 1000).toFixed(2);
const mark = (ok: boolean) => (ok ? 'met' : 'MISSED');

type Cell = (run: CorpusRun) => string;

/** One readable table per corpus size and measurement, the bars beside them with met / MISSED. */
export function formatReport(runs: readonly CorpusRun[], header: string): string {
  const labels = runs.map((run) => run.label);
  const rows: string[][] = [];
  const section = (title: string) => rows.push([], [title, ...labels, 'goal']);
  const goal = (label: keyof typeof GOALS, text: string, check: (run: CorpusRun) => boolean) => {
    const run = runs.find((candidate) => candidate.label === label);
    return run ? `${text}: ${mark(check(run))}` : text;
  };
  const add = (label: string, cell: Cell, goalText = '') => rows.push([`  ${label}`, ...runs.map(cell), goalText]);
  const peak = (run: CorpusRun) => Math.max(run.cold.peakRssMB, run.warm?.peakRssMB ?? Infinity);
  const latency =
    (op: keyof NonNullable<CorpusProcessResult['latency']>): Cell =>
    (run) =>
      run.warm?.latency ? latencyCell(run.warm.latency[op]) : '-';
  const after =
    (view: keyof NonNullable<CorpusProcessResult['afterNewArticleMs']>): Cell =>
    (run) =>
      run.warm?.afterNewArticleMs ? ms(run.warm.afterNewArticleMs[view]) : '-';
  const first =
    (view: keyof NonNullable<CorpusProcessResult['firstCallMs']>): Cell =>
    (run) =>
      run.warm?.firstCallMs ? ms(run.warm.firstCallMs[view]) : '-';

  rows.push(['start-up', ...labels, 'goal']);
  add('articles / passages', (run) => `${run.cold.articles} / ${run.cold.passages}`);
  add(
    'cold: load + index + store s',
    (run) => seconds(run.cold.loadMs),
    goal('100k', '≤ 60 s at 100k', (run) => run.cold.loadMs <= GOALS['100k'].coldMs),
  );
  add(
    'warm restart (nothing changed) s',
    (run) => (run.warm ? seconds(run.warm.loadMs) : 'failed'),
    `${goal('10k', '≤ 1 s at 10k', (run) => (run.warm?.loadMs ?? Infinity) <= GOALS['10k'].warmMs)}; ${goal('100k', '≤ 5 s at 100k', (run) => (run.warm?.loadMs ?? Infinity) <= GOALS['100k'].warmMs)}`,
  );
  add(
    '  files parsed / articles analysed',
    (run) => (run.warm ? `${run.warm.parsedFiles} / ${run.warm.analysed}` : '-'),
    'warm: 0 / 0',
  );
  add('peak RSS, cold process MB', (run) => run.cold.peakRssMB.toFixed(0));
  add('peak RSS, warm start MB', (run) => run.warm?.startupPeakRssMB?.toFixed(0) ?? '-');
  add(
    'peak RSS, warm + commands MB',
    (run) => (run.warm ? `${run.warm.peakRssMB.toFixed(0)}${run.warm.partial ? ' (died in commands)' : ''}` : 'failed'),
    `${goal('10k', 'both ≤ 400 MB at 10k', (run) => peak(run) <= GOALS['10k'].peakRssMB)}; ${goal('100k', '≤ 1.5 GB at 100k', (run) => peak(run) <= GOALS['100k'].peakRssMB)}`,
  );
  add('DATA_DIR on disk MB', (run) => run.diskMB.toFixed(0));

  section('latency ms (p50 / p99), warm');
  add(
    '/ask (answerQuestion)',
    latency('ask'),
    `${goal('10k', 'p99 < 50 ms at 10k', (run) => (run.warm?.latency?.ask.p99 ?? Infinity) < GOALS['10k'].askP99)}; ${goal('100k', 'p99 ≤ 50 ms at 100k', (run) => (run.warm?.latency?.ask.p99 ?? Infinity) <= GOALS['100k'].askP99)}`,
  );
  add('/quote (findQuotes)', latency('quote'));
  add('/search (index.search)', latency('search'));
  add('/who (listPeople)', latency('people'));
  add('/summary, cached', latency('summary'));
  add(
    '/timeline about: a topic or person (selectTimeline)',
    latency('timeline'),
    goal(
      '10k',
      'p99 < 100 ms at 10k',
      (run) => (run.warm?.latency?.timeline?.p99 ?? Infinity) < GOALS['10k'].timelineP99,
    ),
  );

  section('first call ms');
  add('/summary after start', first('summary'));
  add('/quote after start', first('quote'));
  add('/who after start', first('people'));
  add('/timeline after start', first('timeline'));
  add('one new article: analyse, index, store', (run) => (run.warm?.addOneMs ? ms(run.warm.addOneMs) : '-'));
  add(
    '/summary after one new article',
    after('summary'),
    `${goal('10k', '≤ 1.5 s at 10k', (run) => (run.warm?.afterNewArticleMs?.summary ?? Infinity) <= GOALS['10k'].summaryAfterNewMs)}; ${goal('100k', '≤ 3 s at 100k', (run) => (run.warm?.afterNewArticleMs?.summary ?? Infinity) <= GOALS['100k'].summaryAfterNewMs)}`,
  );
  add('/quote after one new article', after('quote'));
  add('/who after one new article', after('people'));
  add('/timeline after one new article', after('timeline'));
  return `${header}\n\n${alignColumns(rows)}\n`;
}

export function latencyCell(latency: Pick<Latency, 'p50' | 'p99' | 'errors'>): string {
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
