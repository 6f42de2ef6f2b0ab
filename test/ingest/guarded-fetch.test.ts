import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { createGuardedFetch, isInternalAddress } from '../../src/ingest/guarded-fetch.js';

describe('isInternalAddress', () => {
  it('refuses loopback, private, shared, link-local, metadata, unspecified, multicast and reserved IPv4', () => {
    for (const address of [
      '127.0.0.1',
      '127.8.9.10',
      '10.0.0.1',
      '172.16.0.1',
      '172.31.255.254',
      '192.168.1.1',
      '100.64.0.1',
      '169.254.169.254',
      '0.0.0.0',
      '224.0.0.1',
      '239.255.255.250',
      '255.255.255.255',
    ]) {
      expect(isInternalAddress(address), address).toBe(true);
    }
  });

  it('refuses the same in IPv6, including IPv4-mapped and NAT64 forms of internal IPv4', () => {
    for (const address of [
      '::1',
      '::',
      'fc00::1',
      'fd12:3456:789a::1',
      'fe80::1',
      'ff02::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '::ffff:169.254.169.254',
      '::ffff:a9fe:a9fe',
      '64:ff9b::10.0.0.1',
    ]) {
      expect(isInternalAddress(address), address).toBe(true);
    }
  });

  it('refuses the older IPv6 forms that carry an IPv4 address: compatible, translated, local NAT64, 6to4', () => {
    for (const address of [
      '::127.0.0.1',
      '::7f00:1',
      '::a00:1',
      '::ffff:0:127.0.0.1',
      '::ffff:0:7f00:1',
      '64:ff9b:1::7f00:1',
      '2002:7f00:1::',
      '2002:a9fe:a9fe::1',
    ]) {
      expect(isInternalAddress(address), address).toBe(true);
    }
  });

  it('lets public addresses through', () => {
    for (const address of [
      '93.184.216.34',
      '8.8.8.8',
      '172.32.0.1',
      '100.128.0.1',
      '2606:4700::1111',
      '::ffff:8.8.8.8',
    ]) {
      expect(isInternalAddress(address), address).toBe(false);
    }
  });

  it('refuses what is not an address at all', () => {
    expect(isInternalAddress('localhost')).toBe(true);
  });
});

describe('a guarded fetch from an allowed test server', () => {
  let server: Server | undefined;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise((done) => (server ? server.close(done) : done(undefined)));
    server = undefined;
  });

  /** Serves `body` gzipped at every path, on 127.0.0.1. */
  async function serveGzipped(body: string): Promise<string> {
    server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' }).end(gzipSync(body));
    });
    await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  }

  it('decodes a compressed body', async () => {
    const url = await serveGzipped('A short feed.');
    const fetch = createGuardedFetch({ allowedHosts: ['127.0.0.1'] });
    expect(await (await fetch(url)).text()).toBe('A short feed.');
  });

  it('stops reading a body past its limit, counted after decoding (no gzip bomb)', async () => {
    const url = await serveGzipped('0'.repeat(200_000));
    const fetch = createGuardedFetch({ allowedHosts: ['127.0.0.1'], maxResponseBytes: 50_000 });
    await expect((await fetch(url)).text()).rejects.toThrow();
  });

  it('refuses addresses other than http(s)', async () => {
    const fetch = createGuardedFetch();
    await expect(fetch('file:///etc/hostname')).rejects.toThrow(/file: addresses are not fetched/);
  });
});
