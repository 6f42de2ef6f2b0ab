import { type ChildProcess, spawn } from 'node:child_process';
import { ROOT } from './run-script.js';

const STARTUP_MS = 30_000;

export interface BotProcess {
  child: ChildProcess;
  /** Everything the bot logged on stderr so far. */
  logs(): string;
  /** Resolves when the logs contain `text` (after `from`, a length of logs()), or rejects after `timeoutMs`. */
  waitForLog(text: string | RegExp, timeoutMs?: number, from?: number): Promise<void>;
  /** SIGTERM and wait for the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL: the process dies where it stands, as in a crash or an OOM kill. */
  kill(): Promise<void>;
}

/**
 * The bot as `npm start` runs it (`node --import tsx src/index.ts`), with only PATH and the given
 * variables, resolved once it has logged in to Discord.
 */
export async function startBotProcess(env: Record<string, string>): Promise<BotProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
  });
  let logs = '';
  child.stderr.on('data', (chunk) => {
    logs += chunk;
  });
  child.stdout.resume();
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const waitForLog = async (text: string | RegExp, timeoutMs = STARTUP_MS, from = 0) => {
    const deadline = Date.now() + timeoutMs;
    const found = () => (typeof text === 'string' ? logs.indexOf(text, from) >= 0 : text.test(logs.slice(from)));
    while (!found()) {
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(`bot exited before "${text}":\n${logs}`);
      if (Date.now() > deadline) throw new Error(`bot did not log "${text}" in ${timeoutMs} ms:\n${logs}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  await waitForLog('logged in to Discord');
  return {
    child,
    logs: () => logs,
    waitForLog,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      return exited;
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Polls `read` until it returns something truthy. */
export async function until<T>(read: () => T | undefined | null | false, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
