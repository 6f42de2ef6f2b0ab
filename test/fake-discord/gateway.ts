import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import zlib from 'node:zlib';
import { type WebSocket, WebSocketServer } from 'ws';
import { guildCreatePayload } from './guild-payloads.js';
import type { NextId } from './snowflake.js';
import type { World } from './world.js';

// Gateway opcodes and close codes: https://discord.com/developers/docs/topics/opcodes-and-status-codes
const Op = { Dispatch: 0, Heartbeat: 1, Identify: 2, Resume: 6, InvalidSession: 9, Hello: 10, HeartbeatAck: 11 };
const Close = {
  UnknownOpcode: 4001,
  DecodeError: 4002,
  NotAuthenticated: 4003,
  AuthenticationFailed: 4004,
  AlreadyAuthenticated: 4005,
  InvalidApiVersion: 4012,
  InvalidIntents: 4013,
  DisallowedIntents: 4014,
};

// https://discord.com/developers/docs/events/gateway#gateway-intents
export const Intent = {
  Guilds: 1 << 0,
  GuildMembers: 1 << 1,
  GuildPresences: 1 << 8,
  GuildMessages: 1 << 9,
  DirectMessages: 1 << 12,
  MessageContent: 1 << 15,
};
export const PRIVILEGED_INTENTS = Intent.GuildMembers | Intent.GuildPresences | Intent.MessageContent;

export interface GatewayOptions {
  token: string;
  heartbeatIntervalMs: number;
  /** Privileged intents enabled for the application in the developer portal. */
  allowedPrivilegedIntents: number;
  /** Application flags sent in READY (the "limited" flags mean the intents are enabled). */
  applicationFlags: number;
  onViolation: (rule: string, message: string) => void;
}

interface Session {
  id: string;
  intents: number;
  sequence: number;
  /** Every dispatch sent in this session, so a RESUME can replay what the client missed. */
  sent: { s: number; t: string; d: unknown }[];
  socket: WebSocket | null;
  send: ((payload: unknown) => void) | null;
}

export interface IdentifyRecord {
  at: number;
  intents: number;
  properties: unknown;
  compress: boolean;
  query: Record<string, string>;
}

/** The fake gateway: one shard, JSON encoding, optional zlib-stream or identify compression. */
export class Gateway {
  readonly identifies: IdentifyRecord[] = [];
  readonly heartbeats: number[] = [];
  private readonly server = new WebSocketServer({ noServer: true });
  private readonly sessions = new Map<string, Session>();
  private url = '';

  constructor(
    private readonly world: World,
    private readonly nextId: NextId,
    private readonly options: GatewayOptions,
  ) {}

  attach(http: Server, url: string): void {
    this.url = url;
    http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      const { pathname } = new URL(request.url ?? '/', 'http://127.0.0.1');
      if (pathname.replace(/\/$/, '') !== '/gateway') {
        socket.destroy();
        return;
      }
      this.server.handleUpgrade(request, socket, head, (ws) => this.accept(ws, request));
    });
  }

  /** Sessions that completed IDENTIFY (or RESUME) and still have an open socket. */
  get connected(): number {
    return [...this.sessions.values()].filter((s) => s.socket !== null).length;
  }

  /**
   * Sends a dispatch to every live session whose intents admit it; `shape` lets the payload depend on
   * the session's intents (message content is blanked without MESSAGE_CONTENT).
   */
  dispatch(type: string, data: unknown, requiredIntent?: number, shape?: (intents: number) => unknown): number {
    let delivered = 0;
    for (const session of this.sessions.values()) {
      if (requiredIntent !== undefined && (session.intents & requiredIntent) === 0) continue;
      if (this.emit(session, type, shape ? shape(session.intents) : data)) delivered++;
    }
    return delivered;
  }

  /** Sends one dispatch with the session's next sequence number; returns whether a socket took it. */
  private emit(session: Session, type: string, data: unknown): boolean {
    session.sequence++;
    const event = { s: session.sequence, t: type, d: data };
    session.sent.push(event);
    session.send?.({ op: Op.Dispatch, ...event });
    return session.send !== null;
  }

  /** Intents the bot identified with most recently (undefined before any IDENTIFY). */
  get intents(): number | undefined {
    return this.identifies.at(-1)?.intents;
  }

  async close(): Promise<void> {
    for (const client of this.server.clients) client.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(ws: WebSocket, request: IncomingMessage): void {
    const query = Object.fromEntries(new URL(request.url ?? '/', 'http://127.0.0.1').searchParams);
    // Discord only speaks v10 here; `encoding` is json or etf, and the only transport compression is
    // zlib-stream. https://discord.com/developers/docs/events/gateway#connecting
    if (query.v !== undefined && query.v !== '10') {
      ws.close(Close.InvalidApiVersion, 'Invalid API version');
      return;
    }
    if (query.encoding !== undefined && query.encoding !== 'json') {
      this.options.onViolation('gateway', `unsupported gateway encoding "${query.encoding}" (the fake speaks json)`);
      ws.close(Close.DecodeError, 'Error while decoding payload.');
      return;
    }
    if (query.compress !== undefined && query.compress !== 'zlib-stream') {
      ws.close(Close.DecodeError, 'Error while decoding payload.');
      return;
    }
    const send = createSender(ws, query.compress === 'zlib-stream');
    let session: Session | null = null;
    let identifyCompress = false;
    const sendToSession = (payload: unknown) =>
      identifyCompress ? sendRaw(ws, zlib.deflateSync(JSON.stringify(payload))) : send(payload);

    send({ op: Op.Hello, d: { heartbeat_interval: this.options.heartbeatIntervalMs, _trace: ['fake-discord'] } });

    ws.on('message', (raw) => {
      let payload: { op?: number; d?: unknown };
      try {
        payload = JSON.parse(raw.toString());
      } catch {
        ws.close(Close.DecodeError, 'Error while decoding payload.');
        return;
      }
      switch (payload.op) {
        case Op.Heartbeat:
          this.heartbeats.push(Date.now());
          sendToSession({ op: Op.HeartbeatAck });
          return;
        case Op.Identify: {
          if (session) {
            ws.close(Close.AlreadyAuthenticated, 'Already authenticated.');
            return;
          }
          const d = (payload.d ?? {}) as {
            token?: string;
            intents?: unknown;
            properties?: unknown;
            compress?: boolean;
          };
          if (!this.checkToken(ws, d.token)) return;
          if (typeof d.intents !== 'number' || !Number.isInteger(d.intents) || d.intents < 0) {
            ws.close(Close.InvalidIntents, 'Invalid intent(s).');
            return;
          }
          if (d.intents & PRIVILEGED_INTENTS & ~this.options.allowedPrivilegedIntents) {
            ws.close(Close.DisallowedIntents, 'Disallowed intent(s).');
            return;
          }
          identifyCompress = d.compress === true;
          this.identifies.push({
            at: Date.now(),
            intents: d.intents,
            properties: d.properties,
            compress: identifyCompress,
            query,
          });
          session = { id: this.nextId(), intents: d.intents, sequence: 0, sent: [], socket: ws, send: sendToSession };
          this.sessions.set(session.id, session);
          this.sendReady(session);
          return;
        }
        case Op.Resume: {
          const d = (payload.d ?? {}) as { token?: string; session_id?: string; seq?: number };
          if (!this.checkToken(ws, d.token)) return;
          const resumed = this.sessions.get(d.session_id ?? '');
          if (!resumed) {
            send({ op: Op.InvalidSession, d: false });
            return;
          }
          session = resumed;
          session.socket = ws;
          session.send = sendToSession;
          for (const event of session.sent) if (event.s > (d.seq ?? 0)) sendToSession({ op: Op.Dispatch, ...event });
          this.emit(session, 'RESUMED', null);
          return;
        }
        default:
          if (!session) {
            ws.close(Close.NotAuthenticated, 'Not authenticated.');
            return;
          }
          // Presence, voice state and member requests are accepted and ignored.
          if (![3, 4, 8].includes(payload.op ?? -1)) ws.close(Close.UnknownOpcode, 'Unknown opcode.');
      }
    });
    ws.on('close', () => {
      if (session?.socket === ws) {
        session.socket = null;
        session.send = null;
      }
    });
  }

  private checkToken(ws: WebSocket, token: string | undefined): boolean {
    // The gateway takes the bare token; REST takes `Bot <token>`.
    if (token === this.options.token || token === `Bot ${this.options.token}`) return true;
    ws.close(Close.AuthenticationFailed, 'Authentication failed.');
    return false;
  }

  private sendReady(session: Session): void {
    const guilds = [...this.world.guilds.values()];
    // https://discord.com/developers/docs/events/gateway-events#ready
    this.emit(session, 'READY', {
      v: 10,
      user: this.world.bot,
      guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: this.url,
      shard: [0, 1],
      application: { id: this.world.applicationId, flags: this.options.applicationFlags },
      private_channels: [],
      relationships: [],
      presences: [],
      guild_join_requests: [],
      user_settings: {},
      geo_ordered_rtc_regions: [],
      _trace: ['fake-discord'],
    });
    // Without the GUILDS intent Discord sends no GUILD_CREATE and discord.js waits out its guild timeout.
    if ((session.intents & Intent.Guilds) === 0) return;
    for (const guild of guilds) this.emit(session, 'GUILD_CREATE', guildCreatePayload(guild));
  }
}

/**
 * With `compress=zlib-stream` every payload goes through one shared deflate context and ends with a
 * Z_SYNC_FLUSH (the 00 00 ff ff suffix the client waits for).
 * https://discord.com/developers/docs/events/gateway#transport-compression
 */
function createSender(ws: WebSocket, zlibStream: boolean): (payload: unknown) => void {
  if (!zlibStream) return (payload) => sendRaw(ws, JSON.stringify(payload));
  const deflate = zlib.createDeflate();
  const chunks: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => chunks.push(chunk));
  let queue = Promise.resolve();
  return (payload) => {
    queue = queue.then(
      () =>
        new Promise<void>((resolve) => {
          deflate.write(JSON.stringify(payload));
          deflate.flush(zlib.constants.Z_SYNC_FLUSH, () => {
            sendRaw(ws, Buffer.concat(chunks.splice(0)));
            resolve();
          });
        }),
    );
  };
}

function sendRaw(ws: WebSocket, data: string | Buffer): void {
  if (ws.readyState === ws.OPEN) ws.send(data);
}
