import { resolve } from 'node:path';
import { z } from 'zod';

/** The only module that reads the environment; everything else is handed a typed Config. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const DEFAULT_MAX_ARTICLE_BYTES = 1_048_576;

/** An unset variable and one set to nothing (`KEY=` in .env) both mean "use the default". */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), schema);

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
  // https://no-color.org: any non-empty value turns colour off.
  NO_COLOR: optional(z.string().optional()),
});

export interface Config {
  seedsDir: string;
  dataDir: string;
  logLevel: LogLevel;
  maxArticleBytes: number;
  discordToken: string | undefined;
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
    noColor: values.NO_COLOR !== undefined,
  };
}

/** Reads the process environment (after the entry point has loaded `.env`). */
export function readConfig(): Config {
  return parseConfig(process.env, process.cwd());
}
