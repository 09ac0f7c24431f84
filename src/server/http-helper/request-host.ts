// The host a request says it came in on (its Host header), accepted only when it is a plain host name or IP
// address with an optional port: anything else could carry markup into the guide or a second host into a redirect.
import { isIPv4, isIPv6 } from 'node:net';
import { canonicalName, isDnsName } from '../machine-addresses.ts';

export interface RequestHost {
  /** Canonical: lower-case name, dotted IPv4, or IPv6 without brackets. */
  host: string;
  /** The port in the header; null when it named none (the scheme's default). */
  port: number | null;
}

const PORT_MAX = 65_535;
const BRACKETED_IPV6 = /^\[([0-9a-f:.]+)\](?::(\d{1,5}))?$/iu;
const NAME_WITH_PORT = /^([^:[\]]+)(?::(\d{1,5}))?$/u;

function portOf(text: string | undefined): number | null | undefined {
  if (text === undefined) return null;
  const port = Number(text);
  // undefined: a port that cannot be (0, or past 65535) makes the whole header unusable.
  return port >= 1 && port <= PORT_MAX ? port : undefined;
}

/** null when the header is missing or is not `name[:port]`, `a.b.c.d[:port]` or `[v6][:port]`. */
export function hostFromHeader(header: string | undefined): RequestHost | null {
  if (header === undefined) return null;
  const bracketed = BRACKETED_IPV6.exec(header);
  const plain = bracketed === null ? NAME_WITH_PORT.exec(header) : null;
  const match = bracketed ?? plain;
  if (match === null) return null;
  const host = match[1] ?? '';
  const valid = bracketed !== null ? isIPv6(host) : isIPv4(host) || isDnsName(host);
  if (!valid) return null;
  const port = portOf(match[2]);
  if (port === undefined) return null;
  return { host: canonicalName(host), port };
}
