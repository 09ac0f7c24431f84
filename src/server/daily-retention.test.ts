// The server's retention schedule: a run at start, one a day after, counts in the log and no personal data, nothing after stop.
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { DAY_MS } from '../domain/retention.ts';
import { RETENTION_INTERVAL_MS, startDailyRetention } from './daily-retention.ts';
import { makeServerCheck, makeServerPerson, toIngest } from '../../tests/support/server/store/checks.ts';
import { openTestStore, type OpenedTestStore } from '../../tests/support/server/store/stores.ts';

let opened: OpenedTestStore;
let logger: FastifyInstance;
let lines: string[];

beforeEach(async () => {
  opened = await openTestStore('sqlite');
  lines = [];
  logger = Fastify({ logger: { level: 'info', stream: { write: (line: string) => lines.push(line) } } });
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
});

afterEach(async () => {
  vi.useRealTimers();
  await logger.close();
  await opened.dispose();
});

/** The retention counts logged so far, in order. */
function loggedRuns(): unknown[] {
  return lines
    .map((line) => JSON.parse(line) as { msg: string; retention?: unknown })
    .filter((entry) => entry.msg === 'registrations past retention removed')
    .map((entry) => entry.retention);
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

it('runs at start and once a day, logs how many registrations it removed and never whose, and stops with the server', async () => {
  const { store, clock } = opened;
  const { checkpoint } = await store.checkpoints.create({ name: '娄底东', province: '湖南', city: '娄底' });
  const registered = makeServerCheck({
    checkpointId: checkpoint.id,
    persons: [
      makeServerPerson({
        codeColor: 'red',
        flags: ['red-code'],
        disposition: 'hand-over',
        registration: { name: '张三', idNumber: '11010519491231002X', phone: '13800138000' },
      }),
    ],
    disposition: 'hand-over',
  });
  await store.vehicleChecks.ingest([toIngest(registered)]);

  const daily = startDailyRetention(store.retention, logger.log);
  await until(() => loggedRuns().length === 1);
  expect(loggedRuns()).toEqual([{ checks: 0, registrations: 0, retentionDays: 28 }]);

  // A day later the check is 28 days and an hour old.
  clock.advance(28 * DAY_MS + 60 * 60 * 1000);
  vi.advanceTimersByTime(RETENTION_INTERVAL_MS);
  await until(() => loggedRuns().length === 2);
  expect(loggedRuns()[1]).toEqual({ checks: 1, registrations: 1, retentionDays: 28 });
  expect(lines.join('\n')).not.toMatch(/张三|11010519491231002X|13800138000/u);

  await daily.stop();
  vi.advanceTimersByTime(3 * RETENTION_INTERVAL_MS);
  await new Promise((resolve) => setImmediate(resolve));
  expect(loggedRuns()).toHaveLength(2);
});
