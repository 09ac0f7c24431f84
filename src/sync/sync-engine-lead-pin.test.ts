// The engine's lead PIN step: run on every pass beside the batches; a server that fails it does not fail the pass
// (the checks still go up), a refused device token stops the run as everywhere else.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeVehicleCheck } from '../../tests/support/db/fixtures.ts';
import { createFakeClock, createFakeTransport, createMemoryOutbox } from '../../tests/support/sync/fake-ports.ts';
import { createSyncEngine, type SyncEngine } from './sync-engine.ts';
import { SyncNetworkError, SyncUnauthorizedError } from './transport.ts';

const engines: SyncEngine[] = [];
afterEach(() => {
  for (const engine of engines.splice(0)) engine.stop();
});

function engineWith(run: () => Promise<void>) {
  const outbox = createMemoryOutbox();
  const engine = createSyncEngine({
    outbox,
    transport: createFakeTransport(),
    clock: createFakeClock(),
    random: () => 0.5,
    leadPin: { run },
  });
  engines.push(engine);
  return { engine, outbox };
}

describe('the sync engine’s lead PIN step', () => {
  it('runs on every pass', async () => {
    const run = vi.fn(() => Promise.resolve());
    const { engine } = engineWith(run);
    await engine.syncNow();
    await engine.syncNow();
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('does not hold the checks back when the server fails it', async () => {
    const { engine, outbox } = engineWith(() => Promise.reject(new SyncNetworkError('lead PIN: no answer')));
    const check = makeVehicleCheck();
    outbox.save(check);
    await engine.syncNow();
    expect(outbox.row(check.id)?.syncState).toBe('synced');
    expect(engine.status.getState().state).toBe('idle');
  });

  it('stops the run on a refused device token', async () => {
    const { engine } = engineWith(() => Promise.reject(new SyncUnauthorizedError(401, 'revoked', null)));
    await engine.syncNow();
    expect(engine.status.getState().state).toBe('unauthorized');
  });
});
