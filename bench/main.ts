/**
 * `npm run bench [-- --100k] [-- --sizes 10k,100k] [-- --no-discord] [-- --json FILE]`: generates
 * synthetic corpora of 1k and 10k articles (100k with --100k; only the sizes named with --sizes) in
 * the temp folder. For each, Newsdesk's corpus is started
 * twice in a child process of its own, as `npm start` builds it (store and index file under a fresh
 * DATA_DIR): cold (everything parsed, analysed, indexed, stored), then warm (nothing changed), which
 * then times the commands and one new article (see corpus-process.ts). Each child reports its peak
 * resident memory; the DATA_DIR's size is measured between runs. Then, unless --no-discord, the bot
 * runs on the 10k corpus against the fake Discord (discord-round-trip.ts, fan-out, new file → post).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BENCH_SEED, type CorpusProcessResult } from './corpus-process.js';
import { formatDiscordReport } from './discord-report.js';
import { measureDiscordRoundTrip } from './discord-round-trip.js';
import { formatFanOut, measureFanOut } from './fan-out.js';
import { generateCorpus } from './generate-corpus.js';
import { timeAsync } from './measure.js';
import { formatNewFileToPost, measureNewFileToPost } from './new-file-to-post.js';
import { type CorpusRun, formatReport } from './report.js';

const SEED = BENCH_SEED;
const SEEDS_DIR = fileURLToPath(new URL('../seeds', import.meta.url));
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const QUERIES = 300;
/** Fewer queries at 100k keep a run within minutes on a shared two-core machine. */
const QUERIES_100K = 150;
/** A child that has not answered by then has hung; the bench reports it rather than waiting forever. */
const CHILD_TIMEOUT_MS = 30 * 60_000;

const SIZES = [
  { label: '1k', articles: 1_000 },
  { label: '10k', articles: 10_000 },
];
const SIZE_100K = { label: '100k', articles: 100_000 };

const { values: flags } = parseArgs({
  options: {
    '100k': { type: 'boolean', default: false },
    /** Comma-separated labels (1k, 10k, 100k): runs only those sizes, so one size can be measured alone. */
    sizes: { type: 'string' },
    'no-discord': { type: 'boolean', default: false },
    json: { type: 'string' },
  },
});

const log = (message: string) => process.stderr.write(`${message}\n`);

/** One start of the corpus in a child process, run from dist/ as `npm start` runs Newsdesk, its JSON line parsed. */
function startCorpus(mode: 'cold' | 'warm', dir: string, dataDir: string, queries: number): CorpusProcessResult {
  const output = execFileSync(
    process.execPath,
    [join(ROOT, 'scripts', 'run.mjs'), 'bench/corpus-process.ts', mode, dir, dataDir, String(queries)],
    {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 16 * 2 ** 20,
      timeout: CHILD_TIMEOUT_MS,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as CorpusProcessResult;
}

function folderMB(dir: string): number {
  let bytes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) bytes += statSync(join(entry.parentPath, entry.name)).size;
  }
  return bytes / 2 ** 20;
}

async function benchCorpus(label: string, articles: number): Promise<CorpusRun> {
  log(`[${label}] generating ${articles} articles...`);
  const generated = await timeAsync(() => generateCorpus(articles, { seedsDir: SEEDS_DIR, seed: SEED }));
  const synthetic = generated.value;
  const dataDir = mkdtempSync(join(tmpdir(), `newsdesk-bench-data-${label}-`));
  try {
    const queries = articles >= 100_000 ? QUERIES_100K : QUERIES;
    log(`[${label}] cold start on ${synthetic.dir}...`);
    const cold = startCorpus('cold', synthetic.dir, dataDir, queries);
    const diskMB = folderMB(dataDir);
    log(`[${label}] warm start, then commands...`);
    let warm: CorpusProcessResult | undefined;
    try {
      warm = startCorpus('warm', synthetic.dir, dataDir, queries);
    } catch (err) {
      // Its start-up line is kept (the commands are reported missing) and the run fails.
      log(`[${label}] warm run failed: ${err instanceof Error ? err.message : String(err)}`);
      const stdout = String((err as { stdout?: unknown }).stdout ?? '').trim();
      if (stdout) warm = JSON.parse(stdout.split('\n').at(-1) ?? '{}') as CorpusProcessResult;
      process.exitCode = 1;
    }
    return { label, generateMs: synthetic.generated ? generated.ms : 0, cold, warm, diskMB };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function chosenSizes(): typeof SIZES {
  const all = [...SIZES, SIZE_100K];
  if (!flags.sizes) return flags['100k'] ? all : SIZES;
  const labels = flags.sizes.split(',').map((label) => label.trim().toLowerCase());
  const unknown = labels.filter((label) => !all.some((size) => size.label === label));
  if (unknown.length) throw new Error(`unknown size ${unknown.join(', ')}; use ${all.map((s) => s.label).join(', ')}`);
  return all.filter((size) => labels.includes(size.label));
}

// Compiled once here, so no corpus process counts the compiler in its peak memory.
execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
const sizes = chosenSizes();
const runs: CorpusRun[] = [];
for (const size of sizes) runs.push(await benchCorpus(size.label, size.articles));

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
