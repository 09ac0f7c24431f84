// Test support for the HTTP tests: the app over a test store, with a checkpoint, an enrolled device and an admin token.
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { BatchResult } from '../../../src/contract/vehicle-check.ts';
import type { VehicleCheck } from '../../../src/domain/vehicle-check.ts';
import { buildApp, type BuildAppOptions } from '../../../src/server/app.ts';
import { makeServerCheck } from './store/checks.ts';
import type { Store } from '../../../src/server/store/create-store.ts';

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
  const app = await buildApp({ store, version: 'test', ...options });
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
