import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { REST, Routes, type Shard, ShardingManager, type ShardingManagerOptions } from 'discord.js';
import type { Logger } from '../logger.js';

/** `SHARD_COUNT`: "auto" asks Discord how many shards the bot needs; a number fixes it. */
export type ShardCount = 'auto' | number;

export interface ShardConfig {
  shardCount: ShardCount;
  discordToken: string;
  /** `DISCORD_API_BASE` (e.g. a REST proxy); Discord itself when unset. */
  discordApiBase?: string;
}

/**
 * The bot's entry point, run once per shard: the same file `npm start` runs, compiled (dist/) when
 * this module is, the TypeScript source through tsx when it is not (tests, tsx).
 */
const COMPILED = import.meta.url.endsWith('.js');
export const BOT_ENTRY = fileURLToPath(new URL(COMPILED ? '../index.js' : '../index.ts', import.meta.url));
/**
 * Discord allows one IDENTIFY per 5 seconds per bucket; discord.js's default wait between shards.
 * https://discord.com/developers/docs/events/gateway#sharding-max-concurrency
 */
const SPAWN_DELAY_MS = 5_500;
/** A shard loads the articles before it logs in; a large corpus takes longer than discord.js's 30 s default. */
const SPAWN_TIMEOUT_MS = 180_000;
/** How long a shard gets to finish its in-flight replies after SIGTERM before it is left to exit. */
const SHARD_EXIT_TIMEOUT_MS = 15_000;

/** Reads `SHARD_COUNT` as typed: "auto" or a whole number of at least 1. */
export function parseShardCount(text: string): ShardCount {
  const value = text.trim().toLowerCase();
  if (value === 'auto') return 'auto';
  if (/^\d+$/.test(value) && Number(value) >= 1) return Number(value);
  throw new RangeError(`SHARD_COUNT should be "auto" or a whole number of at least 1 (got "${text}")`);
}

/**
 * The ShardingManager's options: every shard is the bot's own entry (see BOT_ENTRY), in its own
 * process. The shard count is always a number here: see `resolveShardCount`.
 */
export function shardingOptions(config: ShardConfig, totalShards: number): ShardingManagerOptions {
  return {
    totalShards,
    token: config.discordToken,
    mode: 'process',
    execArgv: COMPILED ? [] : ['--import', 'tsx'],
    shardArgs: [],
    respawn: true,
  };
}

/**
 * "auto" is resolved here rather than by discord.js, whose own lookup always calls discord.com and
 * would bypass `DISCORD_API_BASE`. Same endpoint, through the configured base.
 * https://discord.com/developers/docs/events/gateway#get-gateway-bot
 */
export async function resolveShardCount(config: ShardConfig, rest?: REST): Promise<number> {
  if (config.shardCount !== 'auto') return config.shardCount;
  const client =
    rest ?? new REST(config.discordApiBase ? { api: config.discordApiBase } : {}).setToken(config.discordToken);
  const { shards } = (await client.get(Routes.gatewayBot())) as { shards: number };
  return Math.max(1, shards);
}

export interface RunningShards {
  manager: ShardingManager;
  /** Stops every shard (SIGTERM, so each finishes its in-flight replies) and waits for them to exit. */
  close(): Promise<void>;
}

/**
 * Runs the bot as several shards under discord.js's ShardingManager. Each shard is a child process
 * running `src/index.ts`, which sees `SHARDING_MANAGER`, `SHARDS` and `SHARD_COUNT` in its
 * environment (set by discord.js) and starts as a normal bot for its share of the servers.
 */
export async function startShards(
  config: ShardConfig,
  logger: Logger,
  options: { entry?: string; rest?: REST } = {},
): Promise<RunningShards> {
  const log = logger.child({ module: 'shards' });
  const totalShards = await resolveShardCount(config, options.rest);
  const manager = new ShardingManager(options.entry ?? BOT_ENTRY, shardingOptions(config, totalShards));
  manager.on('shardCreate', (shard) => watchShard(shard, log));
  log.info({ shards: totalShards, requested: config.shardCount }, 'spawning shards');
  await manager.spawn({ amount: totalShards, delay: SPAWN_DELAY_MS, timeout: SPAWN_TIMEOUT_MS });
  log.info({ shards: totalShards }, 'all shards ready');
  return { manager, close: () => stopShards(manager, log) };
}

function watchShard(shard: Shard, log: Logger): void {
  const shardLog = log.child({ shard: shard.id });
  shard.on('spawn', () => shardLog.info('shard started'));
  shard.on('ready', () => shardLog.info('shard connected'));
  shard.on('disconnect', () => shardLog.warn('shard disconnected'));
  shard.on('reconnecting', () => shardLog.info('shard reconnecting'));
  // discord.js respawns a shard that dies unexpectedly; one stopped by stopShards stays down.
  shard.on('death', () => shardLog.warn('shard process exited'));
  shard.on('error', (err) => shardLog.error({ err }, 'shard error'));
}

async function stopShards(manager: ShardingManager, log: Logger): Promise<void> {
  manager.respawn = false;
  await Promise.all(
    manager.shards.map(async (shard) => {
      const child = shard.process;
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      shard.kill();
      const timeout = new Promise((resolve) => setTimeout(resolve, SHARD_EXIT_TIMEOUT_MS).unref());
      await Promise.race([exited, timeout]);
    }),
  );
  log.info('shards stopped');
}
