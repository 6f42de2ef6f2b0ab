import type { ServerResponse } from 'node:http';
import { ErrorCode } from './errors.js';

/** A route given as `'POST /channels/:id/messages'` (params may be named anything), a RegExp over
 * `METHOD /path`, or a predicate. */
export type RouteMatcher =
  | string
  | RegExp
  | ((request: { method: string; path: string; route: string | null }) => boolean);

export type Fault =
  | { status: 429; retryAfter: number; global?: boolean; times?: number }
  /**
   * `afterHandling`: the request takes effect (a message is created) and the answer is a 500 anyway,
   * as when Discord's response is lost on the way back.
   */
  | { status: 500; afterHandling?: boolean; times?: number }
  | { status: 403; code: 50013; message?: string; times?: number };

interface PendingFault {
  matcher: RouteMatcher;
  fault: Fault;
  remaining: number;
}

/** Faults queued by `failNext`, each consumed by the next `times` matching requests (default once). */
export class Faults {
  private readonly pending: PendingFault[] = [];

  add(matcher: RouteMatcher, fault: Fault): void {
    this.pending.push({ matcher, fault, remaining: fault.times ?? 1 });
  }

  take(method: string, path: string, route: string | null): Fault | undefined {
    const index = this.pending.findIndex((p) => matches(p.matcher, method, path, route));
    const found = this.pending[index];
    if (!found) return undefined;
    found.remaining--;
    if (found.remaining <= 0) this.pending.splice(index, 1);
    return found.fault;
  }

  /** Writes the faulty response and returns its JSON body. */
  respond(fault: Fault, res: ServerResponse): unknown {
    if (fault.status === 429) {
      // discord.js reads the bucket headers and Retry-After to schedule the retry; Discord rounds the
      // header up to whole seconds and gives the exact value in the body.
      // https://discord.com/developers/docs/topics/rate-limits#exceeding-a-rate-limit
      const body = {
        message: 'You are being rate limited.',
        retry_after: fault.retryAfter,
        global: fault.global ?? false,
      };
      const headers: Record<string, string> = {
        'Content-Type': 'application/json',
        'Retry-After': String(Math.ceil(fault.retryAfter)),
        'X-RateLimit-Limit': '5',
        'X-RateLimit-Remaining': '0',
        'X-RateLimit-Reset': String(Date.now() / 1000 + fault.retryAfter),
        'X-RateLimit-Reset-After': String(fault.retryAfter),
        'X-RateLimit-Bucket': 'fake-discord-bucket',
        'X-RateLimit-Scope': fault.global ? 'global' : 'user',
      };
      if (fault.global) headers['X-RateLimit-Global'] = 'true';
      res.writeHead(429, headers).end(JSON.stringify(body));
      return body;
    }
    if (fault.status === 500) {
      const body = { message: '500: Internal Server Error', code: ErrorCode.General };
      res.writeHead(500, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
      return body;
    }
    const body = { message: fault.message ?? 'Missing Permissions', code: fault.code };
    res.writeHead(403, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
    return body;
  }
}

function matches(matcher: RouteMatcher, method: string, path: string, route: string | null): boolean {
  if (typeof matcher === 'function') return matcher({ method, path, route });
  if (matcher instanceof RegExp) return matcher.test(`${method} ${path}`);
  const wanted = normalize(matcher);
  return wanted === normalize(`${method} ${path}`) || (route !== null && wanted === normalize(route));
}

/** Treats `:name` and `{name}` segments alike so callers need not know the fake's param names. */
function normalize(route: string): string {
  return route.replace(/\/(:[^/]+|\{[^}]+\})/g, '/:').replace(/\/$/, '');
}
