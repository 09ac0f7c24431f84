// The process: read the config, open (and migrate) the store, seed a demo checkpoint on an empty store, listen,
// and on SIGINT/SIGTERM finish the batches in flight before closing the store.
import { networkInterfaces } from 'node:os';
import { pathToFileURL } from 'node:url';
import closeWithGrace from 'close-with-grace';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { readConfig, type ServerConfig } from './config.ts';
import { createIngestAdmission } from './plugins/ingest-admission.ts';
import { createStore, type Store } from './store/create-store.ts';

/** How long in-flight requests may take to finish after a signal before the process exits anyway. */
export const SHUTDOWN_GRACE_MS = 10_000;

const DEMO_CHECKPOINT = { name: '演示卡口 Demo', province: '湖南', city: '娄底', timezone: 'Asia/Shanghai' };

export interface RunningServer {
  app: FastifyInstance;
  store: Store;
  /** http://host:port the server listens on. */
  url: string;
  /** Stops taking requests, lets those in flight finish, then closes the store. */
  close(): Promise<void>;
}

type Print = (line: string) => void;
const printToStdout: Print = (line) => process.stdout.write(`${line}\n`);

/** An address a tablet on the LAN can type: the first external IPv4 when listening on every interface. */
function reachableHost(host: string): string {
  if (host !== '0.0.0.0' && host !== '::') return host.includes(':') ? `[${host}]` : host;
  const external = Object.values(networkInterfaces())
    .flat()
    .find((address) => address !== undefined && address.family === 'IPv4' && !address.internal);
  return external?.address ?? '127.0.0.1';
}

async function printEnrollmentQr(payload: string, print: Print): Promise<void> {
  try {
    // qrcode is a dev dependency: a production install without it still starts, just without the picture.
    const qrcode = await import('qrcode');
    print(await qrcode.toString(payload, { type: 'terminal', small: true }));
  } catch {
    // No QR library: the code is printed in text above.
  }
}

/** An empty store gets one checkpoint so a fresh install can enroll a tablet at once. */
async function ensureDemoCheckpoint(store: Store, publicUrl: string, print: Print): Promise<void> {
  if ((await store.checkpoints.count()) > 0) return;
  const { checkpoint, enrollmentCode } = await store.checkpoints.create(DEMO_CHECKPOINT);
  print(
    `Demo checkpoint "${checkpoint.name}" (${checkpoint.province} ${checkpoint.city}, ${checkpoint.timezone}) created — enrollment code: ${enrollmentCode}`,
  );
  // The tablet's enrollment screen reads {"server","code"} from this QR.
  await printEnrollmentQr(JSON.stringify({ server: publicUrl, code: enrollmentCode }), print);
}

export async function startServer(config: ServerConfig = readConfig(), print: Print = printToStdout): Promise<RunningServer> {
  const store = await createStore({ sqliteFile: config.sqliteFile, databaseUrl: config.databaseUrl });
  let app: FastifyInstance | undefined;
  try {
    app = await buildApp({
      store,
      distDir: config.distDir,
      logger: { level: config.logLevel },
      trustProxy: config.trustProxy,
      ingestAdmission: createIngestAdmission({
        inFlightMax: config.ingestsInFlightMax,
        bytesInFlightMax: config.ingestBytesInFlightMax,
        queueMax: config.ingestQueueMax,
      }),
      maxConnections: config.maxConnections,
    });
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    await app?.close();
    await store.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  const url = `http://${reachableHost(config.host)}:${port}`;
  await ensureDemoCheckpoint(store, url, print);
  const where = store.dialect === 'sqlite' ? `SQLite ${config.sqliteFile}` : 'PostgreSQL';
  print(`Kakou serves ${config.distDir === null ? 'the API' : 'the app and the API'} on ${url} (store: ${where})`);
  const running = app;
  return {
    app: running,
    store,
    url,
    close: async () => {
      await running.close();
      await store.close();
    },
  };
}

/** Runs until a signal; a second signal or the grace period ending exits at once. */
export async function runServer(config: ServerConfig = readConfig()): Promise<void> {
  const server = await startServer(config);
  closeWithGrace({ delay: SHUTDOWN_GRACE_MS, logger: server.app.log }, async ({ err, signal }) => {
    if (err !== undefined) server.app.log.error({ error: { type: err.name, message: err.message, stack: err.stack } }, 'crashed');
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
