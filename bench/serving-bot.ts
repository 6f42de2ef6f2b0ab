import { setTimeout as sleep } from 'node:timers/promises';
import type { FakeDiscord } from '../test/fake-discord/index.js';
import { type BotProcess, spawnBot } from './bot-process.js';
import { timeRoundTrip } from './interaction-round-trip.js';

/** Loading and indexing 10k articles on a busy two-core machine, then logging in. */
const STARTUP_TIMEOUT_MS = 180_000;
const POLL_MS = 50;
/** The first /status may wait for discord.js to finish READY and the guild it queues events behind. */
const FIRST_STATUS_TIMEOUT_MS = 15_000;
const ARTICLES_LOADED = /Articles loaded: (\d+)/;

/** The bot against the fake, configured only through the environment, as an operator would. */
export function startBotOnFake(fake: FakeDiscord, where: { seedsDir: string; dataDir: string }): BotProcess {
  return spawnBot({
    DISCORD_TOKEN: fake.token,
    DISCORD_API_BASE: fake.apiUrl,
    SEEDS_DIR: where.seedsDir,
    DATA_DIR: where.dataDir,
    // Warnings and errors only: per-interaction logging would be part of what is timed.
    LOG_LEVEL: 'warn',
    // Set to nothing so a developer's .env cannot add a health server or shards to the measurement.
    HEALTH_PORT: '',
    SHARD_COUNT: '',
    DISCORD_GUILD_ID: '',
  });
}

/**
 * Waits for the bot's IDENTIFY (it logs in only after the articles are loaded and indexed), then
 * for a /status round trip, and returns the article count /status reports.
 */
export async function waitUntilServing(fake: FakeDiscord, bot: BotProcess): Promise<number> {
  let exit: string | undefined;
  void bot.exited.then((how) => {
    exit = how;
  });
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (fake.intents === undefined) {
    if (exit) throw new Error(`the bot stopped before logging in (${exit}):\n${bot.logs()}`);
    if (Date.now() > deadline)
      throw new Error(`the bot did not log in within ${STARTUP_TIMEOUT_MS} ms:\n${bot.logs()}`);
    await sleep(POLL_MS);
  }
  const status = await timeRoundTrip(fake, 'status', {}, FIRST_STATUS_TIMEOUT_MS).catch((err: Error) => {
    throw new Error(`${err.message}:\n${bot.logs()}`);
  });
  const loaded = ARTICLES_LOADED.exec(JSON.stringify(status.answer));
  if (!loaded) throw new Error(`/status did not say how many articles are loaded: ${JSON.stringify(status.answer)}`);
  return Number(loaded[1]);
}
