import pino, { type DestinationStream, type Logger } from 'pino';
import prettyStream from 'pino-pretty';
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
  /** Where to write (through pino-pretty when `pretty`); stderr (fd 2) unless a test captures it. */
  destination?: DestinationStream;
  /**
   * Secret values from the configuration (tokens, keys, passwords in URLs), blanked wherever they
   * appear in a line: an error message or stack that echoes one carries no field name to redact by.
   */
  secrets?: readonly string[];
}

const CENSOR = '[redacted]';
/** Shorter values are no real provider's credential, and blanking them would garble every line. */
const MIN_SECRET_LENGTH = 6;
/** `scheme://user:password@`: the password of any URL, configured or not (a redirect, a proxy). */
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/?#@"'\\]*:)[^\s/?#@"'\\]+@/gi;
/** `scheme://token@`: a sign-in given as a user name alone (private feeds, git hosts take tokens so). */
const URL_USER_ONLY = /(\b[a-z][a-z0-9+.-]*:\/\/)[^\s:/?#@"'\\]+@/gi;

/**
 * The one root logger. It writes to stderr so logs never mix with the program's own output on
 * stdout; modules take `logger.child({ module })`. pino-pretty runs as a synchronous stream rather
 * than a worker-thread transport so nothing is lost when the process exits right after a one-shot.
 */
export function createLogger(options: LoggerOptions): Logger {
  const pretty = Boolean(options.pretty);
  const destination = pretty
    ? prettyStream({
        destination: options.destination ?? 2,
        sync: true,
        colorize: options.colour ?? false,
        ignore: 'pid,hostname',
        singleLine: true,
      })
    : (options.destination ?? pino.destination({ fd: 2, sync: true }));
  const blank = blankSecrets(options.secrets ?? []);
  const finish = (line: string) => escapeControls(blank(line), pretty);
  return pino(
    {
      level: options.level,
      redact: { paths: REDACT_PATHS, censor: CENSOR },
      base: { pid: process.pid },
      // The finished line, just before it is written: messages, error messages, stacks and causes alike.
      hooks: { streamWrite: finish },
    },
    destination,
  );
}

/** Replaces every secret, as written and as escaped inside a JSON string, and any URL's sign-in. */
export function blankSecrets(secrets: readonly string[]): (line: string) => string {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (secret.length < MIN_SECRET_LENGTH) continue;
    forms.add(secret);
    forms.add(JSON.stringify(secret).slice(1, -1));
    forms.add(encodeURIComponent(secret));
  }
  // Longest first, so a secret that contains another is blanked whole.
  const values = [...forms].sort((a, b) => b.length - a.length);
  return (line) => {
    let clean = line.replace(URL_PASSWORD, `$1${CENSOR}@`).replace(URL_USER_ONLY, `$1${CENSOR}@`);
    for (const value of values) if (clean.includes(value)) clean = clean.split(value).join(CENSOR);
    return clean;
  };
}

/** Characters JSON leaves raw that still move a terminal or reorder text: C1, DEL, bidi, zero-width. */
const RAW_UNSAFE = /[\u007F-\u009F\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;
/**
 * JSON's escapes of C0 controls other than newline and tab, where they are escapes (an even run of
 * backslashes before them), not text that merely looks like one.
 */
const ESCAPED_CONTROL = /(?<!\\)((?:\\\\)*)\\(u00[01][0-9a-fA-F]|[bfr])/g;

/**
 * Logs carry text from outside (file names, typed lines, feed titles, model errors). As JSON, the
 * characters that JSON leaves raw are written as \u escapes (the same JSON, safe to print). Pretty
 * lines are printed after pino-pretty has parsed the JSON back, so there every control character is
 * escaped once more and shown as its escape (`\u001b`) rather than acted on by the terminal.
 */
function escapeControls(line: string, visible: boolean): string {
  // One backslash makes a JSON escape; two make a backslash that pino-pretty prints as text.
  const slashes = visible ? '\\\\' : '\\';
  const json = line.replace(RAW_UNSAFE, (c) => `${slashes}u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return visible ? json.replace(ESCAPED_CONTROL, '$1\\\\$2') : json;
}
