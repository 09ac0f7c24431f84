// The machine a run was measured on, as docs/benchmarks.md records it: figures mean little without it.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, totalmem } from 'node:os';

const BYTES_PER_GIB = 1024 ** 3;

export interface Machine {
  /** What `nproc` prints: the cores this process may use. */
  nproc: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  chromium: string;
}

function nproc(): number {
  try {
    return Number.parseInt(execFileSync('nproc', { encoding: 'utf8' }).trim(), 10);
  } catch {
    return availableParallelism();
  }
}

function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    return line?.split(':')[1]?.trim() ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export function describeMachine(chromiumVersion: string | null): Machine {
  return {
    nproc: nproc(),
    cpuModel: cpuModel(),
    memoryGiB: totalmem() / BYTES_PER_GIB,
    node: process.version,
    chromium: chromiumVersion ?? 'not launched',
  };
}

export function formatMachine(m: Machine): string {
  return `nproc ${m.nproc}, ${m.cpuModel}, ${m.memoryGiB.toFixed(1)} GiB RAM, Node ${m.node}, Chromium ${m.chromium}`;
}
