/**
 * The Discord interaction round trip: the bot started as `npm start` starts it (a child process on
 * the 10k-article corpus), logged in to the project's fake Discord, answering injected /ask, /quote
 * and /summary interactions. Times inject → acknowledgement and inject → final reply per command.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startFakeDiscord } from '../test/fake-discord/index.js';
import type { BotProcess } from './bot-process.js';
import { BENCHED_COMMANDS, type BenchedCommand, makeDiscordCases } from './discord-cases.js';
import { generateCorpus } from './generate-corpus.js';
import { timeRoundTrip } from './interaction-round-trip.js';
import { type Latency, latencyOf } from './measure.js';
import { startBotOnFake, waitUntilServing } from './serving-bot.js';

/** The corpus size the goal is stated for. */
export const DISCORD_CORPUS_ARTICLES = 10_000;
/** Interactions measured per command. */
const PER_COMMAND = 100;
/** Interactions per command sent first and not measured: JIT, per-corpus caches, discord.js warm-up. */
const WARM_UP = 5;
/** Each interaction must be answered within this (Discord's own limit is 15 minutes; users wait less). */
const ANSWER_TIMEOUT_MS = 15_000;
/** The whole measurement stops after this, however many interactions it has done. */
const MEASURE_BUDGET_MS = 180_000;
/** Goal from issue 3: "acknowledgement p99 < 100 ms". */
export const ACK_P99_GOAL_MS = 100;

export interface CommandRoundTrip {
  command: BenchedCommand;
  acknowledgement: Latency;
  finalReply: Latency;
  /** The first (cold) interaction of this command, before the warm-up and apart from the numbers. */
  firstMs: { acknowledgement: number; finalReply: number } | null;
  /** Answers sent after a deferral (the rest were the callback itself). */
  deferred: number;
  /** Answers only the user could see: refusals and errors. */
  ephemeral: number;
}

export interface DiscordRoundTrip {
  articles: number;
  /** Spawn → the gateway identified and a first /status answered: what a restart costs users. */
  startupMs: number;
  warmUp: number;
  commands: CommandRoundTrip[];
  /** True when the time budget ran out before every interaction was sent. */
  budgetExhausted: boolean;
  /** How the bot ended after SIGTERM: "exit code 0" is a clean shutdown. */
  botExit: string;
  /** Rules the fake saw broken (late acknowledgement, limits, mentions, schema); must be 0. */
  violations: number;
  violationRules: string[];
}

export interface DiscordRoundTripOptions {
  seedsDir: string;
  seed: number;
  log: (message: string) => void;
}

/** Runs the whole round trip and tears everything down (bot, fake, data folder), even on error. */
export async function measureDiscordRoundTrip(options: DiscordRoundTripOptions): Promise<DiscordRoundTrip> {
  const { log } = options;
  // Reuses the corpus the in-process bench generated (same seed and size), so only its pools are rebuilt.
  const corpus = await generateCorpus(DISCORD_CORPUS_ARTICLES, { seedsDir: options.seedsDir, seed: options.seed });
  const cases = makeDiscordCases(corpus.pools, corpus.dir, WARM_UP + PER_COMMAND, options.seed);
  const fake = await startFakeDiscord({ log: (message) => log(`[discord] ${message}`) });
  const dataDir = await mkdtemp(join(tmpdir(), 'newsdesk-bench-data-'));
  let bot: BotProcess | undefined;
  try {
    log(`[discord] starting the bot on ${corpus.dir}...`);
    const started = performance.now();
    bot = startBotOnFake(fake, { seedsDir: corpus.dir, dataDir });
    const articles = await waitUntilServing(fake, bot);
    const startupMs = performance.now() - started;
    log(`[discord] serving ${articles} articles after ${(startupMs / 1000).toFixed(1)} s; injecting interactions...`);
    const measured = await injectAll(fake, cases);
    // Stopped before counting violations, so anything the bot sends while shutting down is checked too.
    const botExit = await bot.stop();
    return {
      articles,
      startupMs,
      warmUp: WARM_UP,
      ...measured,
      botExit,
      violations: fake.violations.length,
      violationRules: [...new Set(fake.violations.map((violation) => violation.rule))],
    };
  } finally {
    await bot?.stop();
    await fake.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

interface Samples {
  ack: number[];
  final: number[];
  timeouts: number;
  first: CommandRoundTrip['firstMs'];
  deferred: number;
  ephemeral: number;
}

/**
 * One interaction at a time, commands in turn (ask, quote, summary, ask, ...), so each time is the
 * bot's own latency rather than a queue behind other requests, and a budget cut hits all alike.
 */
async function injectAll(
  fake: Parameters<typeof timeRoundTrip>[0],
  cases: Record<BenchedCommand, Record<string, unknown>[]>,
): Promise<Pick<DiscordRoundTrip, 'commands' | 'budgetExhausted'>> {
  const samples = new Map<BenchedCommand, Samples>(
    BENCHED_COMMANDS.map((command) => [
      command,
      { ack: [], final: [], timeouts: 0, first: null, deferred: 0, ephemeral: 0 },
    ]),
  );
  const deadline = performance.now() + MEASURE_BUDGET_MS;
  let budgetExhausted = false;
  for (let round = 0; round < WARM_UP + PER_COMMAND && !budgetExhausted; round++) {
    for (const command of BENCHED_COMMANDS) {
      if (performance.now() > deadline) {
        budgetExhausted = true;
        break;
      }
      const sample = samples.get(command)!;
      const options = cases[command][round] ?? {};
      try {
        const trip = await timeRoundTrip(fake, command, options, ANSWER_TIMEOUT_MS);
        if (round === 0) sample.first = { acknowledgement: trip.ackMs, finalReply: trip.finalMs };
        if (round < WARM_UP) continue;
        sample.ack.push(trip.ackMs);
        sample.final.push(trip.finalMs);
        if (trip.deferred) sample.deferred++;
        if (trip.ephemeral) sample.ephemeral++;
      } catch {
        if (round >= WARM_UP) sample.timeouts++;
      }
    }
  }
  const commands = BENCHED_COMMANDS.map((command) => {
    const { ack, final, timeouts, first, deferred, ephemeral } = samples.get(command)!;
    return {
      command,
      acknowledgement: latencyOf(ack, timeouts),
      finalReply: latencyOf(final, timeouts),
      firstMs: first,
      deferred,
      ephemeral,
    };
  });
  return { commands, budgetExhausted };
}
