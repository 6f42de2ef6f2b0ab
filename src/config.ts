import { resolve } from 'node:path';
import { z } from 'zod';

/** The only module that reads the environment; everything else is handed a typed Config. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const DEFAULT_MAX_ARTICLE_BYTES = 1_048_576;

/** An unset variable and one set to nothing (`KEY=` in .env) both mean "use the default". */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), schema);

/** Discord ids are snowflakes: 17 to 20 digits. https://discord.com/developers/docs/reference#snowflakes */
const SNOWFLAKE = /^\d{17,20}$/;
const SNOWFLAKE_ERROR = 'should be a Discord id (17 to 20 digits; Developer Mode → Copy ID)';
/** A small, cheap chat model; any model the endpoint serves can be named in OPENAI_MODEL. */
export const DEFAULT_OPENAI_MODEL = 'gpt-4o-mini';
/** discord.js appends the API version (/v10) itself. */
export const DEFAULT_DISCORD_API_BASE = 'https://discord.com/api';

// Waits have an upper bound as well as a lower one: Node cuts a timer longer than 2^31-1 ms (about
// 24.8 days) to 1 ms, so a huge value meant as "rarely" would poll, deliver or time out at once.
const ENV_SCHEMA = z.object({
  SEEDS_DIR: optional(z.string().default('./seeds')),
  DATA_DIR: optional(z.string().default('./data')),
  LOG_LEVEL: optional(z.enum(LOG_LEVELS, { error: `should be one of ${LOG_LEVELS.join(', ')}` }).default('info')),
  MAX_ARTICLE_BYTES: optional(
    z.coerce
      .number({ error: 'should be a number of bytes, like 1048576' })
      .int({ error: 'should be a whole number of bytes' })
      .positive({ error: 'should be more than 0' })
      .default(DEFAULT_MAX_ARTICLE_BYTES),
  ),
  DISCORD_TOKEN: optional(z.string().optional()),
  DISCORD_APPLICATION_ID: optional(z.string().regex(SNOWFLAKE, { error: SNOWFLAKE_ERROR }).optional()),
  DISCORD_GUILD_ID: optional(z.string().regex(SNOWFLAKE, { error: SNOWFLAKE_ERROR }).optional()),
  DISCORD_API_BASE: optional(
    z
      .url({ protocol: /^https?$/, error: 'should be an http(s) URL, like https://discord.com/api' })
      .transform((url) => url.replace(/\/+$/, ''))
      .default(DEFAULT_DISCORD_API_BASE),
  ),
  HEALTH_PORT: optional(
    z
      .string()
      // Digits only: Number() would also read "0x50" as port 80.
      .regex(/^\d+$/, { error: 'should be a port number, like 8080' })
      .transform(Number)
      .pipe(
        z
          .number()
          .int({ error: 'should be a whole port number' })
          .min(1, { error: 'should be between 1 and 65535' })
          .max(65535, { error: 'should be between 1 and 65535' }),
      )
      .optional(),
  ),
  SHARD_COUNT: optional(
    z
      .string()
      .regex(/^(auto|[1-9]\d*)$/i, { error: 'should be auto or a whole number of shards, like 2' })
      .transform((value): 'auto' | number => (value.toLowerCase() === 'auto' ? 'auto' : Number(value)))
      .optional(),
  ),
  WATCH_SEEDS: optional(z.stringbool({ error: 'should be true or false' }).default(true)),
  FEEDS: optional(
    z
      .string()
      .transform((value) =>
        value
          .split(',')
          .map((url) => url.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.url({ protocol: /^https?$/, error: 'should be comma-separated http(s) feed URLs' })))
      .default([]),
  ),
  FEED_ALLOWED_HOSTS: optional(
    z
      .string()
      .transform((value) =>
        value
          .split(',')
          .map((host) => host.trim().toLowerCase())
          .filter(Boolean),
      )
      .pipe(
        z.array(
          z.union([z.hostname(), z.ipv4(), z.ipv6()], {
            error: 'should be comma-separated host names or IP addresses, without scheme or port, like feeds.lan',
          }),
        ),
      )
      .default([]),
  ),
  FEED_POLL_SECONDS: optional(
    z.coerce
      .number({ error: 'should be a number of seconds, like 300' })
      .int()
      .min(60, { error: 'should be at least 60' })
      .max(604_800, { error: 'should be at most 604800 (a week)' })
      .default(300),
  ),
  DATABASE_URL: optional(
    z
      .url({
        protocol: /^postgres(ql)?$/,
        error: 'should be a PostgreSQL URL, like postgres://user@host:5432/newsdesk',
      })
      .optional(),
  ),
  ALLOW_NEW_DATABASE: optional(z.stringbool({ error: 'should be true or false' }).default(false)),
  DELIVERY_INTERVAL_MS: optional(
    z.coerce
      .number({ error: 'should be milliseconds, like 1000' })
      .int()
      .min(100, { error: 'should be at least 100' })
      .max(3_600_000, { error: 'should be at most 3600000 (an hour)' })
      .default(1000),
  ),
  OPENAI_API_KEY: optional(z.string().optional()),
  OPENAI_BASE_URL: optional(
    z.url({ protocol: /^https?$/, error: 'should be an http(s) URL, like http://localhost:11434/v1' }).optional(),
  ),
  OPENAI_MODEL: optional(z.string().default(DEFAULT_OPENAI_MODEL)),
  LLM_TIMEOUT_MS: optional(
    z.coerce
      .number({ error: 'should be milliseconds, like 20000' })
      .int()
      .min(1000, { error: 'should be at least 1000' })
      .max(600_000, { error: 'should be at most 600000 (ten minutes)' })
      .default(20_000),
  ),
  LLM_CONTEXT_TOKENS: optional(
    z.coerce
      .number({ error: 'should be a number of tokens, like 8192' })
      .int()
      .min(4096, { error: 'should be at least 4096 (an answer sends up to 3,000 tokens of passages)' })
      .default(8192),
  ),
  LLM_COOLDOWN_SECONDS: optional(
    z.coerce
      .number({ error: 'should be a number of seconds, like 10' })
      .int()
      .min(0, { error: 'should be 0 or more' })
      .default(10),
  ),
  LLM_DAILY_TOKENS_PER_SERVER: optional(
    z.coerce
      .number({ error: 'should be a number of tokens, like 200000' })
      .int()
      .positive({ error: 'should be more than 0' })
      .default(200_000),
  ),
  // Set by discord.js's ShardingManager in each shard process it spawns (with SHARDS and SHARD_COUNT).
  SHARDING_MANAGER: optional(z.string().optional()),
  // https://no-color.org: any non-empty value turns colour off.
  NO_COLOR: optional(z.string().optional()),
});

export interface Config {
  seedsDir: string;
  dataDir: string;
  logLevel: LogLevel;
  maxArticleBytes: number;
  discordToken: string | undefined;
  /** The bot's application id; when unset, derived from the token (see src/discord/application-id.ts). */
  discordApplicationId: string | undefined;
  /** Register commands to this guild (instant, for development) instead of globally. */
  discordGuildId: string | undefined;
  /** REST base every Discord client uses: Discord itself, or a proxy such as nirn-proxy. No trailing slash. */
  discordApiBase: string;
  /** Serve /healthz and /metrics on this port when set. */
  healthPort: number | undefined;
  /** Run discord.js's ShardingManager with this many shards (or Discord's recommendation) when set. */
  shardCount: 'auto' | number | undefined;
  /** This process is one shard spawned by the ShardingManager: run the bot, do not spawn shards. */
  isShard: boolean;
  /** Follow changes to the seeds folder while running (bot and interactive console). */
  watchSeeds: boolean;
  /** RSS/Atom feeds polled for new articles. */
  feeds: string[];
  feedPollSeconds: number;
  /**
   * Hosts feeds and article pages may be fetched from even though they resolve to a loopback,
   * private or link-local address (every other such address is refused): a self-hoster's own server.
   */
  feedAllowedHosts: string[];
  /** Subscriptions and their outbox live in PostgreSQL when set, in SQLite under dataDir otherwise. Secret. */
  databaseUrl: string | undefined;
  /** Start with an empty SQLite database although one was created in dataDir before (it is missing). */
  allowNewDatabase: boolean;
  /** How often the delivery worker looks for due posts (it is also woken when an update is queued). */
  deliveryIntervalMs: number;
  /** With a key, answers come from this model (verified against the articles); without, extractively. */
  llm:
    | {
        apiKey: string;
        baseUrl: string | undefined;
        model: string;
        timeoutMs: number;
        /** The model's context window; summaries are cut into parts that fit it. */
        contextTokens: number;
        cooldownSeconds: number;
        dailyTokensPerServer: number;
      }
    | undefined;
  noColor: boolean;
}

/** Every problem with the environment at once, so one restart fixes them all. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `- ${problem}`).join('\n')}`);
  }
}

export function parseConfig(env: Readonly<Record<string, string | undefined>>, cwd = '.'): Config {
  const parsed = ENV_SCHEMA.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`),
    );
  }
  const values = parsed.data;
  return {
    seedsDir: resolve(cwd, values.SEEDS_DIR),
    dataDir: resolve(cwd, values.DATA_DIR),
    logLevel: values.LOG_LEVEL,
    maxArticleBytes: values.MAX_ARTICLE_BYTES,
    discordToken: values.DISCORD_TOKEN,
    discordApplicationId: values.DISCORD_APPLICATION_ID,
    discordGuildId: values.DISCORD_GUILD_ID,
    discordApiBase: values.DISCORD_API_BASE,
    healthPort: values.HEALTH_PORT,
    shardCount: values.SHARD_COUNT,
    isShard: values.SHARDING_MANAGER === 'true',
    watchSeeds: values.WATCH_SEEDS,
    feeds: values.FEEDS,
    feedPollSeconds: values.FEED_POLL_SECONDS,
    feedAllowedHosts: values.FEED_ALLOWED_HOSTS,
    databaseUrl: values.DATABASE_URL,
    allowNewDatabase: values.ALLOW_NEW_DATABASE,
    deliveryIntervalMs: values.DELIVERY_INTERVAL_MS,
    llm: values.OPENAI_API_KEY
      ? {
          apiKey: values.OPENAI_API_KEY,
          baseUrl: values.OPENAI_BASE_URL,
          model: values.OPENAI_MODEL,
          timeoutMs: values.LLM_TIMEOUT_MS,
          contextTokens: values.LLM_CONTEXT_TOKENS,
          cooldownSeconds: values.LLM_COOLDOWN_SECONDS,
          dailyTokensPerServer: values.LLM_DAILY_TOKENS_PER_SERVER,
        }
      : undefined,
    noColor: values.NO_COLOR !== undefined,
  };
}

/**
 * Every secret value in the configuration, for the logger to blank wherever it appears: the tokens
 * and keys, and the password (as written and decoded) of each URL that may carry one.
 */
export function secretsOf(config: Config): string[] {
  const secrets = [config.discordToken, config.llm?.apiKey, config.databaseUrl];
  for (const url of [config.databaseUrl, config.llm?.baseUrl, config.discordApiBase]) {
    if (!url) continue;
    let password = '';
    try {
      password = new URL(url).password;
    } catch {
      // A URL the client cannot parse either; the whole value is the secret then.
      secrets.push(url);
      continue;
    }
    if (password) secrets.push(password, safeDecode(password));
  }
  return secrets.filter((secret): secret is string => Boolean(secret));
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Reads the process environment (after the entry point has loaded `.env`). */
export function readConfig(): Config {
  return parseConfig(process.env, process.cwd());
}

/**
 * discord.js's Client reads SHARD_COUNT from the environment itself (it is how the ShardingManager
 * tells a shard the total), so our own SHARD_COUNT setting ("auto", or empty in .env) would reach it
 * as a shard count and be refused. Outside a managed shard the setting has been read by now, so it
 * is removed before the client is built.
 */
export function hideShardCountFromDiscordJs(config: Pick<Config, 'isShard'>): void {
  if (!config.isShard) delete process.env.SHARD_COUNT;
}
