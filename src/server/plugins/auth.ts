// Bearer tokens → request.principal: a device acts for its own checkpoint only, an admin for all.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Store } from '../store/create-store.ts';
import { ProblemError } from './problem.ts';

export type Principal = { kind: 'device'; deviceId: string; checkpointId: string } | { kind: 'admin' };

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the authenticate hook; null on routes that need no token. */
    principal: Principal | null;
  }
}

/** For the OpenAPI document: routes that need a token say so. */
export const BEARER_SECURITY = [{ bearerAuth: [] }];

const BEARER_PATTERN = /^Bearer[ ]+(\S+)[ ]*$/iu;

function unauthorized(reply: FastifyReply, detail: string): ProblemError {
  void reply.header('www-authenticate', 'Bearer');
  return new ProblemError(401, detail);
}

export function registerAuth(app: FastifyInstance): void {
  app.decorateRequest('principal', null);
}

export type AuthHook = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

/** onRequest hook: runs before the body is read, so an unknown caller costs no parsing. */
export function authenticate(store: Store): AuthHook {
  return async (request, reply) => {
    const header = request.headers.authorization;
    if (header === undefined || header === '') {
      throw unauthorized(reply, 'This endpoint needs an "Authorization: Bearer <token>" header.');
    }
    const token = BEARER_PATTERN.exec(header)?.[1];
    if (token === undefined) {
      throw unauthorized(reply, 'The Authorization header must be "Bearer <token>".');
    }
    const device = await store.devices.authenticate(token);
    if (device !== undefined) {
      request.principal = { kind: 'device', deviceId: device.deviceId, checkpointId: device.checkpointId };
      return;
    }
    if (await store.adminTokens.authenticate(token)) {
      request.principal = { kind: 'admin' };
      return;
    }
    throw unauthorized(reply, 'The token is unknown or has been revoked; enroll the device again.');
  };
}

/** onRequest after authenticate (before the body is read or validated): devices may not use it. (A promise, since Fastify waits on hooks that return one.) */
export function adminOnly(request: FastifyRequest): Promise<void> {
  return request.principal?.kind === 'admin'
    ? Promise.resolve()
    : Promise.reject(new ProblemError(403, 'Only an admin token may do this.'));
}

/** The principal set by authenticate (a route without it is a programming error, not a client's). */
export function principalOf(request: FastifyRequest): Principal {
  if (request.principal === null) throw new Error('route is missing the authenticate hook');
  return request.principal;
}
