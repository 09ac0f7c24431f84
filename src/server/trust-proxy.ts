// TRUST_PROXY: whose X-Forwarded-For the server believes when it takes a client's address (the enrollment rate limit
// counts wrong codes per address). Never "whatever the client says": X-Forwarded-For is a list each proxy appends to,
// so only the entries the trusted proxies themselves wrote name a client. ADR 031.
import { isIP } from 'node:net';

/**
 * - null: nobody; the address is the connection's peer (no proxy in front).
 * - hops: that many proxies in front; the address is the one the outermost of them saw (`1`: one Caddy or nginx).
 *   Sound only when nothing reaches Kakou but through them (HOST=127.0.0.1): a client connecting directly would be
 *   taken for the first proxy. The list below has no such condition.
 * - proxies: the proxies' own addresses or subnets; each address they vouch for is skipped, right to left, and the
 *   first one that is not a proxy is the client.
 */
export type TrustProxy = { hops: number } | { proxies: string[] } | null;

/** Names proxy-addr (Fastify's) understands for sets of addresses. */
const ADDRESS_SET_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);
const OFF_WORDS = new Set(['0', 'false', 'no', 'off']);
/** What used to mean "believe the left-most X-Forwarded-For": anyone could then choose the address counted. */
const TRUST_ALL_WORDS = new Set(['true', 'yes', 'on', 'all', '*']);
const IPV4_PREFIX_MAX = 32;
const IPV6_PREFIX_MAX = 128;

const WHAT_TO_WRITE =
  'write the number of proxies in front of Kakou (TRUST_PROXY=1 for one Caddy or nginx), or their addresses ' +
  '(TRUST_PROXY=127.0.0.1 when the proxy runs on this machine; TRUST_PROXY=10.0.0.2,10.0.0.3 or 10.0.0.0/24)';

function isProxyEntry(entry: string): boolean {
  if (ADDRESS_SET_NAMES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d{1,3}$/u.test(prefix) && bits <= (version === 4 ? IPV4_PREFIX_MAX : IPV6_PREFIX_MAX);
}

/** Throws a readable Error, naming what to write instead, on anything but a hop count or a list of proxies. */
export function readTrustProxy(text: string | null): TrustProxy {
  const value = text?.trim() ?? '';
  const lower = value.toLowerCase();
  if (value === '' || OFF_WORDS.has(lower)) return null;
  if (TRUST_ALL_WORDS.has(lower)) {
    throw new Error(
      `TRUST_PROXY=${value} would believe any X-Forwarded-For a client writes, so anyone could choose the address ` +
        `the enrollment rate limit counts (and lock a toll station's shared address out); ${WHAT_TO_WRITE}`,
    );
  }
  if (/^\d+$/u.test(value)) {
    const hops = Number(value);
    if (!Number.isSafeInteger(hops)) throw new Error(`TRUST_PROXY is not a number of proxies: "${value}"`);
    return { hops };
  }
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const invalid = entries.filter((entry) => !isProxyEntry(entry.toLowerCase()));
  if (invalid.length > 0) {
    throw new Error(`TRUST_PROXY: not a proxy address or subnet: "${invalid.join('", "')}"; ${WHAT_TO_WRITE}`);
  }
  return { proxies: entries.map((entry) => entry.toLowerCase()) };
}

/**
 * Fastify's `trustProxy` option for it: false, the proxies' list, or for a hop count a function trusting the peer and
 * the entries the proxies before it wrote (Fastify's own number option trusts nothing). Never `true`.
 */
export function fastifyTrustProxy(trust: TrustProxy): false | string[] | ((address: string, hop: number) => boolean) {
  if (trust === null) return false;
  if ('proxies' in trust) return [...trust.proxies];
  const { hops } = trust;
  // proxy-addr walks X-Forwarded-For from the right: hop 0 is the connection's peer, hop 1 the address it wrote, …
  return (_address, hop) => hop < hops;
}
