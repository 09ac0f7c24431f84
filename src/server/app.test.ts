// The assembled app: health names its store, the OpenAPI document, and logs that never hold personal data.
import { Writable } from 'node:stream';
import { afterEach, expect, it } from 'vitest';
import { makeServerCheck, makeServerPerson } from '../../tests/support/server/store/checks.ts';
import { forEachStore } from '../../tests/support/server/store/stores.ts';
import { openTestApp, type TestApp } from '../../tests/support/server/app.ts';

const ID_NUMBER = '43130219900307001X';
const PHONE = '13912345678';
const PERSON_NAME = '王晓明';

forEachStore('app', ({ kind, store }) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('reports which store it runs on', async () => {
    t = await openTestApp(store());
    const response = await t.inject({ method: 'GET', url: '/api/v1/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', store: kind, version: 'test' });
  });

  it('documents the API as OpenAPI at /api/docs/json, from the same schemas', async () => {
    t = await openTestApp(store());
    const response = await t.inject({ method: 'GET', url: '/api/docs/json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json<{
      openapi: string;
      components: { schemas: Record<string, unknown> };
      paths: Record<string, Record<string, { requestBody?: unknown; responses?: Record<string, unknown> }>>;
    }>();
    expect(doc.openapi).toMatch(/^3\./u);
    const batch = doc.paths['/api/v1/vehicle-checks/batch']?.['post'];
    expect(batch?.requestBody).toBeDefined();
    expect(Object.keys(batch?.responses ?? {})).toEqual(expect.arrayContaining(['200', '400', '401', '413']));
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/devices',
        '/api/v1/policy',
        '/api/v1/policy/{version}',
        '/api/v1/vehicle-checks',
        '/api/v1/health',
      ]),
    );
    expect(JSON.stringify(doc)).toContain('codeColor');
    expect(JSON.stringify(batch?.requestBody)).toContain('BatchRequest');
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(['VehicleCheck', 'BatchRequest', 'Problem']),
    );
  });

  it('never logs an ID number, a phone or a name, whatever the request', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    t = await openTestApp(store(), { logger: { level: 'trace', stream } });
    const registration = { name: PERSON_NAME, idNumber: ID_NUMBER, phone: PHONE };
    const flagged = makeServerCheck({
      checkpointId: t.checkpointId,
      deviceId: t.device.deviceId,
      persons: [
        makeServerPerson({ codeColor: 'yellow', flags: ['yellow-code'], disposition: 'turn-back', registration }),
      ],
    });
    const invalid = { ...flagged, id: 'not-a-uuid' };
    const headers = t.device.headers;
    const batch = await t.inject({
      method: 'POST',
      url: '/api/v1/vehicle-checks/batch',
      headers,
      payload: { checks: [flagged, invalid] },
    });
    expect(batch.statusCode).toBe(200);
    await t.inject({
      method: 'POST',
      url: '/api/v1/vehicle-checks/batch',
      headers,
      payload: `{"checks":[{"registration":{"idNumber":"${ID_NUMBER}"`,
    });
    await t.inject({ method: 'GET', url: '/api/v1/vehicle-checks', headers });

    const log = lines.join('');
    expect(log).toContain('/api/v1/vehicle-checks/batch');
    expect(log).not.toContain(ID_NUMBER);
    expect(log).not.toContain(PHONE);
    expect(log).not.toContain(PERSON_NAME);
    expect(log).not.toContain(t.device.token);
  });
});

forEachStore('health without a store', ({ store }) => {
  it('answers 503 when the store does not answer, so a load balancer takes the process out', async () => {
    const real = store();
    const unreachable = real.db.withPlugin({
      transformQuery: () => {
        throw new Error('connection refused');
      },
      transformResult: (args) => Promise.resolve(args.result),
    });
    const t = await openTestApp({ ...real, db: unreachable });
    try {
      const response = await t.inject({ method: 'GET', url: '/api/v1/health' });
      expect(response.statusCode).toBe(503);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/u);
    } finally {
      await t.close();
    }
  });
});
