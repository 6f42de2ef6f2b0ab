import { randomUUID } from 'node:crypto';
import { readFileSync, readlinkSync } from 'node:fs';
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

/**
 * Where a process runs, as far as process ids mean anything: one boot of one kernel and one process
 * id namespace (a container has its own). Null where the system does not tell (not Linux).
 */
export interface ProcessSpace {
  /** `<boot id>/<pid namespace>`, or null. */
  space: string | null;
  pid: number;
}

/** This process's `ProcessSpace`, read from /proc. */
export function thisProcess(): ProcessSpace {
  try {
    const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    const namespace = readlinkSync('/proc/self/ns/pid').replace(/\D/g, '');
    return { space: boot && namespace ? `${boot}/${namespace}` : null, pid: process.pid };
  } catch {
    return { space: null, pid: process.pid };
  }
}

/**
 * A holder name for this process: host name (for people reading the lease), process space,
 * process id and a random part, unique per start.
 */
export function holderName(self: ProcessSpace = thisProcess()): string {
  return `${hostname()}:${self.space ?? '-'}:${self.pid}:${randomUUID().slice(0, 8)}`;
}

/**
 * True when `holder` (a name from `holderName`) is a process that no longer runs and this process
 * can tell: it ran in this very process space (same boot, same pid namespace) and its process id is
 * gone, or is this process's own under another name (a process that crashed and whose id came back
 * to this one). A holder elsewhere (another machine, another container, even under the same host
 * name) is never judged: its lease is left to expire.
 */
export function isDeadLocalHolder(holder: string): boolean {
  const self = thisProcess();
  const match = /:([^:]+):(\d+):[^:]*$/.exec(holder);
  if (!match || self.space === null || match[1] !== self.space) return false;
  const pid = Number(match[2]);
  return pid === self.pid || !processRuns(pid);
}

function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // Only "no such process" says it has gone: EPERM (another user's) or a refusal by a security
    // module leaves it running as far as the lease goes.
    return (err as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}
