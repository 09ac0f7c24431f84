// Test support: requests over real sockets, HTTPS verified the way a tablet verifies it (our authority as the only
// trusted root, the host name checked), and plain HTTP with any Host header.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { TLSSocket, type PeerCertificate } from 'node:tls';

export interface Fetched {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface FetchedOverTls extends Fetched {
  /** The certificate the server presented in this handshake. */
  certificate: PeerCertificate;
}

export interface TlsRequestOptions {
  /** The only trusted root (PEM). */
  ca: string;
  /** The name to verify the certificate against when it is not the URL's host (connect to 127.0.0.1, check "localhost"). */
  servername?: string;
}

/** A fresh connection each time (no agent), so each call is a new handshake with the certificate served now. */
export function getOverTls(url: string, options: TlsRequestOptions): Promise<FetchedOverTls> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      url,
      { ca: options.ca, agent: false, ...(options.servername === undefined ? {} : { servername: options.servername }) },
      (res) => {
        if (!(res.socket instanceof TLSSocket)) {
          reject(new Error('the answer did not come over TLS'));
          return;
        }
        const certificate = res.socket.getPeerCertificate();
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body, certificate }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

export function getPlain(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}
