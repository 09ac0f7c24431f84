// The names a server certificate carries.
import { describe, expect, it } from 'vitest';
import type { Interfaces } from '../machine-addresses.ts';
import { certificateNames } from './machine-names.ts';

const info = (address: string, family: 'IPv4' | 'IPv6', internal: boolean) => ({
  address,
  family,
  internal,
  netmask: '',
  mac: '',
  cidr: null,
  scopeid: 0,
});
const INTERFACES: Interfaces = {
  lo: [info('127.0.0.1', 'IPv4', true), info('::1', 'IPv6', true)],
  wlan0: [info('192.168.43.10', 'IPv4', false), info('FE80::1', 'IPv6', false)],
};

describe('certificateNames', () => {
  it('names localhost, every address of the machine, its host name, HOST and TLS_NAMES', () => {
    expect(
      certificateNames({
        extraNames: ['kakou.lan', '10.9.8.7'],
        listenHost: '0.0.0.0',
        hostName: 'Checkpoint-PC',
        interfaces: INTERFACES,
      }),
    ).toEqual({
      dnsNames: ['checkpoint-pc', 'kakou.lan', 'localhost'],
      ipAddresses: ['10.9.8.7', '127.0.0.1', '192.168.43.10', '::1', 'fe80::1'],
    });
    expect(
      certificateNames({ extraNames: [], listenHost: 'server.kakou.lan', hostName: 'pc', interfaces: INTERFACES })
        .dnsNames,
    ).toEqual(['localhost', 'pc', 'server.kakou.lan']);
  });

  it('leaves out a host name DNS does not allow, and still names localhost and loopback without interfaces', () => {
    expect(certificateNames({ extraNames: [], listenHost: '::', hostName: 'my_pc', interfaces: {} })).toEqual({
      dnsNames: ['localhost'],
      ipAddresses: ['127.0.0.1', '::1'],
    });
  });
});
