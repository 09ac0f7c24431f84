// The machine's network addresses as tablets see them: which are loopback, which are on the LAN, and how each is written in a URL.
import { isIP, isIPv4, isIPv6 } from 'node:net';
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';

export type Interfaces = NodeJS.Dict<NetworkInterfaceInfo[]>;

const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '']);

/** A DNS host name (RFC 1123 labels), no trailing dot; what a certificate may name and a Host header may carry. */
const DNS_NAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/iu;

/** A last label a browser reads as a number makes the whole name an IPv4 address to it (`10.0.0.256`, `0x7f.1`). */
const NUMERIC_LAST_LABEL = /(?:^|\.)(?:\d+|0x[0-9a-f]*)$/iu;

export function isDnsName(name: string): boolean {
  return DNS_NAME.test(name) && !NUMERIC_LAST_LABEL.test(name);
}

/** One spelling per address: IPv6 compressed and lower-case (as the WHATWG URL writes it), names lower-case. */
export function canonicalName(name: string): string {
  if (isIPv6(name)) return new URL(`http://[${name}]`).hostname.slice(1, -1);
  return name.toLowerCase();
}

export function isWildcardHost(host: string): boolean {
  return WILDCARD_HOSTS.has(host);
}

/** 127.0.0.0/8, ::1 (also IPv4-mapped) and localhost: only this machine can reach a server listening there. */
export function isLoopbackHost(host: string): boolean {
  const name = canonicalName(host);
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (isIPv4(name)) return name.startsWith('127.');
  if (isIPv6(name)) return name === '::1' || /^::ffff:(?:127\.|7f)/u.test(name);
  return false;
}

/** How a host is written in a URL: IPv6 in brackets. */
export function urlHost(host: string): string {
  return isIPv6(host) ? `[${canonicalName(host)}]` : host;
}

function isLinkLocalIPv6(address: string): boolean {
  // fe80::/10 needs a zone (%eth0) that browsers do not take in a URL: no tablet can type it.
  return /^fe[89ab]/iu.test(canonicalName(address));
}

/**
 * The machine's addresses a tablet on the LAN can reach, IPv4 first (what people type), then routable IPv6;
 * no loopback, no link-local. `families` narrows to what the server listens on (0.0.0.0 is IPv4 only).
 */
export function lanAddresses(
  families: ReadonlySet<'IPv4' | 'IPv6'>,
  interfaces: Interfaces = networkInterfaces(),
): string[] {
  const all = Object.values(interfaces).flatMap((list) => list ?? []);
  const reachable = all.filter(
    (info) => !info.internal && families.has(info.family) && !(info.family === 'IPv6' && isLinkLocalIPv6(info.address)),
  );
  const v4 = reachable.filter((info) => info.family === 'IPv4').map((info) => info.address);
  const v6 = reachable.filter((info) => info.family === 'IPv6').map((info) => canonicalName(info.address));
  return [...new Set([...v4, ...v6])];
}

/**
 * The hosts a tablet uses to reach a server listening on `listenHost`: that host itself when it is one address or
 * name; every LAN address when it listens on all of them. Empty when it listens on all and the machine has no LAN.
 */
export function tabletHosts(listenHost: string, interfaces: Interfaces = networkInterfaces()): string[] {
  if (!isWildcardHost(listenHost)) return [listenHost];
  const families = new Set<'IPv4' | 'IPv6'>(listenHost === '0.0.0.0' ? ['IPv4'] : ['IPv4', 'IPv6']);
  return lanAddresses(families, interfaces);
}

/** Every address of the machine, loopback and link-local included, canonical: what a server certificate names. */
export function allAddresses(interfaces: Interfaces = networkInterfaces()): string[] {
  const addresses = Object.values(interfaces)
    .flatMap((list) => list ?? [])
    .map((info) => canonicalName(info.address))
    .filter((address) => isIP(address) !== 0);
  return [...new Set(addresses)];
}
