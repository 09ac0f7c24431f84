// Where the server answers securely, worked out from the plain-HTTP address a tablet opened: the app's https://
// address (same host name) and the server's plain-HTTP guide to trusting the checkpoint's certificate.

/** The server's default HTTPS port (`PORT` with TLS on). */
export const SERVER_HTTPS_PORT = 8443;
/** The server's plain-HTTP helper (`HTTP_PORT`): a guide page at `/` and the authority's certificate at `/ca.crt`. */
export const TRUST_HELPER_HTTP_PORT = 8080;

export interface SecureAddresses {
  /** The same page over HTTPS: what the officer should open instead. */
  readonly appUrl: string;
  /** The helper's guide to trusting the checkpoint's certificate on Android and iPad. */
  readonly guideUrl: string;
  /** The certificate authority the guide asks the tablet to trust. */
  readonly caCertificateUrl: string;
}

/**
 * The https:// address of the page at `pageUrl`: the same host name (IPv6 in brackets) and path, on port 443 when
 * the page came without a port (port 80: a proxy in front of the server, which then answers HTTPS on 443), else on
 * the server's own HTTPS port.
 */
export function secureAddresses(pageUrl: string): SecureAddresses {
  const page = new URL(pageUrl);

  const app = new URL(page.href);
  app.protocol = 'https:';
  // An empty port after switching to https: means 443, which the URL then leaves out.
  app.port = page.port === '' ? '' : String(SERVER_HTTPS_PORT);

  const guide = new URL('/', page.href);
  guide.protocol = 'http:';
  guide.port = String(TRUST_HELPER_HTTP_PORT);
  guide.search = '';
  guide.hash = '';

  return {
    appUrl: app.href,
    guideUrl: guide.href,
    caCertificateUrl: new URL('/ca.crt', guide).href,
  };
}
