// Bad requests through HTTP: each answered with the right 4xx problem and words a person can act on; a 5xx hides internals.
import { Writable } from 'node:stream';
import type { LightMyRequestResponse } from 'fastify';
import { afterEach, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../domain/policy.ts';
import { BODY_LIMIT_BYTES } from '../app.ts';
import type { Store } from '../store/create-store.ts';
import { makeServerCheck } from '../../../tests/support/server/store/checks.ts';
import { forEachStore } from '../../../tests/support/server/store/stores.ts';
import { openTestApp, type TestApp } from '../../../tests/support/server/app.ts';

interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
}

forEachStore('problem answers', ({ store }) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });
  const open = async (over?: Store) => {
    t = await openTestApp(over ?? store());
    return t;
  };

  async function expectProblem(response: LightMyRequestResponse, status: number, detail: RegExp): Promise<ProblemBody> {
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/u);
    const body = response.json<ProblemBody>();
    expect(body).toMatchObject({ type: 'about:blank', status });
    expect(body.title.length).toBeGreaterThan(0);
    expect(body.detail).toMatch(detail);
    return Promise.resolve(body);
  }

  const batch = (app: TestApp, payload: string | object | undefined, contentType = 'application/json') =>
    app.inject({
      method: 'POST',
      url: '/api/v1/vehicle-checks/batch',
      headers: { ...app.device.headers, ...(payload === undefined ? {} : { 'content-type': contentType }) },
      ...(payload === undefined ? {} : { payload }),
    });

  it('malformed JSON → 400', async () => {
    const app = await open();
    await expectProblem(await batch(app, '{"checks": [ {"id": '), 400, /not valid JSON/u);
  });

  it('missing body → 400', async () => {
    const app = await open();
    await expectProblem(await batch(app, undefined), 400, /no body/u);
  });

  it('an envelope of the wrong type → 400 naming the field', async () => {
    const app = await open();
    await expectProblem(await batch(app, { checks: 'all of them' }), 400, /body\.checks/u);
    await expectProblem(await batch(app, [makeServerCheck()]), 400, /body/u);
  });

  it('empty checks → 400, and 501 checks → 400', async () => {
    const app = await open();
    await expectProblem(await batch(app, { checks: [] }), 400, /body\.checks.*1/u);
    const tooMany = Array.from({ length: 501 }, () => ({ id: 'x' }));
    await expectProblem(await batch(app, { checks: tooMany }), 400, /body\.checks.*500/u);
  });

  it('a body over the limit → 413 saying to send fewer checks', async () => {
    const app = await open();
    const huge = JSON.stringify({ checks: [{ notes: 'x'.repeat(BODY_LIMIT_BYTES) }] });
    await expectProblem(await batch(app, huge), 413, /fewer checks/u);
  });

  it('a body that is not JSON → 400 or 415', async () => {
    const app = await open();
    await expectProblem(await batch(app, 'checks', 'text/plain'), 400, /body: .*expected object/u);
    await expectProblem(await batch(app, 'checks=1', 'application/x-www-form-urlencoded'), 415, /JSON/u);
  });

  it('an unknown enum value in a request body → 400 naming the field', async () => {
    const app = await open();
    const policy = { ...DEFAULT_POLICY, version: undefined, riskAreas: [{ province: '湖北', level: 'low' }] };
    const response = await app.inject({
      method: 'PUT',
      url: '/api/v1/policy',
      headers: app.admin.headers,
      payload: policy,
    });
    await expectProblem(response, 400, /body\.riskAreas\.0\.level/u);
  });

  it('an unknown path → 404 problem', async () => {
    const app = await open();
    await expectProblem(await app.inject({ method: 'GET', url: '/api/v1/nowhere' }), 404, /\/api\/v1\/nowhere/u);
  });

  it('a store failure → 500 with a generic detail; the internals go only to the log', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const real = store();
    const internals = 'relation "vehicle_checks" does not exist at /srv/kakou/db 10.1.2.3';
    const broken: Store = {
      ...real,
      vehicleChecks: { ...real.vehicleChecks, ingest: () => Promise.reject(new Error(internals)) },
    };
    const base = await openTestApp(broken, { logger: { level: 'error', stream } });
    t = base;
    const check = makeServerCheck({ checkpointId: base.checkpointId, deviceId: base.device.deviceId });
    const response = await batch(base, { checks: [check] });
    const body = await expectProblem(response, 500, /try again/u);
    expect(response.body).not.toContain('vehicle_checks');
    expect(response.body).not.toContain('10.1.2.3');
    expect(body.detail).not.toMatch(/Error|stack|at /u);
    const logged = lines.map((line) => JSON.parse(line) as { msg: string; error?: { message: string } });
    expect(logged.find((entry) => entry.msg === 'request failed')?.error?.message).toBe(internals);
  });
});
