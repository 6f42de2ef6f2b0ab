import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';

/**
 * A local OpenAI-compatible server for tests: POST /v1/chat/completions, answered from a script
 * (one reply per request, in order), recording every request. A request with nothing scripted for
 * it, or to any other route, gets a 500 and is listed in `unexpected`, so tests fail loudly.
 */

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: ChatRequestBody;
}

export interface ChatRequestBody {
  model: string;
  messages: { role: string; content: string }[];
  stream?: boolean;
  [key: string]: unknown;
}

export type ScriptedReply =
  /**
   * A chat completion with this content (non-streaming), or streamed in these pieces when the
   * request streams, `chunkDelayMs` apart (a model writing at a readable pace).
   */
  | {
      content: string;
      chunks?: string[];
      chunkDelayMs?: number;
      usage?: { prompt_tokens: number; completion_tokens: number };
    }
  /** An HTTP error with an OpenAI-style body (`param` names the offending request parameter, as OpenAI does). */
  | { status: number; message?: string; param?: string; headers?: Record<string, string> }
  /** Streams these pieces, then goes silent with the connection open. */
  | { stallAfter: string[] }
  /** Never answers: no headers, no body. */
  | { hang: true };

export type Script = ScriptedReply | ((request: RecordedRequest) => ScriptedReply);

export class FakeOpenAi {
  readonly requests: RecordedRequest[] = [];
  readonly unexpected: string[] = [];
  private readonly script: Script[] = [];
  private readonly server: Server;

  private constructor() {
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  static async start(): Promise<FakeOpenAi> {
    const fake = new FakeOpenAi();
    await fake.listen();
    return fake;
  }

  /**
   * The fake for a whole test file: listening before its tests, reset before each, closed after all;
   * each test must ask for exactly what it scripted, nothing more and nothing less.
   */
  static forTestFile(): FakeOpenAi {
    const fake = new FakeOpenAi();
    beforeAll(() => fake.listen());
    afterAll(() => fake.close());
    beforeEach(() => fake.reset());
    afterEach(() => {
      expect(fake.unexpected).toEqual([]);
      expect(fake.pending).toBe(0);
    });
    return fake;
  }

  private listen(): Promise<void> {
    return new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  /** The base URL to give the openai client. */
  get baseURL(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/v1`;
  }

  /** Queues replies for the next requests, in order. */
  reply(...replies: Script[]): this {
    this.script.push(...replies);
    return this;
  }

  /** Scripted replies not yet asked for. */
  get pending(): number {
    return this.script.length;
  }

  reset(): void {
    this.requests.length = 0;
    this.unexpected.length = 0;
    this.script.length = 0;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const path = req.url ?? '';
    if (req.method !== 'POST' || path !== '/v1/chat/completions') {
      this.unexpected.push(`${req.method} ${path}`);
      return sendError(res, 404, `fake-openai: no route ${req.method} ${path}`);
    }
    const request: RecordedRequest = { method: req.method, path, headers: req.headers, body: JSON.parse(raw) };
    this.requests.push(request);
    const next = this.script.shift();
    if (!next) {
      this.unexpected.push(`unscripted request #${this.requests.length}`);
      return sendError(res, 500, 'fake-openai: no reply scripted for this request');
    }
    let reply: ScriptedReply;
    try {
      reply = typeof next === 'function' ? next(request) : next;
    } catch (err) {
      this.unexpected.push(`script failed on request #${this.requests.length}: ${(err as Error).message}`);
      return sendError(res, 500, 'fake-openai: the scripted reply failed');
    }
    if ('hang' in reply) return;
    if ('status' in reply)
      return sendError(res, reply.status, reply.message ?? `status ${reply.status}`, reply.headers, reply.param);
    const id = `chatcmpl-fake-${this.requests.length}`;
    const model = request.body.model;
    if ('stallAfter' in reply) {
      startStream(res);
      for (const piece of reply.stallAfter) res.write(sse(chunkOf(id, model, piece)));
      return;
    }
    const usage = reply.usage
      ? { ...reply.usage, total_tokens: reply.usage.prompt_tokens + reply.usage.completion_tokens }
      : undefined;
    if (request.body.stream) {
      startStream(res);
      for (const [i, piece] of (reply.chunks ?? [reply.content]).entries()) {
        if (i && reply.chunkDelayMs) await new Promise((resolve) => setTimeout(resolve, reply.chunkDelayMs));
        res.write(sse(chunkOf(id, model, piece)));
      }
      res.write(sse({ ...chunkOf(id, model, ''), choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }));
      if (usage) res.write(sse({ id, object: 'chat.completion.chunk', created: 0, model, choices: [], usage }));
      res.end('data: [DONE]\n\n');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        id,
        object: 'chat.completion',
        created: 0,
        model,
        choices: [{ index: 0, message: { role: 'assistant', content: reply.content }, finish_reason: 'stop' }],
        ...(usage ? { usage } : {}),
      }),
    );
  }
}

function sendError(
  res: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
  param: string | null = null,
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify({ error: { message, type: 'fake_error', param, code: null } }));
}

function startStream(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
}

function chunkOf(id: string, model: string, content: string) {
  return {
    id,
    object: 'chat.completion.chunk',
    created: 0,
    model,
    choices: [{ index: 0, delta: { content }, finish_reason: null }],
  };
}

const sse = (data: unknown) => `data: ${JSON.stringify(data)}\n\n`;

/** The passage number the model was shown for the passage containing `snippet`, read from the request. */
export function passageNumber(request: RecordedRequest, snippet: string): number {
  const user = request.body.messages.find((m) => m.role === 'user')?.content ?? '';
  for (const match of user.matchAll(/<passage n="(\d+)"[^>]*>\n([\s\S]*?)\n<\/passage>/g)) {
    if (match[2]!.includes(snippet)) return Number(match[1]);
  }
  throw new Error(`fake-openai: no passage containing “${snippet}” was sent`);
}
