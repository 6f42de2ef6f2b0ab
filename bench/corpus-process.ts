/**
 * One start of Newsdesk's corpus in its own process, as `npm start` builds it (store, stored
 * articles, index file under DATA_DIR), so its peak resident memory is its own:
 *
 *   node scripts/run.mjs bench/corpus-process.ts cold|warm <corpus dir> <data dir> <queries>
 *
 * `cold` starts from an empty DATA_DIR and stops once loaded. `warm` starts again on the same
 * DATA_DIR (nothing changed), then times the commands, then one new article and the first
 * story-wide views after it. Prints one JSON line (`CorpusProcessResult`) on stdout.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MAX_TIMELINE_ENTRIES } from '../commands/timeline.js';
import { answerQuestion } from '../src/answers/answer-question.js';
import { buildArticle } from '../src/articles/article.js';
import { openCorpus } from '../src/corpus/open-corpus.js';
import { limitHeapGrowth } from '../src/heap-growth.js';
import { createLogger } from '../src/logger.js';
import { listPeople } from '../src/people/directory.js';
import { findQuotes } from '../src/quotes/find-quotes.js';
import { openStore } from '../src/store/open-store.js';
import { summarise } from '../src/summaries/summarise.js';
import { selectTimeline } from '../src/timeline/build-timeline.js';
import { storyPools } from './generate-corpus.js';
import { garbageCollector, type Latency, memoryUse, timeEach, timeOnce } from './measure.js';
import { makeQueries } from './queries.js';

export const BENCH_SEED = 20250806;
/** Run from the project's root (bench/main.ts starts it there), compiled in dist/ or not. */
const SEEDS_DIR = resolve('seeds');
/** Calls made before timing, so the JIT has seen each code path (first calls are reported apart). */
const WARM_UP = 10;
const SUMMARY_REPEATS = 50;

export type ViewTimes = Record<'summary' | 'quote' | 'people' | 'timeline', number>;

export interface CorpusProcessResult {
  mode: 'cold' | 'warm';
  articles: number;
  passages: number;
  /** Read, parse, analyse, index and store (cold), or read back (warm): until ready to answer. */
  loadMs: number;
  parsedFiles: number;
  analysed: number;
  /** VmHWM: the most memory the process ever held resident. */
  peakRssMB: number;
  /** VmHWM once loaded, before any command. */
  startupPeakRssMB?: number;
  /** Set on the line written after start-up, before the commands: the process stopped there. */
  partial?: boolean;
  /** Warm only. */
  firstCallMs?: ViewTimes;
  latency?: Record<'ask' | 'quote' | 'search' | 'people' | 'summary' | 'timeline', Latency>;
  /** Warm only: the peak resident so far after each command's timed calls. */
  peakRssMBAfterLatency?: Record<string, number>;
  /** One new article: analysed, indexed and stored. */
  addOneMs?: number;
  afterNewArticleMs?: ViewTimes;
  /**
   * Heap and resident memory after each step, a collection first: what each step keeps; and the
   * peak resident so far, to tell which step set the process's peak.
   */
  memoryAfter?: Record<string, { heapMB: number; rssMB: number; peakRssMB: number }>;
}

function peakRssMB(): number {
  const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

async function run(mode: 'cold' | 'warm', dir: string, dataDir: string, queryCount: number) {
  limitHeapGrowth();
  const gc = garbageCollector();
  const memoryAfter: NonNullable<CorpusProcessResult['memoryAfter']> = {};
  const keptAfter = (step: string) => {
    gc();
    const { heapMB, rssMB } = memoryUse();
    memoryAfter[step] = { heapMB: Math.round(heapMB), rssMB: Math.round(rssMB), peakRssMB: Math.round(peakRssMB()) };
  };
  const logger = createLogger({ level: 'silent' });
  const started = performance.now();
  const store = await openStore({ dataDir });
  const opened = await openCorpus({ seedsDir: dir, dataDir, store: store.articles, logger });
  const loadMs = performance.now() - started;
  const { corpus, index } = opened;
  const result: CorpusProcessResult = {
    mode,
    articles: corpus.size,
    passages: index.size,
    loadMs,
    parsedFiles: opened.parsedFiles,
    analysed: opened.analysed,
    peakRssMB: 0,
    memoryAfter,
  };
  keptAfter('load');
  // Written now as well, so a process that dies in the commands below (out of memory) still
  // reports its start-up.
  result.startupPeakRssMB = peakRssMB();
  process.stdout.write(`${JSON.stringify({ ...result, peakRssMB: result.startupPeakRssMB, partial: true })}\n`);
  if (mode === 'warm') {
    const pools = await storyPools(SEEDS_DIR, BENCH_SEED);
    const queries = makeQueries(pools, queryCount, BENCH_SEED);
    const speaker = pools.people[0]?.surname;
    const views = (when: string): ViewTimes => {
      const timed = (view: keyof ViewTimes, call: () => unknown) => {
        const ms = timeOnce(call);
        keptAfter(`${when} ${view}`);
        return ms;
      };
      return {
        summary: timed('summary', () => summarise(corpus, { length: 'standard' })),
        quote: timed('quote', () => findQuotes(corpus, { speaker })),
        people: timed('people', () => listPeople(corpus)),
        // As /timeline asks for it: the whole story's developments, cut to the lines it shows.
        timeline: timed('timeline', () => selectTimeline(corpus, { limit: MAX_TIMELINE_ENTRIES })),
      };
    };
    result.firstCallMs = views('first');
    const deps = { corpus, index };
    // The peak so far after each command's calls (no collection between them, as in a running bot).
    const peakAfter: Record<string, number> = {};
    const timedCalls = <T>(command: string, inputs: readonly T[], call: (input: T) => unknown) => {
      const latency = timeEach(inputs, call);
      peakAfter[command] = Math.round(peakRssMB());
      return latency;
    };
    const warm = <T>(command: string, inputs: readonly T[], call: (input: T) => unknown) => {
      timeEach(inputs.slice(0, WARM_UP), call);
      return timedCalls(command, inputs, call);
    };
    result.latency = {
      ask: warm('ask', queries.questions, (question) => answerQuestion(question, deps)),
      quote: warm('quote', queries.quotes, (query) => findQuotes(corpus, query)),
      search: warm('search', queries.searches, (query) => index.search(query, { limit: 10 })),
      people: warm('people', queries.quotes, (query) => listPeople(corpus, { query: query.speaker ?? query.about })),
      summary: timedCalls('summary', Array.from({ length: SUMMARY_REPEATS }), () =>
        summarise(corpus, { length: 'standard' }),
      ),
      timeline: warm('timeline', queries.quotes, (query) =>
        selectTimeline(corpus, { about: query.about ?? query.speaker, limit: MAX_TIMELINE_ENTRIES }),
      ),
    };
    result.peakRssMBAfterLatency = peakAfter;
    // A follow-up of the newest article, as a feed would bring it.
    const newest = corpus.articles().at(-1)!;
    const follow = buildArticle(
      `${newest.text}\n\nOfficials said on Friday that the talks would resume next week in Geneva.`,
      { title: `${newest.title} (updated)`, date: newest.date },
      'bench-new-article.txt',
    );
    const addStarted = performance.now();
    corpus.add([follow]);
    await opened.stored?.flush();
    result.addOneMs = performance.now() - addStarted;
    keptAfter('latency and one new article');
    result.afterNewArticleMs = views('after new article');
  }
  await opened.stored?.flush();
  await store.close();
  index.close();
  result.peakRssMB = peakRssMB();
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [mode, dir, dataDir, queries] = process.argv.slice(2);
  if ((mode !== 'cold' && mode !== 'warm') || !dir || !dataDir) {
    process.stderr.write(
      'usage: node scripts/run.mjs bench/corpus-process.ts cold|warm <corpus dir> <data dir> [queries]\n',
    );
    process.exit(2);
  }
  await run(mode, dir, dataDir, Number(queries ?? 300));
}
