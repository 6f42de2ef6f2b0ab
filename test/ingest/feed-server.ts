import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Route {
  status?: number;
  type?: string;
  body: string;
  etag?: string;
  lastModified?: string;
  /** Answer only after this long (to outlast a client's timeout). */
  delayMs?: number;
  /** A redirect's target (with a 3xx status). */
  location?: string;
}

export interface FeedServer {
  url(path: string): string;
  /** Routes by path; change them between polls to change what the server says. */
  routes: Map<string, Route>;
  /** Every request's path and headers, in order. */
  requests: { path: string; headers: IncomingHttpHeaders }[];
  hits(path: string): number;
  close(): Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1 serving feeds and pages, honouring If-None-Match and
 * If-Modified-Since the way a well-behaved publisher does.
 */
export async function startFeedServer(): Promise<FeedServer> {
  const routes = new Map<string, Route>();
  const requests: FeedServer['requests'] = [];
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer((request, response) => {
    const path = request.url ?? '/';
    requests.push({ path, headers: request.headers });
    const route = routes.get(path);
    const respond = () => {
      if (!route) return response.writeHead(404).end('not found');
      const headers: Record<string, string> = { 'content-type': route.type ?? 'application/rss+xml' };
      if (route.etag) headers.etag = route.etag;
      if (route.lastModified) headers['last-modified'] = route.lastModified;
      if (route.location) headers.location = route.location;
      const fresh =
        (route.etag && request.headers['if-none-match'] === route.etag) ||
        (route.lastModified && request.headers['if-modified-since'] === route.lastModified);
      if (fresh) return response.writeHead(304, headers).end();
      response.writeHead(route.status ?? 200, headers).end(route.body);
    };
    if (!route?.delayMs) return respond();
    const timer = setTimeout(() => {
      timers.delete(timer);
      respond();
    }, route.delayMs);
    timers.add(timer);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    routes,
    requests,
    hits: (path) => requests.filter((request) => request.path === path).length,
    close: () => {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
