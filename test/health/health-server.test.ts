import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { type HealthServer, type Readiness, startHealthServer } from '../../src/health/health-server.js';
import { createMetrics } from '../../src/health/metrics.js';

let server: HealthServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(ready: Readiness, articles = 12) {
  const metrics = createMetrics(new Registry(), { countArticles: () => articles });
  server = await startHealthServer({ port: 0, host: '127.0.0.1', metrics, isReady: () => ready });
  const { port } = server;
  const get = (path: string, init?: RequestInit) => fetch(`http://127.0.0.1:${port}${path}`, init);
  return { metrics, get };
}

describe('the health server', () => {
  it('reports ok with the article count when the gateway is connected and the articles loaded', async () => {
    const { get } = await start({ gateway: true, articles: 12 });
    const res = await get('/healthz');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ status: 'ok', gateway: 'connected', articles: 12 });
  });

  it('answers 503 with the reason when the gateway is down', async () => {
    const { get } = await start({ gateway: false, articles: 12 });
    const res = await get('/healthz');
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ gateway: 'disconnected', reason: 'the Discord gateway is not connected' });
  });

  it('answers 503 while the articles are loading', async () => {
    const { get } = await start({ gateway: true, articles: null });
    const res = await get('/healthz');
    expect(res.status).toBe(503);
    expect(((await res.json()) as { reason: string }).reason).toBe('the articles are still loading');
  });

  it('serves commands, latency, errors, articles and process metrics in Prometheus format', async () => {
    const { metrics, get } = await start({ gateway: true, articles: 12 }, 7);
    metrics.served('ask', 'answered', 0.042);
    metrics.served('ask', 'failed', 1.5);
    metrics.served('quote', 'refused', 0.01);
    metrics.failed('gateway');
    const res = await get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toContain('newsdesk_commands_total{command="ask",outcome="answered"} 1');
    expect(text).toContain('newsdesk_commands_total{command="quote",outcome="refused"} 1');
    expect(text).toContain('newsdesk_command_duration_seconds_bucket{le="0.05",command="ask"} 1');
    expect(text).toContain('newsdesk_command_duration_seconds_count{command="ask"} 2');
    expect(text).toContain('newsdesk_errors_total{where="ask"} 1');
    expect(text).toContain('newsdesk_errors_total{where="gateway"} 1');
    expect(text).toContain('newsdesk_articles 7');
    expect(text).toContain('process_cpu_user_seconds_total');
  });

  it('keeps each registry separate, so two servers in one process do not collide', async () => {
    expect(() => {
      createMetrics(new Registry());
      createMetrics(new Registry());
    }).not.toThrow();
  });

  it('answers 404 elsewhere and 405 for other methods', async () => {
    const { get } = await start({ gateway: true, articles: 1 });
    expect((await get('/')).status).toBe(404);
    const post = await get('/healthz', { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('stops listening when closed', async () => {
    const { get } = await start({ gateway: true, articles: 1 });
    await server!.close();
    server = undefined;
    await expect(get('/healthz')).rejects.toThrow();
  });
});
