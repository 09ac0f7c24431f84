// GET /api/v1/health: that the process answers, which store it uses, and which version it runs. No token needed.
import { readFileSync } from 'node:fs';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Store } from '../store/create-store.ts';

const healthSchema = z
  .object({ status: z.literal('ok'), store: z.enum(['sqlite', 'postgres']), version: z.string() })
  .meta({ id: 'Health' });

/** package.json's version: what `npm start` runs. */
export function packageVersion(): string {
  const parsed = z
    .object({ version: z.string() })
    .safeParse(JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')));
  return parsed.success ? parsed.data.version : 'unknown';
}

export interface HealthRoutesOptions {
  store: Store;
  version: string;
}

export const healthRoutes: FastifyPluginCallbackZod<HealthRoutesOptions> = (app, { store, version }, done) => {
  app.get(
    '/api/v1/health',
    {
      schema: { summary: 'Liveness and the store in use', tags: ['health'], response: { 200: healthSchema } },
    },
    () => ({ status: 'ok' as const, store: store.dialect, version }),
  );
  done();
};
