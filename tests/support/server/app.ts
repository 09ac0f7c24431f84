// Test support for the HTTP tests: the app over a test store, with a checkpoint, an enrolled device and an admin token,
// and lead sessions on demand.
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { BatchResult } from '../../../src/contract/vehicle-check.ts';
import type { VehicleCheck } from '../../../src/domain/vehicle-check.ts';
import { buildApp, type BuildAppOptions } from '../../../src/server/app.ts';
import { makeServerCheck } from './store/checks.ts';
import type { Store } from '../../../src/server/store/create-store.ts';
import { hashLeadPin } from '../../../src/server/store/lead-pin-hash.ts';

/** The lead PIN leadSession() sets when the checkpoint has none. */
export const TEST_LEAD_PIN = '482915';
/** PBKDF2 rounds of the test apps' PINs: the server's 600,000 would cost every test a fifth of a second per PIN. */
export const TEST_LEAD_PIN_ITERATIONS = 1000;

export interface TestLeadSession {
  token: string;
  expiresAt: string;
  headers: { authorization: string };
}

export interface TestDevice {
  deviceId: string;
  token: string;
  headers: { authorization: string };
}

export interface TestApp {
  app: FastifyInstance;
  store: Store;
  checkpointId: string;
  enrollmentCode: string;
  device: TestDevice;
  admin: { token: string; headers: { authorization: string } };
  /** Enrolls another device of `checkpointId` (default: this app's checkpoint). */
  enrollDevice(checkpointId?: string): Promise<TestDevice>;
  inject(options: InjectOptions): Promise<LightMyRequestResponse>;
  /** A valid check of this app's checkpoint, made on `device` (default: the app's device). */
  ownCheck(overrides?: Partial<VehicleCheck>, device?: TestDevice): VehicleCheck;
  /**
   * A lead session of `device` (default: the app's device), bought through POST /api/v1/lead-sessions with
   * TEST_LEAD_PIN, which is set as the checkpoint's PIN first if it has none.
   */
  leadSession(device?: TestDevice): Promise<TestLeadSession>;
  /** Posts one batch that must be answered 200; the per-check results. */
  postChecks(checks: readonly VehicleCheck[], device?: TestDevice): Promise<BatchResult[]>;
  close(): Promise<void>;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export async function openTestApp(store: Store, options: Omit<BuildAppOptions, 'store'> = {}): Promise<TestApp> {
  const { checkpoint, enrollmentCode } = await store.checkpoints.create({
    name: '娄底东',
    province: '湖南',
    city: '娄底',
    timezone: 'Asia/Shanghai',
  });
  const enrollDevice = async (checkpointId = checkpoint.id): Promise<TestDevice> => {
    const { deviceId, token } = await store.devices.enroll(checkpointId, 'tablet');
    return { deviceId, token, headers: bearer(token) };
  };
  const { token: adminToken } = await store.adminTokens.create();
  const app = await buildApp({ store, version: 'test', leadPinIterations: TEST_LEAD_PIN_ITERATIONS, ...options });
  const device = await enrollDevice();
  return {
    app,
    store,
    checkpointId: checkpoint.id,
    enrollmentCode,
    device,
    admin: { token: adminToken, headers: bearer(adminToken) },
    enrollDevice,
    inject: (injectOptions) => app.inject(injectOptions),
    ownCheck: (overrides, by = device) =>
      makeServerCheck({ checkpointId: checkpoint.id, deviceId: by.deviceId, ...overrides }),
    async leadSession(by = device) {
      const checkpointId = (await store.devices.get(by.deviceId))?.checkpointId ?? checkpoint.id;
      if ((await store.leadPins.get(checkpointId)).hash === null) {
        const hash = await hashLeadPin(TEST_LEAD_PIN, TEST_LEAD_PIN_ITERATIONS);
        await store.leadPins.setFirst(checkpointId, hash, { setBy: 'admin', deviceId: null });
      }
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/lead-sessions',
        headers: by.headers,
        payload: { pin: TEST_LEAD_PIN },
      });
      if (response.statusCode !== 201)
        throw new Error(`lead session answered ${response.statusCode}: ${response.body}`);
      const { token, expiresAt } = response.json<{ token: string; expiresAt: string }>();
      return { token, expiresAt, headers: bearer(token) };
    },
    async postChecks(checks, by = device) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/vehicle-checks/batch',
        headers: by.headers,
        payload: { checks },
      });
      if (response.statusCode !== 200) throw new Error(`batch answered ${response.statusCode}: ${response.body}`);
      return response.json<{ results: BatchResult[] }>().results;
    },
    close: () => app.close(),
  };
}

/** The parsed JSON body; the tests assert its shape themselves. */
export function json(response: LightMyRequestResponse): Record<string, unknown> {
  return response.json<Record<string, unknown>>();
}
