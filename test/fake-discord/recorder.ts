import type { IncomingHttpHeaders } from 'node:http';

/** One REST request as the fake saw it, with the response it gave. */
export interface RecordedRequest {
  seq: number;
  at: number;
  method: string;
  /** Path below `/api/v10`, without the query string. */
  path: string;
  /** The matched route as `METHOD /template/:param`, or null for an unknown route. */
  route: string | null;
  params: Record<string, string>;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: unknown;
  files: { field: string; filename: string; size: number; contentType: string }[];
  status: number;
  response: unknown;
  /** Set when the response came from `failNext` rather than the route. */
  fault?: string;
  /** Set when the fake's own rate limits answered 429 (see `globalRequestsPerSecond`, `channelMessageLimit`). */
  rateLimited?: 'global' | 'channel';
}

export interface Violation {
  rule: string;
  message: string;
  at: number;
  request?: string;
  interactionId?: string;
}

interface Waiter {
  predicate: (request: RecordedRequest) => boolean;
  resolve: (request: RecordedRequest) => void;
}

/** Keeps every request, violation and warning, and wakes up tests waiting for a request. */
export class Recorder {
  readonly requests: RecordedRequest[] = [];
  readonly violations: Violation[] = [];
  readonly warnings: string[] = [];
  private readonly waiters = new Set<Waiter>();
  private readonly warned = new Set<string>();

  record(request: RecordedRequest): void {
    this.requests.push(request);
    for (const waiter of this.waiters) {
      if (waiter.predicate(request)) {
        this.waiters.delete(waiter);
        waiter.resolve(request);
      }
    }
  }

  violation(rule: string, message: string, context: { request?: string; interactionId?: string } = {}): void {
    this.violations.push({ rule, message, at: Date.now(), ...context });
  }

  /** Records a warning once per distinct text. */
  warn(message: string): void {
    if (this.warned.has(message)) return;
    this.warned.add(message);
    this.warnings.push(message);
  }

  waitFor(predicate: (request: RecordedRequest) => boolean, timeoutMs: number): Promise<RecordedRequest> {
    const seen = this.requests.find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const recent = this.requests
          .slice(-10)
          .map((r) => `  ${r.method} ${r.path} → ${r.status}`)
          .join('\n');
        reject(
          new Error(
            `fake-discord: no matching request within ${timeoutMs} ms; last requests:\n${recent || '  (none)'}`,
          ),
        );
      }, timeoutMs);
      const waiter: Waiter = {
        predicate,
        resolve: (request) => {
          clearTimeout(timer);
          resolve(request);
        },
      };
      this.waiters.add(waiter);
    });
  }

  describeViolations(): string {
    return this.violations
      .map(
        (v) =>
          `- [${v.rule}] ${v.message}${v.request ? ` (${v.request})` : ''}${v.interactionId ? ` (interaction ${v.interactionId})` : ''}`,
      )
      .join('\n');
  }
}
