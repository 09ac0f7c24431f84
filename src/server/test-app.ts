// Test support for the HTTP tests: the app over a test store, with a checkpoint, an enrolled device and an admin token.
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp, type BuildAppOptions } from './app.ts';
import type { Store } from './store/create-store.ts';

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
  return {
    app,
    store,
    checkpointId: checkpoint.id,
    enrollmentCode,
    device: await enrollDevice(),
    admin: { token: adminToken, headers: bearer(adminToken) },
    enrollDevice,
    inject: (injectOptions) => app.inject(injectOptions),
    close: () => app.close(),
  };
}

/** The parsed JSON body; the tests assert its shape themselves. */
export function json(response: LightMyRequestResponse): Record<string, unknown> {
  return response.json<Record<string, unknown>>();
}
