import { UserFacingError } from '../errors.js';

/**
 * The store could not be read or written for a reason outside Newsdesk (the database server down
 * or unreachable, the SQLite file read-only, missing, locked or on a full disk), as opposed to a
 * bug. A UserFacingError, so the one error policy shows it as written: people are told the
 * database is unreachable, not that "something went wrong".
 */
export class StoreUnavailableError extends UserFacingError {
  /** What is wrong, for the operator (logs, /status, /healthz); the message is for the person asking. */
  readonly problem: string;

  constructor(problem: string, options?: { cause?: unknown }) {
    super(STORE_UNAVAILABLE_MESSAGE, options);
    this.problem = problem;
  }
}

export const STORE_UNAVAILABLE_MESSAGE =
  'Newsdesk cannot reach or write its database just now, so subscriptions cannot be changed (and updates wait to be posted). Try again in a minute; the problem is logged for the bot’s operator.';

/** Node's socket errors: the server cannot be reached. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * PostgreSQL SQLSTATEs that mean the server is out of reach or refuses writes, not that the query
 * is wrong: class 08 (connection exception), 53 (insufficient resources), 57P01-57P03 (shutting
 * down, cannot connect now), 25006 (read-only transaction), 58 (system error).
 * https://www.postgresql.org/docs/current/errcodes-appendix.html
 */
const POSTGRES_UNAVAILABLE = /^(08|53|58|57P0[123]$|25006$)/;

/** better-sqlite3's codes for a file that cannot be written or read as a database. https://sqlite.org/rescode.html */
const SQLITE_UNAVAILABLE = /^SQLITE_(READONLY|IOERR|CANTOPEN|BUSY|LOCKED|FULL|CORRUPT|NOTADB|PERM)/;

/** node-postgres's own words when a connection is lost or cannot be made (these errors carry no code). */
const POSTGRES_CONNECTION_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection refused/i;

/** Whether an error thrown by a store means the database is out of reach rather than a bug. */
export function isStoreUnavailable(err: unknown): boolean {
  if (err instanceof StoreUnavailableError) return true;
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (NETWORK_CODES.has(code) || SQLITE_UNAVAILABLE.test(code)) return true;
    if (/^[0-9A-Z]{5}$/.test(code) && POSTGRES_UNAVAILABLE.test(code)) return true;
  }
  if (POSTGRES_CONNECTION_MESSAGES.test(err.message)) return true;
  // pg reports a refused connection to several addresses as an AggregateError of socket errors.
  if (err instanceof AggregateError) return err.errors.some(isStoreUnavailable);
  return false;
}

/** In plain words for the operator (logs, /status, /healthz), without the URL (it may hold a password). */
export function describeStoreProblem(err: unknown): string {
  if (err instanceof StoreUnavailableError) return err.problem;
  if (!(err instanceof Error)) return String(err);
  const code = (err as { code?: unknown }).code;
  if (code === 'SQLITE_READONLY' || (typeof code === 'string' && code.startsWith('SQLITE_READONLY')))
    return 'the database is read-only (check the permissions of DATA_DIR and the database file)';
  if (code === 'SQLITE_FULL') return 'the disk holding the database is full';
  if (typeof code === 'string' && code.startsWith('SQLITE_')) return `the database file failed (${code})`;
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return `the database server cannot be reached (${code})`;
  if (err instanceof AggregateError) return describeStoreProblem(err.errors[0]);
  return err.message;
}
