import type { IncomingMessage, ServerResponse } from 'node:http';
import { DiscordHttpError, ErrorCode } from './errors.js';
import type { Faults } from './faults.js';
import type { UploadedFile } from './messages.js';
import type { RateLimiter } from './rate-limits.js';
import type { RecordedRequest, Recorder } from './recorder.js';
import type { Route } from './route.js';
import type { SpecValidator } from './spec-validator.js';

// discord.js builds `${api}/v${version}${route}`; the fake serves only v10.
// https://discord.com/developers/docs/reference#api-versioning
const API_PREFIX = '/api/v10';

interface CompiledRoute extends Route {
  pattern: RegExp;
  names: string[];
  literalSegments: number;
}

export interface RestOptions {
  token: string;
  routes: Route[];
  recorder: Recorder;
  faults: Faults;
  spec: SpecValidator;
  limiter: RateLimiter;
}

/** Turns HTTP requests into route calls, recording each with its response. */
export function createRestHandler(options: RestOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const { recorder, faults, spec, limiter } = options;
  const routes = options.routes
    .map(compile)
    // `/users/@me` must win over `/users/:user_id`.
    .sort((a, b) => b.literalSegments - a.literalSegments);
  let seq = 0;

  return (req, res) => {
    const at = Date.now();
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const method = (req.method ?? 'GET').toUpperCase();
      const path = url.pathname.startsWith(API_PREFIX) ? url.pathname.slice(API_PREFIX.length) || '/' : url.pathname;
      const request: RecordedRequest = {
        seq: ++seq,
        at,
        method,
        path,
        route: null,
        params: {},
        query: Object.fromEntries(url.searchParams),
        headers: req.headers,
        body: undefined,
        files: [],
        status: 0,
        response: undefined,
      };
      const label = `${method} ${url.pathname}`;
      let limitHeaders: Record<string, string> = {};
      const send = (status: number, body?: unknown, headers: Record<string, string> = limitHeaders) => {
        request.status = status;
        request.response = body;
        if (body === undefined) res.writeHead(status, headers).end();
        else res.writeHead(status, { ...headers, 'Content-Type': 'application/json' }).end(JSON.stringify(body));
        recorder.record(request);
      };
      try {
        if (!url.pathname.startsWith(`${API_PREFIX}/`)) {
          recorder.violation('unknown-route', `request outside ${API_PREFIX}: ${label}`, { request: label });
          throw new DiscordHttpError(404, ErrorCode.General, '404: Not Found');
        }
        const parsed = await parseBody(req.headers['content-type'], Buffer.concat(chunks));
        request.body = parsed.body;
        request.files = parsed.files;
        const match = findRoute(routes, method, path);
        if (!match) {
          recorder.violation('unknown-route', `the fake does not serve ${method} ${path}`, { request: label });
          throw new DiscordHttpError(404, ErrorCode.General, '404: Not Found');
        }
        request.route = `${method} ${match.route.template}`;
        request.params = match.params;
        const authorization = req.headers.authorization;
        if ((match.route.auth || authorization !== undefined) && authorization !== `Bot ${options.token}`) {
          recorder.violation('auth', `bad Authorization header on ${method} ${path}`, { request: label });
          throw new DiscordHttpError(401, ErrorCode.General, '401: Unauthorized');
        }
        const fault = faults.take(method, path, request.route);
        const answerAfterHandling = fault?.status === 500 && fault.afterHandling === true;
        if (fault && !answerAfterHandling) {
          request.fault = `${fault.status}`;
          request.status = fault.status;
          if (fault.status === 429) limiter.counts.injected++;
          request.response = faults.respond(fault, res);
          recorder.record(request);
          return;
        }
        const limit = limiter.check(request.route, match.params, match.route.auth);
        if (limit.limited) {
          request.rateLimited = limit.scope;
          send(429, limit.body, limit.headers);
          return;
        }
        limitHeaders = limit.headers;
        checkAgainstSpec(spec, recorder, method, path, request.body, label);
        const result = match.route.handle({
          params: match.params,
          query: request.query,
          body: request.body,
          files: request.files,
          request,
        });
        if (fault) {
          request.fault = `${fault.status} after handling`;
          request.status = fault.status;
          request.response = faults.respond(fault, res);
          recorder.record(request);
          return;
        }
        send(result.status, result.body);
      } catch (error) {
        if (error instanceof DiscordHttpError) send(error.status, error.body);
        else {
          recorder.violation('fake-discord-bug', `handler threw: ${String(error)}`, { request: label });
          send(500, { message: '500: Internal Server Error', code: ErrorCode.General });
        }
      }
    });
  };
}

function checkAgainstSpec(
  spec: SpecValidator,
  recorder: Recorder,
  method: string,
  path: string,
  body: unknown,
  label: string,
) {
  const result = spec.check(method, path, body);
  if (result.kind === 'invalid') {
    recorder.violation('openapi-schema', `${result.operation}: ${result.errors.join('; ')}`, { request: label });
  } else if (result.kind === 'uncompilable') {
    recorder.warn(`fake-discord: the OpenAPI schema for ${result.operation} does not compile: ${result.error}`);
  } else if (result.kind === 'unknown-operation') {
    recorder.warn(`fake-discord: the OpenAPI spec has no operation for ${method} ${path}`);
  }
}

/** JSON bodies as they are; multipart bodies (discord.js uses them for files) via `payload_json`. */
async function parseBody(
  contentType: string | undefined,
  raw: Buffer,
): Promise<{ body: unknown; files: UploadedFile[] }> {
  if (raw.length === 0) return { body: undefined, files: [] };
  if (contentType?.startsWith('multipart/form-data')) {
    const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
    const files: UploadedFile[] = [];
    let body: unknown;
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') {
        if (field === 'payload_json') body = parseJson(value);
      } else {
        files.push({ field, filename: value.name, size: value.size, contentType: value.type });
      }
    }
    return { body, files };
  }
  return { body: parseJson(raw.toString('utf8')), files: [] };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new DiscordHttpError(400, ErrorCode.InvalidJson, 'The request body contains invalid JSON.');
  }
}

function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  const source = route.template
    .split('/')
    .map((segment) => {
      if (!segment.startsWith(':')) return segment.replace(/[.@]/g, '\\$&');
      names.push(segment.slice(1));
      return '([^/]+)';
    })
    .join('/');
  const literalSegments = route.template.split('/').filter((s) => s && !s.startsWith(':')).length;
  return { ...route, pattern: new RegExp(`^${source}$`), names, literalSegments };
}

function findRoute(routes: CompiledRoute[], method: string, path: string) {
  for (const route of routes) {
    if (route.method !== method) continue;
    const found = route.pattern.exec(path);
    if (!found) continue;
    const params = Object.fromEntries(route.names.map((name, i) => [name, decodeURIComponent(found[i + 1] ?? '')]));
    return { route, params };
  }
  return undefined;
}
