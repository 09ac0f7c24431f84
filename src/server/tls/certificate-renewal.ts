// Keeps the live HTTPS server's certificate current while it runs: a daily check, and a swap without a restart.
import type { Server as TlsServer } from 'node:tls';
import type { FastifyBaseLogger } from 'fastify';
import type { TlsCredentials } from './tls-credentials.ts';

/** Daily: addresses change when the server moves to another Wi-Fi, and the 30-day renewal window is wide. */
export const RENEWAL_CHECK_INTERVAL_MS = 24 * 60 * 60 * 1000;

export interface CertificateRenewal {
  /** Runs a check now (what the daily timer does); what changed, or null. */
  renewNow(): Promise<string | null>;
  stop(): void;
}

export function keepCertificateCurrent(
  server: TlsServer,
  credentials: TlsCredentials,
  log: FastifyBaseLogger,
  intervalMs: number = RENEWAL_CHECK_INTERVAL_MS,
): CertificateRenewal {
  let running: Promise<string | null> | null = null;

  const check = async (): Promise<string | null> => {
    try {
      const changed = await credentials.refresh();
      if (changed === null) return null;
      // New connections get the new certificate; connections already open keep theirs until they close.
      server.setSecureContext(credentials.current());
      log.info({ tls: changed }, 'TLS certificate replaced');
      return changed;
    } catch (error) {
      // The certificate being served stays; a failed check must not take the checkpoint's server down.
      log.error(
        {
          error: {
            type: error instanceof Error ? error.name : typeof error,
            message: error instanceof Error ? error.message : String(error),
          },
        },
        'TLS certificate check failed',
      );
      return null;
    }
  };

  // One check at a time: a slow disk must not let two issue certificates over each other.
  const renewNow = (): Promise<string | null> => {
    running ??= check().finally(() => {
      running = null;
    });
    return running;
  };

  const timer = setInterval(() => void renewNow(), intervalMs);
  // The timer alone must not keep the process alive after the server closed.
  timer.unref();
  return { renewNow, stop: () => clearInterval(timer) };
}
