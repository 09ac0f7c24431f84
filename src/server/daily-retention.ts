// The server's retention schedule: registrations past the policy's retention are stripped once at start and then
// once a day, in the background; only how many is logged, never what.
import type { FastifyBaseLogger } from 'fastify';
import type { RegistrationRetention } from './store/registration-retention.ts';

export const RETENTION_INTERVAL_MS = 24 * 60 * 60 * 1000;

export interface DailyRetention {
  /** Clears the timer, stops a run in progress after its current batch, and waits for it. */
  stop(): Promise<void>;
}

export function startDailyRetention(retention: RegistrationRetention, log: FastifyBaseLogger): DailyRetention {
  const stopping = new AbortController();
  let running: Promise<void> = Promise.resolve();

  const runOnce = async () => {
    try {
      const run = await retention.apply({ signal: stopping.signal });
      log.info({ retention: run }, 'registrations past retention removed');
    } catch (error) {
      // The next run picks up where this one failed: every batch it finished stays done.
      const failure = error instanceof Error ? { type: error.name, message: error.message } : { type: typeof error };
      log.error({ error: failure }, 'retention run failed');
    }
  };
  const schedule = () => {
    // A day is long enough that runs never overlap; should one still be going, the next waits for it.
    running = running.then(runOnce);
  };

  schedule();
  const timer = setInterval(schedule, RETENTION_INTERVAL_MS);
  // The timer alone never keeps the process alive: closing the server is what ends it.
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      stopping.abort();
      await running;
    },
  };
}
