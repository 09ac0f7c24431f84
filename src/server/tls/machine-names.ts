// The names a server certificate must carry so a tablet reaches the server under any of them without a warning.
import { isIP } from 'node:net';
import { hostname, networkInterfaces } from 'node:os';
import { allAddresses, canonicalName, isDnsName, isWildcardHost, type Interfaces } from '../machine-addresses.ts';

export interface CertificateNames {
  /** Sorted, lower-case, unique. */
  dnsNames: string[];
  /** Sorted, canonical (IPv6 compressed), unique. */
  ipAddresses: string[];
}

export interface MachineNamesInput {
  /** TLS_NAMES. */
  extraNames: readonly string[];
  /** HOST: a specific address or name it listens on is named too. */
  listenHost: string;
  hostName?: string;
  interfaces?: Interfaces;
}

/** Always named, whatever the interfaces say: a browser on the server itself uses them. */
const ALWAYS_NAMED = ['localhost', '127.0.0.1', '::1'];

const sortedUnique = (values: Iterable<string>): string[] => [...new Set(values)].sort();

/** localhost, every address of the machine (IPv4 and IPv6, loopback included), its host name, HOST and TLS_NAMES. */
export function certificateNames(input: MachineNamesInput): CertificateNames {
  const hostName = input.hostName ?? hostname();
  const candidates = [
    ...ALWAYS_NAMED,
    ...allAddresses(input.interfaces ?? networkInterfaces()),
    // A host name with characters DNS does not allow (an underscore) cannot be a certificate's name.
    ...(isDnsName(hostName) ? [hostName] : []),
    ...(isWildcardHost(input.listenHost) ? [] : [input.listenHost]),
    ...input.extraNames,
  ].map(canonicalName);
  return {
    dnsNames: sortedUnique(candidates.filter((name) => isIP(name) === 0 && isDnsName(name))),
    ipAddresses: sortedUnique(candidates.filter((name) => isIP(name) !== 0)),
  };
}

export function sameNames(a: CertificateNames, b: CertificateNames): boolean {
  const key = (names: CertificateNames) => JSON.stringify([names.dnsNames, names.ipAddresses]);
  return key(a) === key(b);
}

export function describeNames(names: CertificateNames): string {
  return [...names.dnsNames, ...names.ipAddresses].join(', ');
}
