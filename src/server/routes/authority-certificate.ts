// GET /ca.crt: the certificate of the server's own authority, for a tablet to download and trust (no token needed).
import type { FastifyPluginCallback } from 'fastify';
import { sendProblem } from '../plugins/problem.ts';

export const PEM_FILE_CONTENT_TYPE = 'application/x-pem-file';
/** A name ending in .crt: Android's certificate installer lists such files, and it tells one server's apart. */
const DOWNLOAD_FILE_NAME = 'kakou-ca.crt';

export interface AuthorityCertificateRoutesOptions {
  /** PEM; null when there is no authority of ours (TLS off, or the operator's TLS_CERT is served). */
  authorityCertificatePem: string | null;
}

export const authorityCertificateRoutes: FastifyPluginCallback<AuthorityCertificateRoutesOptions> = (
  app,
  { authorityCertificatePem },
  done,
) => {
  app.get(
    '/ca.crt',
    { schema: { summary: "The server's own certificate authority (PEM), for tablets to trust", tags: ['tls'] } },
    (_request, reply) => {
      if (authorityCertificatePem === null) {
        return sendProblem(
          reply,
          404,
          'This server has no certificate authority of its own: it serves plain HTTP, or a certificate the operator provided (TLS_CERT).',
        );
      }
      return reply
        .type(PEM_FILE_CONTENT_TYPE)
        .header('content-disposition', `attachment; filename="${DOWNLOAD_FILE_NAME}"`)
        .header('cache-control', 'no-cache')
        .send(authorityCertificatePem);
    },
  );
  done();
};
