// The server as production runs it, in a process of its own: the compiled build under plain node with the heap
// flags of `npm run serve:built`, measured from outside by the bench (figures 7, 8, 16 and 17).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

/** How long the server may take to print its address before the bench calls it a failure. */
const START_TIMEOUT_MS = 60_000;

/**
 * The V8 heap bounds `npm start` and `npm run serve` give the server (package.json; ADR 019). Without them V8 sizes
 * its heap for this machine's RAM and lets garbage pile up to well past 250 MB under a burst before collecting it.
 */
export const SERVER_HEAP_FLAGS = ['--max-old-space-size=256', '--max-semi-space-size=8'] as const;

/**
 * How production runs the server: `npm run serve:built`, the compiled server under plain node (ADR 018), built
 * afresh by the bench before it measures; the bare-Fastify baseline runs under the same runner.
 */
export const SERVER_COMMAND = {
  runner: [process.execPath, ...SERVER_HEAP_FLAGS],
  entry: 'build/server/server.js',
} as const;

/** The compiled server the bench measures is the one of this working tree. */
export function buildServer(repoRoot: string): void {
  execFileSync('npm', ['run', '-s', 'build:server'], { cwd: repoRoot, stdio: 'inherit' });
}

export interface ChildServer {
  child: ChildProcess;
  pid: number;
  url: string;
  stop(): Promise<void>;
}

/** Spawns `args` and waits for the line naming its address; the output is drained so the child never blocks on it. */
export async function spawnServer(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
  addressLine: RegExp,
): Promise<ChildServer> {
  const [command, ...rest] = args;
  if (command === undefined) throw new Error('no command');
  const child = spawn(command, rest, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no address within ${START_TIMEOUT_MS} ms:\n${output}`)),
      START_TIMEOUT_MS,
    );
    const onData = (chunk: Buffer) => {
      // Kept only until the address shows; after that the output is read and dropped.
      if (output.length < 100_000) output += chunk.toString('utf8');
      const found = addressLine.exec(output)?.[1];
      if (found !== undefined) {
        clearTimeout(timer);
        resolve(found);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before listening:\n${output}`));
    });
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('no pid');
  return {
    child,
    pid,
    url,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}
