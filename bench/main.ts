/**
 * `npm run bench [-- --100k] [-- --no-discord] [-- --json FILE]`: generates synthetic corpora of 1k
 * and 10k articles (100k with --100k) in the temp folder, loads and indexes each in this process as
 * the bot does at start-up, and measures memory and the latency of /ask, /quote, /summary and search.
 * Then, unless --no-discord, it starts the bot on the 10k corpus against the fake Discord and times
 * the interaction round trip of /ask, /quote and /summary (see discord-round-trip.ts).
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { answerQuestion } from '../src/answers/answer-question.js';
import { analyseArticle } from '../src/articles/analysis.js';
import { loadArticles } from '../src/articles/load-articles.js';
import { Corpus } from '../src/corpus/corpus.js';
import { listPeople } from '../src/people/directory.js';
import { findQuotes } from '../src/quotes/find-quotes.js';
import { PassageIndex } from '../src/search/passage-index.js';
import { summarise } from '../src/summaries/summarise.js';
import { formatDiscordReport } from './discord-report.js';
import { measureDiscordRoundTrip } from './discord-round-trip.js';
import { formatFanOut, measureFanOut } from './fan-out.js';
import { generateCorpus } from './generate-corpus.js';
import { garbageCollector, memoryUse, timeAsync, timeEach, timeOnce } from './measure.js';
import { formatNewFileToPost, measureNewFileToPost } from './new-file-to-post.js';
import { makeQueries } from './queries.js';
import { type CorpusRun, formatReport } from './report.js';

const SEED = 20250806;
const SEEDS_DIR = fileURLToPath(new URL('../seeds', import.meta.url));
const QUERIES = 300;
/** Fewer queries at 100k keep a run within minutes on a shared two-core machine. */
const QUERIES_100K = 150;
const SUMMARY_REPEATS = 50;
/** Calls made before timing, so the JIT has seen each code path (the first call is reported apart). */
const WARM_UP = 10;

const SIZES = [
  { label: '1k', articles: 1_000 },
  { label: '10k', articles: 10_000 },
];

const { values: flags } = parseArgs({
  options: {
    '100k': { type: 'boolean', default: false },
    'no-discord': { type: 'boolean', default: false },
    json: { type: 'string' },
  },
});

const collectGarbage = garbageCollector();
const log = (message: string) => process.stderr.write(`${message}\n`);

async function benchCorpus(label: string, articles: number): Promise<CorpusRun> {
  log(`[${label}] generating ${articles} articles...`);
  const generated = await timeAsync(() => generateCorpus(articles, { seedsDir: SEEDS_DIR, seed: SEED }));
  const synthetic = generated.value;
  collectGarbage();

  log(`[${label}] loading ${synthetic.dir}...`);
  const loaded = await timeAsync(() => loadArticles(synthetic.dir));
  const corpus = new Corpus(analyseArticle);
  const index = PassageIndex.open();
  let indexMs = 0;
  corpus.onChange((change) => {
    indexMs += timeOnce(() => {
      index.add(change.added);
      index.remove(change.removed.map((article) => article.id));
    });
  });
  // The last article is held back and added after the queries, to time the rebuild one new article causes.
  const held = loaded.value.articles.slice(0, -1);
  const late = loaded.value.articles.slice(-1);
  const addMs = timeOnce(() => corpus.add(held));
  collectGarbage();
  const memory = memoryUse();

  log(`[${label}] querying...`);
  const queries = makeQueries(synthetic.pools, articles >= 100_000 ? QUERIES_100K : QUERIES, SEED);
  const speaker = synthetic.pools.people[0]?.surname;
  const firstCallMs = {
    people: timeOnce(() => listPeople(corpus)),
    quote: timeOnce(() => findQuotes(corpus, { speaker })),
    summary: timeOnce(() => summarise(corpus, { length: 'standard' })),
  };
  const deps = { corpus, index };
  const warm = <T>(inputs: readonly T[], run: (input: T) => unknown) => {
    timeEach(inputs.slice(0, WARM_UP), run);
    return timeEach(inputs, run);
  };
  const latency = {
    ask: warm(queries.questions, (question) => answerQuestion(question, deps)),
    quote: warm(queries.quotes, (query) => findQuotes(corpus, query)),
    summary: timeEach(Array.from({ length: SUMMARY_REPEATS }), () => summarise(corpus, { length: 'standard' })),
    search: warm(queries.searches, (query) => index.search(query, { limit: 10 })),
    people: warm(queries.quotes, (query) => listPeople(corpus, { query: query.speaker ?? query.about })),
  };
  const addLateMs = timeOnce(() => corpus.add(late));
  const afterNewArticleMs = {
    people: timeOnce(() => listPeople(corpus)),
    quote: timeOnce(() => findQuotes(corpus, { speaker })),
    summary: timeOnce(() => summarise(corpus, { length: 'standard' })),
  };
  index.close();
  return {
    label,
    articles: corpus.size,
    skipped: loaded.value.skipped.length,
    generateMs: synthetic.generated ? generated.ms : 0,
    loadMs: loaded.ms,
    analyseMs: addMs - indexMs,
    indexMs,
    totalMs: loaded.ms + addMs + addLateMs,
    memory,
    firstCallMs,
    afterNewArticleMs,
    latency,
  };
}

const sizes = flags['100k'] ? [...SIZES, { label: '100k', articles: 100_000 }] : SIZES;
const runs: CorpusRun[] = [];
for (const size of sizes) {
  runs.push(await benchCorpus(size.label, size.articles));
  collectGarbage();
}

const header = `Newsdesk benchmark · node ${process.version} · ${availableParallelism()} CPUs · ${new Date().toISOString().slice(0, 10)}`;
process.stdout.write(formatReport(runs, header));

/**
 * One of the parts that drive the bot against the fake Discord (skipped with --no-discord): its
 * report is printed, or, when it throws, the error is logged and undefined returned. The in-process
 * numbers above still stand; the run fails so CI notices the missing part.
 */
async function measureBotPart<T>(
  name: string,
  measure: () => Promise<T>,
  format: (result: T) => string,
): Promise<T | undefined> {
  if (flags['no-discord']) return undefined;
  try {
    const result = await measure();
    process.stdout.write(`\n${format(result)}`);
    return result;
  } catch (err) {
    log(`${name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exitCode = 1;
    return undefined;
  }
}

const discord = await measureBotPart(
  'discord round trip',
  () => measureDiscordRoundTrip({ seedsDir: SEEDS_DIR, seed: SEED, log }),
  formatDiscordReport,
);
const fanOut = await measureBotPart('fan-out', () => measureFanOut({ seedsDir: SEEDS_DIR, log }), formatFanOut);
const newFileToPost = await measureBotPart(
  'new file → post',
  () => measureNewFileToPost({ seedsDir: SEEDS_DIR, log }),
  formatNewFileToPost,
);

if (flags.json) {
  writeFileSync(
    flags.json,
    // `discord` is left out when skipped or failed (JSON.stringify drops undefined).
    `${JSON.stringify({ node: process.version, date: new Date().toISOString(), runs, discord, fanOut, newFileToPost }, null, 2)}\n`,
  );
  log(`wrote ${flags.json}`);
}
