import pino, { type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';
import type { LogLevel } from './config.js';

export type { Logger } from 'pino';

const SECRET_KEYS = [
  'DISCORD_TOKEN',
  'OPENAI_API_KEY',
  'discordToken',
  'openaiApiKey',
  'DATABASE_URL',
  'databaseUrl',
  'connectionString',
  'password',
  'authorization',
  'token',
  'apiKey',
];

/**
 * pino's redact paths have no "any depth" form, so each secret key is listed at the top level and
 * up to three objects down (e.g. `config.discordToken`, `req.headers.authorization`).
 */
export const REDACT_PATHS = SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`, `*.*.*.${key}`]);

export interface LoggerOptions {
  level: LogLevel;
  /** Human-readable lines instead of JSON; for a person watching stderr. */
  pretty?: boolean;
  colour?: boolean;
  /** Where to write; stderr (fd 2) unless a test captures it. */
  destination?: DestinationStream;
}

/**
 * The one root logger. It writes to stderr so logs never mix with the program's own output on
 * stdout; modules take `logger.child({ module })`. pino-pretty runs as a synchronous stream rather
 * than a worker-thread transport so nothing is lost when the process exits right after a one-shot.
 */
export function createLogger(options: LoggerOptions): Logger {
  const destination =
    options.destination ??
    (options.pretty
      ? pretty({
          destination: 2,
          sync: true,
          colorize: options.colour ?? false,
          ignore: 'pid,hostname',
          singleLine: true,
        })
      : pino.destination({ fd: 2, sync: true }));
  return pino(
    { level: options.level, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, base: { pid: process.pid } },
    destination,
  );
}
