// The process: read the config, open (and migrate) the store, seed a demo checkpoint on an empty store, listen,
// and on SIGINT/SIGTERM finish the batches in flight before closing the store.
import { Server as TlsServer } from 'node:tls';
import { pathToFileURL } from 'node:url';
import closeWithGrace from 'close-with-grace';
import type { FastifyInstance } from 'fastify';
import qrcode from 'qrcode';
import { DEFAULT_TIME_ZONE } from '../domain/time.ts';
import { buildApp } from './app.ts';
import { readConfig, type ServerConfig } from './config.ts';
import { startDailyRetention } from './daily-retention.ts';
import { buildHttpHelper } from './http-helper/http-helper-server.ts';
import { isLoopbackHost, tabletHosts, urlHost } from './machine-addresses.ts';
import { createDeviceIngestRate } from './plugins/device-ingest-rate.ts';
import { createIngestAdmission } from './plugins/ingest-admission.ts';
import { createStore, type Store } from './store/create-store.ts';
import { keepCertificateCurrent, type CertificateRenewal } from './tls/certificate-renewal.ts';
import { openTlsCredentials, type TlsCredentials } from './tls/tls-credentials.ts';

/** How long in-flight requests may take to finish after a signal before the process exits anyway. */
export const SHUTDOWN_GRACE_MS = 10_000;

// 娄星区, the seat of 娄底: where the demo tablets' destination picker starts (ADR 034).
const DEMO_CHECKPOINT = {
  name: '演示卡口 Demo',
  province: '湖南',
  city: '娄底',
  timezone: DEFAULT_TIME_ZONE,
  countyCode: '431302',
};

export interface RunningServer {
  app: FastifyInstance;
  store: Store;
  /** http(s)://host:port a tablet opens: the first LAN address when listening on every address, else HOST. */
  url: string;
  /** Every such address, `url` first. */
  urls: string[];
  /** The plain-HTTP trust guide (with TLS, unless HTTP_PORT=off); null otherwise. */
  guideUrl: string | null;
  /** Stops taking requests, lets those in flight finish, then closes the store. */
  close(): Promise<void>;
}

type Print = (line: string) => void;
/**
 * Words for the person starting the server go to stderr: stdout is the JSON log, which is kept and shipped, and the
 * demo checkpoint's enrollment code (and its QR) must not end up in it, nor a line that is not JSON.
 */
const printToTerminal: Print = (line) => process.stderr.write(`${line}\n`);

async function printEnrollmentQr(payload: string, print: Print): Promise<void> {
  print(await qrcode.toString(payload, { type: 'terminal', small: true }));
}

/** An empty store gets one checkpoint so a fresh install can enroll a tablet at once; its code goes to the terminal only. */
async function ensureDemoCheckpoint(store: Store, publicUrl: string, print: Print): Promise<void> {
  if ((await store.checkpoints.count()) > 0) return;
  const { checkpoint, enrollmentCode } = await store.checkpoints.create(DEMO_CHECKPOINT);
  print(
    `Demo checkpoint "${checkpoint.name}" (${checkpoint.province} ${checkpoint.city}, ${checkpoint.timezone}) created — enrollment code: ${enrollmentCode}`,
  );
  // The tablet's enrollment screen reads {"server","code"} from this QR.
  await printEnrollmentQr(JSON.stringify({ server: publicUrl, code: enrollmentCode }), print);
}

async function startHttpHelper(
  config: ServerConfig,
  app: FastifyInstance,
  credentials: TlsCredentials,
  fallbackHost: string,
): Promise<FastifyInstance | null> {
  const helperPort = config.tls?.helperPort ?? null;
  if (helperPort === null) return null; // HTTP_PORT=off: tablets are set up some other way.
  const helper = await buildHttpHelper({
    httpsPort: listeningPort(app),
    authorityCertificatePem: credentials.authorityCertificatePem,
    authorityFingerprint: credentials.authorityFingerprint,
    fallbackHost,
    loggerInstance: app.log.child({ listener: 'http-helper' }),
  });
  try {
    await helper.listen({ host: config.host, port: helperPort });
  } catch (error) {
    await helper.close();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`HTTP_PORT ${helperPort}: ${reason} (choose a free port, or HTTP_PORT=off)`, { cause: error });
  }
  return helper;
}

function listeningPort(server: FastifyInstance): number {
  const address = server.server.address();
  return typeof address === 'object' && address !== null ? address.port : 0;
}

export async function startServer(
  config: ServerConfig = readConfig(),
  print: Print = printToTerminal,
): Promise<RunningServer> {
  // Before the store: a certificate that cannot be served is a start-up error with nothing to undo.
  const credentials =
    config.tls === null ? null : await openTlsCredentials(config.tls, { listenHost: config.host, report: print });
  const store = await createStore({ sqliteFile: config.sqliteFile, databaseUrl: config.databaseUrl });
  const hosts = tabletHosts(config.host);
  // Empty when it listens on every address of a machine with no network: then only the machine itself reaches it.
  const firstHost = hosts[0] ?? '127.0.0.1';
  let app: FastifyInstance | undefined;
  let helper: FastifyInstance | null = null;
  let renewal: CertificateRenewal | null = null;
  try {
    app = await buildApp({
      store,
      distDir: config.distDir,
      logger: { level: config.logLevel },
      trustProxy: config.trustProxy,
      https: credentials?.current() ?? null,
      authorityCertificatePem: credentials?.authorityCertificatePem ?? null,
      strictTransportSecurity: (config.tls?.helperPort ?? null) === null,
      ingestAdmission: createIngestAdmission({
        inFlightMax: config.ingestsInFlightMax,
        bytesInFlightMax: config.ingestBytesInFlightMax,
        queueMax: config.ingestQueueMax,
      }),
      deviceIngestRate: createDeviceIngestRate({
        checksPerMinute: config.ingestChecksPerMinute,
        burstChecks: config.ingestBurstChecks,
      }),
      maxConnections: config.maxConnections,
    });
    await app.listen({ host: config.host, port: config.port });
    if (credentials !== null) {
      helper = await startHttpHelper(config, app, credentials, firstHost);
      // The operator's certificate files are read again daily too: a renewed one is served without a restart.
      if (app.server instanceof TlsServer) renewal = keepCertificateCurrent(app.server, credentials, app.log);
    }
  } catch (error) {
    await helper?.close();
    await app?.close();
    await store.close();
    throw error;
  }
  const scheme = credentials === null ? 'http' : 'https';
  const port = listeningPort(app);
  const urls = (hosts.length > 0 ? hosts : [firstHost]).map((host) => `${scheme}://${urlHost(host)}:${port}`);
  const url = urls[0] ?? `${scheme}://${firstHost}:${port}`;
  const guideUrl = helper === null ? null : `http://${urlHost(firstHost)}:${listeningPort(helper)}/`;

  if (store.preMigrationBackup !== null)
    app.log.info({ backup: store.preMigrationBackup }, 'store backed up before migrating');
  const retention = startDailyRetention(store.retention, app.log);
  await ensureDemoCheckpoint(store, url, print);
  const where = store.dialect === 'sqlite' ? `SQLite ${config.sqliteFile}` : 'PostgreSQL';
  print(`Kakou serves ${config.distDir === null ? 'the API' : 'the app and the API'} on ${url} (store: ${where})`);
  if (urls.length > 1) print(`Tablets may also use ${urls.slice(1).join(', ')}`);
  if (hosts.length === 0)
    print('No network address found on this machine: tablets cannot reach it until it joins a network.');
  if (guideUrl !== null)
    print(`Before its first visit a tablet trusts this server once: open ${guideUrl} on the tablet for the steps.`);
  if (credentials?.authorityFingerprint) print(`Certificate authority SHA-256: ${credentials.authorityFingerprint}`);
  if (config.trustProxy !== null && 'hops' in config.trustProxy && !isLoopbackHost(config.host)) {
    print(
      `TRUST_PROXY=${config.trustProxy.hops} with HOST=${config.host}: a client reaching this port directly, not through the proxy, could choose the address rate limits count; give the proxies' addresses instead (TRUST_PROXY=10.0.0.2).`,
    );
  }
  if (credentials === null && !isLoopbackHost(config.host)) {
    print(
      'Plain HTTP on a network address (KAKOU_TLS=off): only behind a proxy that serves HTTPS, or tablets get no camera and no offline use.',
    );
  }

  const running = app;
  const runningHelper = helper;
  const runningRenewal = renewal;
  return {
    app: running,
    store,
    url,
    urls,
    guideUrl,
    close: async () => {
      runningRenewal?.stop();
      await runningHelper?.close();
      await running.close();
      await retention.stop();
      await store.close();
    },
  };
}

/** Runs until a signal; a second signal or the grace period ending exits at once. */
export async function runServer(config: ServerConfig = readConfig()): Promise<void> {
  const server = await startServer(config);
  closeWithGrace({ delay: SHUTDOWN_GRACE_MS, logger: server.app.log }, async ({ err, signal }) => {
    if (err !== undefined)
      server.app.log.error({ error: { type: err.name, message: err.message, stack: err.stack } }, 'crashed');
    else server.app.log.info({ signal }, 'shutting down: finishing requests in flight');
    await server.close();
  });
}

const isEntryPoint = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isEntryPoint) {
  runServer().catch((error: unknown) => {
    process.stderr.write(`Kakou server did not start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
