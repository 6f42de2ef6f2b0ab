import { describe, expect, it } from 'vitest';
import { isInternalAddress } from '../../src/ingest/guarded-fetch.js';

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
