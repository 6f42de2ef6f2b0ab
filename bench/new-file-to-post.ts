/**
 * Subscriptions, end to end and timed: the bot started as `npm start` starts it, watching a seeds
 * folder, with one channel subscribed through /subscribe; each new article file written to the folder
 * is timed from the write to the post arriving in the channel at the fake Discord (the watcher's
 * settle time, loading, the announcement, the outbox, the delivery worker and Discord's REST).
 */
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { startFakeDiscord } from '../test/fake-discord/index.js';
import { type BotProcess, spawnBot } from './bot-process.js';
import { timeRoundTrip } from './interaction-round-trip.js';
import { type Latency, latencyOf } from './measure.js';
import { waitUntilServing } from './serving-bot.js';

/** New files written, one after another, each waited for. */
const FILES = 20;
const POST_TIMEOUT_MS = 20_000;
/** Goal from issue 5: "time from a new seed file to its post in the channel, p50 < 2 s". */
export const NEW_FILE_P50_GOAL_MS = 2_000;

export interface NewFileToPost {
  articlesAtStart: number;
  latency: Latency;
  violations: number;
}

export async function measureNewFileToPost(options: {
  seedsDir: string;
  log: (message: string) => void;
}): Promise<NewFileToPost> {
  const fake = await startFakeDiscord({ log: (message) => options.log(`[subscriptions] ${message}`) });
  const seedsDir = await mkdtemp(join(tmpdir(), 'newsdesk-bench-watch-'));
  const dataDir = await mkdtemp(join(tmpdir(), 'newsdesk-bench-subs-'));
  await cp(options.seedsDir, seedsDir, { recursive: true });
  let bot: BotProcess | undefined;
  try {
    bot = spawnBot({
      DISCORD_TOKEN: fake.token,
      DISCORD_API_BASE: fake.apiUrl,
      SEEDS_DIR: seedsDir,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      HEALTH_PORT: '',
      SHARD_COUNT: '',
      DISCORD_GUILD_ID: '',
      DATABASE_URL: '',
      WATCH_SEEDS: 'true',
    });
    const articlesAtStart = await waitUntilServing(fake, bot);
    await timeRoundTrip(fake, 'subscribe', {}, POST_TIMEOUT_MS);
    const times: number[] = [];
    for (let i = 0; i < FILES; i++) {
      const title = benchTitle(i);
      const posted = fake.waitFor(
        (r) =>
          r.route === 'POST /channels/:channel_id/messages' &&
          r.status === 200 &&
          JSON.stringify(r.body).includes(title),
        POST_TIMEOUT_MS,
      );
      const started = performance.now();
      await writeFile(join(seedsDir, `bench-${i + 1}.md`), benchArticle(title, i));
      await posted;
      times.push(performance.now() - started);
      // Apart from each other, as articles arrive in a real story (and the watcher settles per file).
      await sleep(100);
    }
    return { articlesAtStart, latency: latencyOf(times), violations: fake.violations.length };
  } finally {
    await bot?.stop();
    await fake.stop();
    await rm(seedsDir, { recursive: true, force: true });
    await rm(dataDir, { recursive: true, force: true });
  }
}

const SUBJECTS = [
  'ferry operator',
  'city council',
  'harbour authority',
  'rail union',
  'airport',
  'hospital board',
  'school district',
  'water utility',
  'fire brigade',
  'port police',
  'museum trust',
  'bus company',
  'power grid',
  'weather office',
  'coast guard',
  'university',
  'library service',
  'parks department',
  'housing agency',
  'tax office',
];
const ACTIONS = [
  'adds evening crossings',
  'approves a budget',
  'closes the north pier',
  'calls off a strike',
  'reopens terminal two',
  'opens a new ward',
  'extends term dates',
  'raises tariffs',
  'hires forty recruits',
  'seizes contraband',
  'returns looted bronzes',
  'cuts night routes',
  'restores supply',
  'warns of storms',
  'rescues two sailors',
  'freezes fees',
  'extends opening hours',
  'plants a thousand oaks',
  'builds flats',
  'delays refunds',
];
const NAMES = [
  'Maria Lopez',
  'Tom Becker',
  'Aiko Tanaka',
  'Samuel Osei',
  'Lena Novak',
  'Ravi Mehta',
  'Clara Dubois',
  'Jonas Berg',
  'Fatima Haddad',
  'Peter Olsen',
  'Grace Kim',
  'Diego Ruiz',
  'Nina Petrova',
  'Omar Reyes',
  'Eva Lund',
  'Hugo Marin',
  'Ines Costa',
  'Karl Weber',
  'Zara Ahmed',
  'Luca Rossi',
];

/** The i-th of twenty distinct stories: different subjects, actions and speakers, so none is a wire copy of another. */
export function benchTitle(i: number): string {
  return `The ${SUBJECTS[i % SUBJECTS.length]} ${ACTIONS[i % ACTIONS.length]}`;
}

function benchArticle(title: string, i: number): string {
  const subject = SUBJECTS[i % SUBJECTS.length];
  const name = NAMES[i % NAMES.length];
  return [
    '---',
    `title: "${title}"`,
    `date: 2025-08-${String(10 + (i % 18)).padStart(2, '0')}`,
    'source: Bench Wire',
    '---',
    '',
    `${title}, the announcement said on Friday.`,
    '',
    `“This is the right decision for everyone,” said ${name}, who speaks for the ${subject}.`,
    '',
  ].join('\n');
}

export function formatNewFileToPost(result: NewFileToPost): string {
  const { latency } = result;
  const met = latency.p50 < NEW_FILE_P50_GOAL_MS ? 'met' : 'NOT met';
  return [
    `New seed file → post in a subscribed channel (${latency.n} files, ${result.articlesAtStart} articles loaded at start)`,
    `  p50 ${latency.p50.toFixed(0)} ms, p99 ${latency.p99.toFixed(0)} ms, max ${latency.max.toFixed(0)} ms (goal p50 < ${NEW_FILE_P50_GOAL_MS} ms: ${met}); fake Discord violations: ${result.violations}`,
    '',
  ].join('\n');
}
