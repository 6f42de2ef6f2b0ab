/**
 * The composition root: config → logger → articles → corpus and search index → services → the
 * console (one command from argv, or interactive). Everything is built here and handed down.
 */
import { join } from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { commands } from '../commands/index.js';
import { loadArticles } from './articles/load-articles.js';
import { type Config, ConfigError, readConfig } from './config.js';
import { runInteractive, runOneShot } from './console/console.js';
import { createIndexedCorpus } from './corpus/indexed-corpus.js';
import { UserFacingError } from './errors.js';
import { createLogger, type Logger } from './logger.js';
import type { Services } from './services.js';

const HISTORY_FILE = 'console-history';
/** Redraw the progress line at most this often, so a big folder does not flood the terminal. */
const PROGRESS_INTERVAL_MS = 100;

async function main(argv: readonly string[]): Promise<number> {
  loadDotenv({ quiet: true });
  let config: Config;
  try {
    config = readConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${err.message}\nSee .env.example for every setting.\n`);
    return 2;
  }
  const stderrColour = Boolean(process.stderr.isTTY) && !config.noColor;
  const logger = createLogger({ level: config.logLevel, pretty: Boolean(process.stderr.isTTY), colour: stderrColour });
  const log = logger.child({ module: 'main' });
  if (config.discordToken) {
    log.warn('DISCORD_TOKEN is set, but the Discord transport is not in this build yet; opening the console instead');
  }

  let services: Services;
  try {
    services = await buildServices(config, logger);
  } catch (err) {
    if (!(err instanceof UserFacingError)) throw err;
    log.fatal({ dir: config.seedsDir }, err.message);
    return 1;
  }
  const closeIndex = () => services.index.close();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log.info({ signal }, 'shutting down');
      closeIndex();
      process.exit(0);
    });
  }
  // A reader that goes away (`| head`) is not an error worth a stack trace.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    closeIndex();
    process.exit(0);
  });

  const deps = { commands, services, logger };
  const io = {
    input: process.stdin,
    output: process.stdout,
    errors: process.stderr,
    colour: Boolean(process.stdout.isTTY) && !config.noColor,
    historyFile: join(config.dataDir, HISTORY_FILE),
  };
  const line = argv.join(' ').trim();
  try {
    if (line) return await runOneShot(line, deps, io);
    await runInteractive(deps, io);
    return 0;
  } finally {
    closeIndex();
  }
}

async function buildServices(config: Config, logger: Logger): Promise<Services> {
  const log = logger.child({ module: 'startup' });
  const started = performance.now();
  const { articles, skipped } = await loadArticles(config.seedsDir, {
    maxBytes: config.maxArticleBytes,
    onProgress: process.stderr.isTTY ? progressLine() : undefined,
  });
  const { corpus, index } = createIndexedCorpus(articles);
  const ms = Math.round(performance.now() - started);
  log.info(
    { dir: config.seedsDir, articles: corpus.size, passages: index.size, skipped: skipped.length, ms },
    'articles loaded',
  );
  for (const skip of skipped) log.warn({ file: skip.file, reason: skip.reason }, 'skipped file');
  return { corpus, index, load: { loaded: corpus.size, skipped, ms, dir: config.seedsDir }, startedAt: new Date() };
}

/** "Loading articles 4200/10000", redrawn in place on a terminal and cleared when done. */
function progressLine(): (done: number, total: number) => void {
  let last = 0;
  return (done, total) => {
    const now = performance.now();
    if (done < total && now - last < PROGRESS_INTERVAL_MS) return;
    last = now;
    process.stderr.write(done < total ? `\rLoading articles ${done}/${total}` : '\r\x1b[2K');
  };
}

process.exitCode = await main(process.argv.slice(2));
