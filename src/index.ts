/**
 * The composition root: config → logger → articles → corpus and search index → services → a
 * transport: the Discord bot when DISCORD_TOKEN is set (several shards with SHARD_COUNT), the
 * console (one command from argv, or interactive) otherwise. Everything is built here and handed down.
 */
import { join } from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { commands } from '../commands/index.js';
import { type Config, ConfigError, hideShardCountFromDiscordJs, readConfig, secretsOf } from './config.js';
import { runInteractive, runOneShot } from './console/console.js';
import type { Corpus } from './corpus/corpus.js';
import { openCorpus } from './corpus/open-corpus.js';
import type { KeptStored } from './corpus/stored-corpus.js';
import { warmStoryViews } from './corpus/warm-views.js';
import { UserFacingError } from './errors.js';
import { limitHeapGrowth } from './heap-growth.js';
import type { ReadFeedItem } from './ingest/feed-poller.js';
import { holderName } from './ingest/lease.js';
import type { SeedsAtStart } from './ingest/seeds-watcher.js';
import { createLogger, type Logger } from './logger.js';
import type { PassageIndex } from './search/passage-index.js';
import type { Services } from './services.js';
import { DatabaseMissingError, openStore } from './store/open-store.js';
import { monitorStore, StoreHealth } from './store/store-health.js';
import type { Store } from './store/types.js';

// The Discord bot, feeds, the store and the model client are imported where they are first needed
// (`await import`), not here: discord.js, openai, linkedom, rss-parser, pg and gpt-tokenizer cost a
// one-shot console command more time to load than it spends answering.

const HISTORY_FILE = 'console-history';
/** Redraw the progress line at most this often, so a big folder does not flood the terminal. */
const PROGRESS_INTERVAL_MS = 100;

async function main(argv: readonly string[]): Promise<number> {
  limitHeapGrowth();
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
  const logger = createLogger({
    level: config.logLevel,
    pretty: Boolean(process.stderr.isTTY),
    colour: stderrColour,
    secrets: secretsOf(config),
  });
  const log = logger.child({ module: 'main' });
  const line = argv.join(' ').trim();
  // A command on the command line is always answered in the console, token or not, so a bot's
  // operator can still ask from a shell on the same machine.
  const discordToken = line ? undefined : config.discordToken;
  if (discordToken && config.shardCount !== undefined && !config.isShard) {
    return runShardManager(config, discordToken, logger);
  }

  // The interactive console follows the seeds folder from the moment its articles are loaded, so the
  // watcher's module is loaded before them rather than after.
  const ingestModule = line || discordToken ? undefined : await import('./ingest/start-ingest.js');
  // Articles and their analysis are kept in the store; the bot cannot run without it, the console can.
  const store = await openStore({
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    logger,
    allowNewDatabase: config.allowNewDatabase,
  }).catch((err: unknown) => {
    const level = discordToken ? 'fatal' : 'warn';
    if (err instanceof DatabaseMissingError) log[level](err.message);
    else log[level]({ err }, storeProblem(config));
    return undefined;
  });
  if (discordToken && !store) return 1;
  // The bot's every use of the store, from the first article written, reports an outage to its
  // health, which /healthz, /status and the subscription commands read.
  const storeHealth = discordToken && store ? new StoreHealth({ store, logger }) : undefined;
  const used = store && storeHealth ? monitorStore(store, storeHealth) : store;
  let built: BuiltServices;
  try {
    built = await buildServices(config, logger, used);
  } catch (err) {
    await store?.close();
    if (!(err instanceof UserFacingError)) throw err;
    log.fatal({ dir: config.seedsDir }, err.message);
    return 1;
  }
  const { services, seeds } = built;
  if (discordToken && used && storeHealth) return runDiscord(config, discordToken, built, used, storeHealth, logger);
  const close = async () => {
    await built.stored?.close();
    await store?.close();
    services.index.close();
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log.info({ signal }, 'shutting down');
      void close().finally(() => process.exit(0));
    });
  }
  // A reader that goes away (`| head`) is not an error worth a stack trace.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    void close().finally(() => process.exit(0));
  });

  const deps = { commands, services, logger };
  const io = {
    input: process.stdin,
    output: process.stdout,
    errors: process.stderr,
    colour: Boolean(process.stdout.isTTY) && !config.noColor,
    historyFile: join(config.dataDir, HISTORY_FILE),
  };
  if (line) {
    try {
      return await runOneShot(line, deps, io);
    } finally {
      await close();
    }
  }
  const { savedFeedItemsIn, startIngest } = await (ingestModule ?? import('./ingest/start-ingest.js'));
  // As in the bot: feed items read before are known to the poller, and new ones are kept.
  const saved = store ? savedFeedItemsIn(store, built.savedFeeds) : undefined;
  const ingest = startIngest(config, services.corpus, seeds, logger, undefined, saved);
  try {
    await runInteractive(deps, io);
    return 0;
  } finally {
    await ingest.close();
    await close();
  }
}

/** Resolves with the first SIGINT or SIGTERM. */
function shutdownSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve(signal));
  });
}

/**
 * The Discord bot until SIGINT/SIGTERM: then it stops taking interactions, finishes the replies in
 * flight, closes the gateway, the health server and the index, and exits 0.
 */
async function runDiscord(
  config: Config,
  token: string,
  { services, seeds: seedsAtStart, savedFeeds, stored, changesSeen }: BuiltServices,
  /** Monitored by `storeHealth`, whose write probe, at start and on a timer, catches the rest. */
  store: Store,
  storeHealth: StoreHealth,
  logger: Logger,
): Promise<number> {
  const log = logger.child({ module: 'main' });
  const stopping = shutdownSignal();
  /** What every way out of here closes: articles not yet written are written first. */
  const release = async () => {
    storeHealth.stop();
    await stored?.close();
    await store.close();
    services.index.close();
  };
  const [
    { Registry },
    { ConversationStore },
    { startBot },
    { contextMenuHandlers },
    { createDiscordPoster },
    { handleMessage },
    { startHealthServer },
    { createMetrics },
    { FeedManager },
    { idleFeeds, loadSavedFeedItems, savedFeedItemsIn, seedArticlesIn, startIngest },
    { shareIngest },
    { followCorpus },
    { startSubscriptions },
    { SubscriptionManager },
  ] = await Promise.all([
    import('prom-client'),
    import('./conversations/conversation-store.js'),
    import('./discord/bot.js'),
    import('./discord/context-menus.js'),
    import('./discord/discord-poster.js'),
    import('./discord/messages.js'),
    import('./health/health-server.js'),
    import('./health/metrics.js'),
    import('./ingest/feed-manager.js'),
    import('./ingest/start-ingest.js'),
    import('./ingest/shared-ingest.js'),
    import('./corpus/corpus-follower.js'),
    import('./subscriptions/start-subscriptions.js'),
    import('./subscriptions/subscription-manager.js'),
  ]).catch(async (err: unknown) => {
    await release();
    throw err;
  });
  // Nothing Discord or a handler does may bring the bot down; it is logged and the bot carries on.
  process.on('unhandledRejection', (err) => log.error({ err }, 'unhandled rejection'));
  const metrics = createMetrics(new Registry(), { countArticles: () => services.corpus.size });
  await storeHealth.start();
  services.storeHealth = storeHealth;
  services.subscriptions = new SubscriptionManager(store, storeHealth);
  services.llm?.budget.useLedger(store, (err) => log.warn({ err }, 'could not keep model token counts in the store'));
  const deps = { commands, services, logger, metrics, conversations: new ConversationStore() };
  warmStoryViews(services.corpus, logger);
  let bot: Awaited<ReturnType<typeof startBot>>;
  hideShardCountFromDiscordJs(config);
  try {
    bot = await startBot({
      token,
      apiBase: config.discordApiBase,
      shardedByManager: config.isShard,
      deps,
      contextMenus: contextMenuHandlers,
      onMessage: (message) => handleMessage(message, deps),
    });
  } catch (err) {
    log.fatal({ err }, 'could not log in to Discord; check DISCORD_TOKEN and DISCORD_API_BASE');
    await release();
    return 1;
  }
  // Shards are separate processes that cannot share one port, so a sharded bot has no health server yet.
  const health =
    config.healthPort !== undefined && !config.isShard
      ? await startHealthServer({
          port: config.healthPort,
          metrics,
          isReady: () => ({ gateway: bot.connected(), articles: services.corpus.size, store: storeHealth.problem() }),
        })
      : undefined;
  const subscriptions = startSubscriptions({
    store,
    poster: createDiscordPoster(bot.client),
    corpus: services.corpus,
    logger,
    deliveryIntervalMs: config.deliveryIntervalMs,
  });
  // Of the processes sharing the store (shards, instances), the one holding the ingest lease watches
  // the seeds folder and polls the feeds; the others follow what it stores, and one takes over if it stops.
  let firstTurn = true;
  const ingest = shareIngest({
    leases: store,
    holder: holderName(),
    follower: followCorpus(services.corpus, store.articles, {
      after: changesSeen,
      logger,
      ...(stored ? { apply: stored.fromStore } : {}),
    }),
    idleFeeds: idleFeeds(config, logger),
    startIngest: async () => {
      // Taking over after following: the corpus's seeds and the feed items now stored are the start.
      const feedItems = firstTurn ? savedFeeds : await loadSavedFeedItems(store);
      // The seeds only: the seeds watcher and the catch-up announcements know nothing of feed articles.
      const seeds = firstTurn ? seedsAtStart : { articles: seedArticlesIn(services.corpus, feedItems) };
      return startIngest(
        config,
        services.corpus,
        seeds,
        logger,
        subscriptions.announcer.afterChange,
        savedFeedItemsIn(store, feedItems),
      );
    },
    // Feeds added or removed with /feed in any process are polled (or dropped) by the holder.
    afterTurn: async () => {
      firstTurn = false;
      await services.feeds?.sync();
    },
    // What this process read reaches the store (and its change log) before another may take over:
    // queued writes are tried once more (no waiting out an outage at shutdown).
    beforeRelease: async () => {
      await stored?.close();
    },
    logger,
  });
  services.feeds = new FeedManager(store, ingest.feeds, config.feeds);
  await ingest.start();
  storeHealth.onRecovered(() => subscriptions.storeRecovered());
  // Files added or edited while Newsdesk was down are announced now, in the background.
  const caughtUp = subscriptions.catchUp(seedsAtStart.articles);
  const signal = await stopping;
  log.info({ signal }, 'shutting down');
  await ingest.close();
  await caughtUp;
  await subscriptions.close();
  await bot.stop();
  await health?.close();
  await release();
  log.info('stopped');
  return 0;
}

/** What to check when the store will not open, without the URL (it may hold a password). */
function storeProblem(config: Config): string {
  return config.databaseUrl
    ? 'could not open the PostgreSQL database; check DATABASE_URL and that the server is reachable'
    : `could not open the SQLite database in ${config.dataDir}; check that DATA_DIR is writable`;
}

/** SHARD_COUNT set: this process only runs discord.js's ShardingManager; each shard is a bot process. */
async function runShardManager(config: Config, token: string, logger: Logger): Promise<number> {
  const log = logger.child({ module: 'main' });
  const stopping = shutdownSignal();
  const { startShards } = await import('./discord/shards.js');
  const shards = await startShards(
    { shardCount: config.shardCount ?? 'auto', discordToken: token, discordApiBase: config.discordApiBase },
    logger,
  );
  const signal = await stopping;
  log.info({ signal }, 'shutting down shards');
  await shards.close();
  return 0;
}

/** The services, and what the bot's ingest and announcements need to know of how they were built. */
interface BuiltServices {
  services: Services;
  /** The seeds folder as the start read it (its articles, without feed articles, and its files). */
  seeds: SeedsAtStart;
  /** Feed articles read in earlier runs, kept in the store. */
  savedFeeds: ReadFeedItem[];
  /** Keeps the store in step with the corpus; present when a store is open. */
  stored?: KeptStored;
  /** The store's corpus change log position this start reflects. */
  changesSeen: number;
}

async function buildServices(config: Config, logger: Logger, store: Store | undefined): Promise<BuiltServices> {
  const log = logger.child({ module: 'startup' });
  const started = performance.now();
  let savedFeeds: ReadFeedItem[] = [];
  const opened = await openCorpus({
    seedsDir: config.seedsDir,
    dataDir: config.dataDir,
    store: store?.articles,
    maxBytes: config.maxArticleBytes,
    onProgress: process.stderr.isTTY ? progressLine() : undefined,
    // Feed articles read in earlier runs answer from the start, including those no longer in their
    // feed's window; they are not announced again, and the poller reports only what changed since.
    moreArticles: async () => {
      savedFeeds = store ? await readSavedFeeds(store, log) : [];
      return savedFeeds.map((item) => item.article);
    },
    logger,
  });
  const { corpus, index } = opened;
  const llm = config.llm && (await createLlm(config.llm, corpus, index, logger));
  const ms = Math.round(performance.now() - started);
  log.info(
    {
      dir: config.seedsDir,
      articles: corpus.size,
      feedArticles: savedFeeds.length,
      passages: index.size,
      skipped: opened.skipped.length,
      parsedFiles: opened.parsedFiles,
      analysed: opened.analysed,
      ...(opened.droppedFromIndex ? { droppedFromIndex: opened.droppedFromIndex } : {}),
      ms,
    },
    'articles loaded',
  );
  for (const skip of opened.skipped) log.warn({ file: skip.file, reason: skip.reason }, 'skipped file');
  if (llm) log.info({ model: llm.model }, 'answers come from the model, verified against the articles');
  const services: Services = {
    corpus,
    index,
    load: { loaded: corpus.size, skipped: opened.skipped, ms, dir: config.seedsDir },
    startedAt: new Date(),
    ...(llm ? { llm } : {}),
  };
  return {
    services,
    seeds: { articles: opened.seedArticles, files: opened.seedFiles },
    savedFeeds,
    changesSeen: opened.changesSeen,
    ...(opened.stored ? { stored: opened.stored } : {}),
  };
}

/** The feed module (and its parsers) is loaded only when the store holds feed articles. */
async function readSavedFeeds(store: Store, log: Logger): Promise<ReadFeedItem[]> {
  try {
    const saved = await store.listFeedArticles();
    if (!saved.length) return [];
    const { feedItemsFrom } = await import('./ingest/start-ingest.js');
    return feedItemsFrom(saved);
  } catch (err) {
    log.error({ err }, 'could not read the feed articles kept in the store');
    return [];
  }
}

async function createLlm(
  settings: NonNullable<Config['llm']>,
  corpus: Corpus,
  index: PassageIndex,
  logger: Logger,
): Promise<NonNullable<Services['llm']>> {
  const [
    { LlmBudget },
    { createChatModel },
    { createLlmClient },
    { createLlmAnswerer },
    { createLlmClaimChecker },
    { createLlmSummariser },
  ] = await Promise.all([
    import('./llm/budget.js'),
    import('./llm/chat.js'),
    import('./llm/client.js'),
    import('./llm/llm-answerer.js'),
    import('./llm/llm-claim-checker.js'),
    import('./llm/llm-summariser.js'),
  ]);
  const client = createLlmClient({
    apiKey: settings.apiKey,
    baseURL: settings.baseUrl,
    timeoutMs: settings.timeoutMs,
    logger: logger.child({ module: 'openai' }),
  });
  const budget = new LlmBudget({
    cooldownSeconds: settings.cooldownSeconds,
    dailyTokensPerServer: settings.dailyTokensPerServer,
  });
  // One chat model for every feature, so a parameter the endpoint refuses is learned once per process.
  const chat = createChatModel({ client, model: settings.model, logger });
  return {
    answerer: createLlmAnswerer({ chat, corpus, index, logger, budget }),
    summariser: createLlmSummariser({ chat, corpus, logger, budget, contextTokens: settings.contextTokens }),
    checker: createLlmClaimChecker({ chat, corpus, index, logger, budget }),
    budget,
    model: settings.model,
  };
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
// A shard spawned by the ShardingManager keeps an IPC channel to it open, which would keep this
// process alive after a clean shutdown; letting go of it lets the process exit.
if (process.connected) process.disconnect();
