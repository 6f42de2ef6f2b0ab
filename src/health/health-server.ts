import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Metrics } from './metrics.js';

/** What /healthz reports; read fresh on every request. */
export interface Readiness {
  /** The Discord gateway connection is up (every shard, when sharded in this process). */
  gateway: boolean;
  /** Articles loaded; null while the corpus is still loading. */
  articles: number | null;
  /** Why the store cannot be written, when it cannot (see StoreHealth); null or absent when it can. */
  store?: string | null;
}

export interface HealthServerOptions {
  port: number;
  /** 0.0.0.0 by default, so a container's orchestrator can reach it. */
  host?: string;
  metrics: Metrics;
  isReady: () => Readiness;
}

export interface HealthServer {
  /** The port listened on (the one chosen when `port` was 0). */
  port: number;
  close(): Promise<void>;
}

const DEFAULT_HOST = '0.0.0.0';

/**
 * `/healthz` for liveness and readiness probes (200 when the gateway is connected and the corpus is
 * loaded, else 503 with the reason) and `/metrics` for Prometheus. Plain node:http: two routes do
 * not need a framework.
 */
export async function startHealthServer(options: HealthServerOptions): Promise<HealthServer> {
  const server = createServer((req, res) => {
    handle(req, res, options).catch((err: unknown) => {
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', `metrics failed: ${String(err)}\n`);
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? DEFAULT_HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Probes and scrapers keep connections alive; do not let them hold up shutdown.
        server.closeIdleConnections();
      }),
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, options: HealthServerOptions): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    send(res, 405, 'text/plain; charset=utf-8', 'method not allowed\n');
    return;
  }
  if (path === '/healthz') {
    const { status, body } = healthOf(options.isReady());
    send(res, status, 'application/json; charset=utf-8', JSON.stringify(body));
    return;
  }
  if (path === '/metrics') {
    const registry = options.metrics.registry;
    send(res, 200, registry.contentType, await registry.metrics());
    return;
  }
  send(res, 404, 'text/plain; charset=utf-8', 'not found: try /healthz or /metrics\n');
}

export function healthOf(ready: Readiness): { status: number; body: Record<string, unknown> } {
  const gateway = ready.gateway ? 'connected' : 'disconnected';
  const reasons = [
    ...(ready.gateway ? [] : ['the Discord gateway is not connected']),
    ...(ready.articles === null ? ['the articles are still loading'] : []),
    ...(ready.store ? [`the database cannot be written: ${ready.store}`] : []),
  ];
  if (reasons.length) {
    return {
      status: 503,
      body: { status: 'unavailable', reason: reasons.join('; '), gateway, articles: ready.articles },
    };
  }
  return { status: 200, body: { status: 'ok', gateway, articles: ready.articles } };
}

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'Content-Type': contentType, 'Cache-Control': 'no-store' });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}
