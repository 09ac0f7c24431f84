// Bearer tokens → request.principal: a device acts for its own checkpoint only; an admin token for all; an admin's
// signed-in session for the checkpoints of its scope (ADR 038); a lead session is its tablet's device with the lead's
// screens open (ADR 030).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { WHOLE_SCOPE, type AdminScope } from '../../domain/admin-scope.ts';
import type { Store } from '../store/create-store.ts';
import { ProblemError } from './problem.ts';

/** Who published or changed something, when it was an admin token rather than a named account. */
export const ADMIN_TOKEN_ACTOR = 'admin-token';

/**
 * A lead token authenticates as its tablet's device, with `leadSessionId` set: every route a device may use, a lead may
 * use for the same checkpoint, and routes that need more say so with `leadOrAdmin`.
 */
export type Principal =
  { kind: 'device'; deviceId: string; checkpointId: string; leadSessionId: string | null } | AdminPrincipal;

/**
 * An admin token (scripts; every checkpoint) or an admin account's session (its scope). `actor` names it in what the
 * store keeps (a policy's publisher): the username, or ADMIN_TOKEN_ACTOR.
 */
export interface AdminPrincipal {
  kind: 'admin';
  scope: AdminScope;
  actor: string;
  /** The admin session the token is; null for an admin token. */
  adminSessionId: string | null;
}

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
    // Device tokens first: nearly every request is a tablet's sync.
    const device = await store.devices.authenticate(token);
    if (device !== undefined) {
      request.principal = {
        kind: 'device',
        deviceId: device.deviceId,
        checkpointId: device.checkpointId,
        leadSessionId: null,
      };
      return;
    }
    const lead = await store.leadSessions.authenticate(token);
    if (lead.kind === 'valid') {
      const { session } = lead;
      request.principal = {
        kind: 'device',
        deviceId: session.deviceId,
        checkpointId: session.checkpointId,
        leadSessionId: session.sessionId,
      };
      return;
    }
    if (lead.kind === 'expired') {
      throw unauthorized(reply, 'The lead session has expired: the lead unlocks again with the PIN.');
    }
    if (await store.adminTokens.authenticate(token)) {
      request.principal = { kind: 'admin', scope: WHOLE_SCOPE, actor: ADMIN_TOKEN_ACTOR, adminSessionId: null };
      return;
    }
    const admin = await store.adminSessions.authenticate(token);
    if (admin.kind === 'valid') {
      const { session } = admin;
      request.principal = {
        kind: 'admin',
        scope: session.admin.scope,
        actor: session.admin.username,
        adminSessionId: session.sessionId,
      };
      return;
    }
    if (admin.kind === 'expired') {
      throw unauthorized(reply, 'The admin session has expired (8 hours): sign in again.');
    }
    throw unauthorized(
      reply,
      'The token is unknown or has been revoked: enroll the device again (a lead session: unlock again with the PIN).',
    );
  };
}

/** The words of every 403 a device token alone gets where a lead is needed (the tablet shows its own). */
export const LEAD_MUST_UNLOCK =
  'A lead must unlock: this needs a lead session (POST /api/v1/lead-sessions with the lead PIN) or an admin token.';

/**
 * onRequest after authenticate: a lead session or an admin; a device token alone is refused (403) before the body is
 * read. One line per route: `onRequest: [authenticate(store), leadOrAdmin]`.
 */
export function leadOrAdmin(request: FastifyRequest): Promise<void> {
  const principal = request.principal;
  if (principal?.kind === 'admin' || (principal?.kind === 'device' && principal.leadSessionId !== null)) {
    return Promise.resolve();
  }
  return Promise.reject(new ProblemError(403, LEAD_MUST_UNLOCK));
}

/** The words of every 403 a scoped admin gets for what only an admin of every checkpoint may do. */
export const WHOLE_SCOPE_ONLY =
  'Only an admin of every checkpoint (an admin token, or an account with the scope "all") may do this.';

/**
 * onRequest after authenticate: an admin whose scope is every checkpoint (the policy is the whole server's). A promise,
 * since Fastify waits on hooks that return one.
 */
export function wholeScopeAdminOnly(request: FastifyRequest): Promise<void> {
  const principal = request.principal;
  if (principal?.kind !== 'admin') return Promise.reject(new ProblemError(403, 'Only an admin may do this.'));
  return principal.scope.kind === 'all' ? Promise.resolve() : Promise.reject(new ProblemError(403, WHOLE_SCOPE_ONLY));
}

/**
 * onRequest after authenticate: anyone but an admin whose scope is narrower than every checkpoint. Uploading checks is
 * a tablet's (or a script's with an admin token): a console session of one city has no checks to load, and checking
 * each check's checkpoint against its scope is not worth a way in.
 */
export function notScopedAdmin(request: FastifyRequest): Promise<void> {
  const principal = request.principal;
  if (principal?.kind === 'admin' && principal.scope.kind !== 'all') {
    return Promise.reject(new ProblemError(403, WHOLE_SCOPE_ONLY));
  }
  return Promise.resolve();
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
