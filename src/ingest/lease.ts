import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

/**
 * Named leases in the store, so that of several processes sharing it exactly one does a job (ingest
 * the seeds folder and the feeds) and another takes over when it stops renewing. Implemented in
 * `src/store`, one atomic statement each.
 */
export interface Leases {
  /**
   * Takes the lease `name` for `holder` until `ttlMs` from now when it is free, expired or already
   * `holder`'s (a renewal). True when `holder` holds it now.
   */
  acquireLease(name: string, holder: string, ttlMs: number): Promise<boolean>;
  /** Lets the lease go if `holder` holds it, so another may take it at once. */
  releaseLease(name: string, holder: string): Promise<void>;
  /** Who holds the lease `name` now (null when it is free or expired). */
  leaseHolder(name: string): Promise<string | null>;
}

/** Host and process of a lease holder, so a restarted process can tell its dead predecessor. */
interface HolderProcess {
  host: string;
  pid: number;
}

/** A holder name for this process: its host, its process id and a random part (unique per start). */
export function holderName(process: HolderProcess = { host: hostname(), pid: globalThis.process.pid }): string {
  return `${process.host}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

/**
 * True when `holder` (a name from `holderName`) is a process of this host that no longer runs: its
 * process id is gone, or is this very process's under another name (a container restarted after a
 * crash starts with the same id). Such a lease would otherwise keep the ingest idle until it expires.
 */
export function isDeadLocalHolder(
  holder: string,
  self: HolderProcess = { host: hostname(), pid: process.pid },
  isRunning: (pid: number) => boolean = processRuns,
): boolean {
  const match = /^(.*):(\d+):[^:]*$/.exec(holder);
  if (!match || match[1] !== self.host) return false;
  const pid = Number(match[2]);
  return pid === self.pid || !isRunning(pid);
}

function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it runs, under another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
