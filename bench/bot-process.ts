import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** How long a SIGTERM gets before the bot is killed: it finishes replies in flight first. */
const STOP_GRACE_MS = 15_000;
/** Enough of the bot's stderr to explain a failed start, without holding a whole run's logs. */
const MAX_LOG_CHARS = 8_000;
const FORWARDED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export interface BotProcess {
  readonly child: ChildProcess;
  /** The last few thousand characters the bot wrote to stderr. */
  logs(): string;
  /** Resolves with the exit code (or signal) once the process has gone. */
  readonly exited: Promise<string>;
  /** SIGTERM, then SIGKILL after a grace period; safe to call twice. */
  stop(): Promise<string>;
}

/**
 * The bot as `npm start` runs it: `node scripts/run.mjs src/index.ts` (the compiled build) in the project folder. Only the
 * variables given (plus PATH and HOME) are passed, so a developer's .env cannot change what is
 * measured: dotenv never overrides a variable that is already set, even to nothing.
 */
export function spawnBot(env: Record<string, string>): BotProcess {
  const child = spawn(process.execPath, ['scripts/run.mjs', 'src/index.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let logs = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    logs = (logs + chunk).slice(-MAX_LOG_CHARS);
  });
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => resolve(signal ?? `exit code ${code}`));
    child.once('error', (err) => resolve(`failed to start: ${err.message}`));
  });
  // If the bench exits or is stopped before its own clean-up runs, the bot must not outlive it.
  // A signal is raised again once the bot is gone, so the bench still dies as it would have.
  const killOnExit = () => child.kill('SIGKILL');
  const killOnSignal = (signal: NodeJS.Signals) => {
    forget();
    child.kill('SIGKILL');
    process.kill(process.pid, signal);
  };
  const forget = () => {
    process.off('exit', killOnExit);
    for (const signal of FORWARDED_SIGNALS) process.off(signal, killOnSignal);
  };
  process.once('exit', killOnExit);
  for (const signal of FORWARDED_SIGNALS) process.once(signal, killOnSignal);
  exited.then(forget);

  return {
    child,
    logs: () => logs,
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      const how = await exited;
      clearTimeout(timer);
      return how;
    },
  };
}
