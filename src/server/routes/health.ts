// GET /api/v1/health: that the process answers and reaches its store, which store, and which version. No token needed.
import { readFileSync } from 'node:fs';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { problemSchema, sendProblem } from '../plugins/problem.ts';
import type { Store } from '../store/create-store.ts';

const healthSchema = z
  .object({ status: z.literal('ok'), store: z.enum(['sqlite', 'postgres']), version: z.string() })
  .meta({ id: 'Health' });

/** package.json's version: what `npm start` runs. */
export function packageVersion(): string {
  // Three folders up from src/server/routes and from the compiled build/server/routes alike (tsconfig.server.json).
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
      schema: {
        summary: 'Liveness, the store in use, and whether it answers',
        tags: ['health'],
        response: { 200: healthSchema, 503: problemSchema },
      },
    },
    async (request, reply) => {
      try {
        // A load balancer must take a process that lost its database out of rotation.
        await sql`select 1`.execute(store.db);
      } catch (error) {
        request.log.error({ error: { type: error instanceof Error ? error.name : typeof error } }, 'store unreachable');
        return sendProblem(reply, 503, 'The server cannot reach its store.');
      }
      return { status: 'ok' as const, store: store.dialect, version };
    },
  );
  done();
};
