import { lookup } from 'node:dns/promises';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { PassThrough, pipeline, Readable, Transform } from 'node:stream';
import zlib from 'node:zlib';

/** Redirects followed per fetch; each one's address is checked like the first. */
export const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/**
 * A feed or an article page larger than this is not read to the end: a server sending without end
 * would otherwise fill the bot's memory. Real feeds and pages are a few hundred kilobytes.
 */
export const MAX_RESPONSE_BYTES = 10 * 1024 * 1024;
/** Statuses whose response has no body (the Response constructor refuses one). */
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/**
 * Addresses a feed or an article page must never be fetched from: feeds are shared by every server
 * the bot is in, and whatever a fetch finds becomes answerable by every member, so the bot must not
 * be a way into the network it runs in. Loopback, private (RFC 1918, carrier-grade NAT, unique
 * local), link-local (including cloud metadata at 169.254.169.254), unspecified, multicast and
 * reserved ranges. IPv4-mapped IPv6 forms are checked as the IPv4 address they carry; the older forms
 * that carry one (compatible, translated, local NAT64, 6to4) are refused whole.
 */
const INTERNAL = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  INTERNAL.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  // IPv4-compatible (deprecated, ::a.b.c.d), with the unspecified and loopback addresses in it.
  ['::', 96],
  // IPv4-translated (SIIT, ::ffff:0:a.b.c.d) and local-use NAT64 (RFC 8215): each carries an IPv4
  // address a translator on the way may deliver to, internal or not.
  ['::ffff:0:0:0', 96],
  ['64:ff9b:1::', 48],
  // 6to4 (2002:a.b.c.d::/48, deprecated by RFC 7526): a relay would deliver to the IPv4 inside.
  ['2002::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const) {
  INTERNAL.addSubnet(network, prefix, 'ipv6');
}

/** The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d) or NAT64 (64:ff9b::a.b.c.d) IPv6 address. */
function embeddedIpv4(address: string): string | null {
  const match = /^(?:::ffff:|64:ff9b::)(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/i.exec(address);
  if (!match) return null;
  if (match[1]) return match[1];
  const high = Number.parseInt(match[2] ?? '0', 16);
  const low = Number.parseInt(match[3] ?? '0', 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/** True for an address no feed may be fetched from (see INTERNAL). */
export function isInternalAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return INTERNAL.check(address, 'ipv4');
  if (family !== 6) return true;
  const ipv4 = embeddedIpv4(address);
  return ipv4 ? INTERNAL.check(ipv4, 'ipv4') : INTERNAL.check(address, 'ipv6');
}

/** A fetch refused before anything was sent: the address is internal, or the URL is not http(s). */
export class RefusedFetchError extends Error {
  override readonly name = 'RefusedFetchError';
}

export interface GuardedFetchOptions {
  /**
   * Host names (or IP addresses) fetched even though they resolve to an internal address: a
   * self-hoster's own feed server. Compared case-insensitively with the URL's host, without port.
   */
  allowedHosts?: readonly string[];
  /** Resolves a host name to every address it has; dns.lookup unless a test gives another. */
  resolve?: (host: string) => Promise<readonly { address: string; family: number }[]>;
  /** Bodies (decoded) longer than this fail as they are read (default MAX_RESPONSE_BYTES). */
  maxResponseBytes?: number;
}

export interface GuardedRequest {
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export type GuardedFetch = (url: string, init?: GuardedRequest) => Promise<Response>;

/**
 * GET over node:http(s) that refuses internal addresses. Each host is resolved (every address, by
 * dns.lookup), all of them are checked, and the connection goes to a checked address through the
 * request's `lookup` hook, so a DNS answer that changes between the check and the connection (DNS
 * rebinding) cannot reach inside. Redirects are followed here, at most MAX_REDIRECTS, each one
 * checked again. Returns a web Response so callers read it as they would fetch's.
 */
export function createGuardedFetch(options: GuardedFetchOptions = {}): GuardedFetch {
  const allowed = new Set((options.allowedHosts ?? []).map((host) => host.toLowerCase()));
  const resolve = options.resolve ?? ((host: string) => lookup(host, { all: true, verbatim: true }));
  const maxBytes = options.maxResponseBytes ?? MAX_RESPONSE_BYTES;
  return async (url, init = {}) => {
    let target = new URL(url);
    for (let redirects = 0; ; redirects++) {
      const addresses = await checkedAddresses(target, allowed, resolve);
      const response = await get(target, addresses, init);
      const location = response.headers.location;
      if (!REDIRECT_STATUSES.has(response.statusCode ?? 0) || !location) return toResponse(response, maxBytes);
      response.resume();
      if (redirects >= MAX_REDIRECTS) throw new RefusedFetchError(`more than ${MAX_REDIRECTS} redirects`);
      target = new URL(location, target);
    }
  };
}

async function checkedAddresses(
  url: URL,
  allowed: ReadonlySet<string>,
  resolve: NonNullable<GuardedFetchOptions['resolve']>,
): Promise<{ address: string; family: number }[]> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new RefusedFetchError(`${url.protocol} addresses are not fetched`);
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  const family = isIP(host);
  const addresses = family ? [{ address: host, family }] : [...(await resolve(host))];
  if (!addresses.length) throw new RefusedFetchError(`${host} has no address`);
  if (!allowed.has(host) && addresses.some(({ address }) => isInternalAddress(address))) {
    throw new RefusedFetchError(`${host} is an internal address`);
  }
  return addresses;
}

/** Connects only to `addresses`, whatever the host name would resolve to by now. */
function pinnedLookup(addresses: readonly { address: string; family: number }[]): LookupFunction {
  return (_hostname, options, callback) => {
    const [first] = addresses;
    if (options.all) return callback(null, addresses as { address: string; family: number }[]);
    return callback(null, first?.address ?? '', first?.family ?? 4);
  };
}

function get(url: URL, addresses: readonly { address: string; family: number }[], init: GuardedRequest) {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<IncomingMessage>((done, fail) => {
    const request = client.request(url, {
      method: 'GET',
      headers: { 'accept-encoding': 'gzip, deflate, br', ...init.headers },
      lookup: pinnedLookup(addresses),
      // A kept-alive socket would be keyed by host name alone; one connection per checked request.
      agent: false,
      ...(init.signal ? { signal: init.signal } : {}),
    });
    request.once('response', done);
    request.once('error', fail);
    request.end();
  });
}

function toResponse(message: IncomingMessage, maxBytes: number): Response {
  const status = message.statusCode ?? 502;
  const headers = new Headers();
  for (const [name, value] of Object.entries(message.headers)) {
    for (const one of [value ?? []].flat()) headers.append(name, one);
  }
  if (NULL_BODY_STATUSES.has(status)) {
    message.resume();
    return new Response(null, { status, headers });
  }
  const decoder = decoderFor(headers.get('content-encoding'));
  if (decoder) {
    headers.delete('content-encoding');
    headers.delete('content-length');
  }
  // Counted after decoding, so a small compressed body cannot unpack into gigabytes.
  const body = new PassThrough();
  pipeline([message, ...(decoder ? [decoder] : []), capped(maxBytes), body], () => {});
  return new Response(Readable.toWeb(body) as ReadableStream<Uint8Array>, {
    status,
    statusText: message.statusMessage ?? '',
    headers,
  });
}

/** Passes bytes through until `maxBytes`, then fails the stream. */
function capped(maxBytes: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > maxBytes) return done(new RefusedFetchError(`response larger than ${maxBytes} bytes`));
      done(null, chunk);
    },
  });
}

function decoderFor(encoding: string | null) {
  if (encoding === 'gzip' || encoding === 'x-gzip') return zlib.createGunzip();
  if (encoding === 'deflate') return zlib.createInflate();
  if (encoding === 'br') return zlib.createBrotliDecompress();
  return null;
}
