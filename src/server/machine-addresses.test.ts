// Which of the machine's addresses tablets can use, and how they are written.
import { describe, expect, it } from 'vitest';
import {
  canonicalName,
  isDnsName,
  isLoopbackHost,
  lanAddresses,
  tabletHosts,
  urlHost,
  type Interfaces,
} from './machine-addresses.ts';

const v4 = (address: string, internal = false) => ({
  address,
  family: 'IPv4' as const,
  internal,
  netmask: '255.255.255.0',
  mac: '00:00:00:00:00:00',
  cidr: null,
});
const v6 = (address: string, internal = false) => ({ ...v4(address, internal), family: 'IPv6' as const, scopeid: 0 });

const CHECKPOINT_LAPTOP: Interfaces = {
  lo: [v4('127.0.0.1', true), v6('::1', true)],
  wlan0: [v4('192.168.43.10'), v6('fe80::1c2:3ff:fe45:6789'), v6('2408:8000:0:0:0:0:0:10')],
  eth0: [v4('10.1.2.3')],
};

describe('machine addresses', () => {
  it('knows loopback hosts, which only the machine itself reaches', () => {
    for (const host of [
      '127.0.0.1',
      '127.8.9.10',
      '::1',
      '0:0:0:0:0:0:0:1',
      'localhost',
      'LOCALHOST',
      'kakou.localhost',
      '::ffff:127.0.0.1',
    ]) {
      expect(isLoopbackHost(host)).toBe(true);
    }
    for (const host of ['0.0.0.0', '::', '192.168.43.10', 'kakou.lan', 'fd00::1'])
      expect(isLoopbackHost(host)).toBe(false);
  });

  it('lists the LAN addresses a tablet can type, IPv4 first, without loopback or link-local', () => {
    expect(lanAddresses(new Set(['IPv4', 'IPv6']), CHECKPOINT_LAPTOP)).toEqual([
      '192.168.43.10',
      '10.1.2.3',
      '2408:8000::10',
    ]);
    expect(lanAddresses(new Set(['IPv4']), CHECKPOINT_LAPTOP)).toEqual(['192.168.43.10', '10.1.2.3']);
  });

  it('answers the hosts tablets use for a HOST: its LAN addresses on a wildcard, else HOST itself', () => {
    expect(tabletHosts('0.0.0.0', CHECKPOINT_LAPTOP)).toEqual(['192.168.43.10', '10.1.2.3']);
    expect(tabletHosts('::', CHECKPOINT_LAPTOP)).toEqual(['192.168.43.10', '10.1.2.3', '2408:8000::10']);
    expect(tabletHosts('192.168.43.10', CHECKPOINT_LAPTOP)).toEqual(['192.168.43.10']);
    expect(tabletHosts('0.0.0.0', { lo: [v4('127.0.0.1', true)] })).toEqual([]);
  });

  it('takes host names as DNS allows them, and not what a browser would read as an IPv4 address', () => {
    for (const name of ['localhost', 'kakou.lan', 'gate-2.kakou.lan', 'xn--fiq228c.lan', '3com.example'])
      expect(isDnsName(name)).toBe(true);
    for (const name of ['10.0.0.256', '0x7f.1', '1234', 'my_pc', '-gate.lan', 'kakou..lan', 'a b', ''])
      expect(isDnsName(name)).toBe(false);
  });

  it('writes IPv6 in brackets and one spelling per address', () => {
    expect(urlHost('fd00:0:0:0:0:0:0:2')).toBe('[fd00::2]');
    expect(urlHost('192.168.43.10')).toBe('192.168.43.10');
    expect(canonicalName('FD00::A')).toBe('fd00::a');
    expect(canonicalName('Kakou.LAN')).toBe('kakou.lan');
  });
});
