// The command console's client (ADR 038): every call of api.md's "Admin accounts, checkpoints, tablets, the region"
// through the one HTTP client (transport.ts), each answer checked against the contract. No React, no storage: the
// console keeps the session token and hands it in.
import { z } from 'zod';
import {
  adminSessionSchema,
  checkpointListingSchema,
  deviceListingSchema,
  enrollmentCodeSchema,
  newCheckpointCodeSchema,
  policyVersionsSchema,
  riskAreaLinesSchema,
  type AdminSession,
  type CheckpointListing,
  type DeviceListing,
  type PolicyVersionListing,
} from '../contract/admin-console.ts';
import { countyIndexChunkSchema } from '../contract/divisions.ts';
import { policySchema } from '../contract/policy.ts';
import { COUNTY_INDEX_KEY, divisionChunkPath } from '../domain/division-data.ts';
import type { CountyIndexChunk } from '../domain/divisions.ts';
import type { Policy } from '../domain/policy.ts';
import type { RiskAreaLine } from '../domain/risk-area-lines.ts';
import { createApiClient, type FetchLike } from './transport.ts';

export interface NewCheckpoint {
  name: string;
  province: string;
  city: string;
  countyCode?: string | undefined;
  timezone?: string | undefined;
}

/** A policy to publish: every field of a Policy but the version, which the server assigns. */
export type PolicyDraft = Omit<Policy, 'version'>;

export interface AdminClient {
  listCheckpoints(): Promise<CheckpointListing[]>;
  createCheckpoint(input: NewCheckpoint): Promise<{ checkpointId: string; enrollmentCode: string }>;
  renameCheckpoint(checkpointId: string, name: string): Promise<void>;
  archiveCheckpoint(checkpointId: string): Promise<void>;
  rotateEnrollmentCode(checkpointId: string): Promise<string>;
  listDevices(checkpointId: string): Promise<DeviceListing[]>;
  revokeDevice(deviceId: string): Promise<void>;
  currentPolicy(): Promise<Policy>;
  policy(version: number): Promise<Policy>;
  policyVersions(): Promise<PolicyVersionListing[]>;
  publishPolicy(draft: PolicyDraft): Promise<Policy>;
  /** Pasted risk areas, one a line, each matched against the server's division lists or refused (nothing stored). */
  riskAreaLines(text: string): Promise<RiskAreaLine[]>;
  /** A file the server writes (CSV, XLSX) as a Blob: `path` under /api/v1, e.g. '/tallies/region.csv'. */
  file(path: string, query: Readonly<Record<string, string>>): Promise<Blob>;
  /** Any JSON answer of a GET, checked against `schema`. */
  get<T>(path: string, query: Readonly<Record<string, string>>, schema: z.ZodType<T>, what: string): Promise<T>;
  signOut(): Promise<void>;
  /** Every province, prefecture and county (a file of the built app, precached with it): what places are chosen from. */
  countyIndex(): Promise<CountyIndexChunk>;
}

export interface AdminClientOptions {
  /** The server's address (the console is served by it: the page's origin). */
  baseUrl: string;
  token: string;
  fetch?: FetchLike;
}

/** Signs in; a wrong password is a SyncUnauthorizedError, too many a SyncHttpError 429 with its Retry-After. */
export function signInAdmin(
  baseUrl: string,
  credentials: { username: string; password: string },
  fetch?: FetchLike,
): Promise<AdminSession> {
  const api = createApiClient({ baseUrl, ...(fetch === undefined ? {} : { fetch }) });
  return api.json({ method: 'POST', path: '/api/v1/sessions', body: credentials }, adminSessionSchema, 'sign-in');
}

export function createAdminClient(options: AdminClientOptions): AdminClient {
  const api = createApiClient(options);
  const json = api.json.bind(api);
  return {
    listCheckpoints: () =>
      json({ method: 'GET', path: '/api/v1/checkpoints' }, z.array(checkpointListingSchema), 'checkpoints'),
    createCheckpoint: (input) =>
      json({ method: 'POST', path: '/api/v1/checkpoints', body: input }, newCheckpointCodeSchema, 'new checkpoint'),
    async renameCheckpoint(checkpointId, name) {
      await api.send({
        method: 'PATCH',
        path: `/api/v1/checkpoints/${encodeURIComponent(checkpointId)}`,
        body: { name },
      });
    },
    async archiveCheckpoint(checkpointId) {
      await api.send({ method: 'POST', path: `/api/v1/checkpoints/${encodeURIComponent(checkpointId)}/archive` });
    },
    async rotateEnrollmentCode(checkpointId) {
      const path = `/api/v1/checkpoints/${encodeURIComponent(checkpointId)}/enrollment-code`;
      return (await json({ method: 'POST', path }, enrollmentCodeSchema, 'enrollment code')).enrollmentCode;
    },
    listDevices: (checkpointId) =>
      json(
        { method: 'GET', path: '/api/v1/devices', query: { checkpointId } },
        z.array(deviceListingSchema),
        'tablets',
      ),
    async revokeDevice(deviceId) {
      await api.send({ method: 'DELETE', path: `/api/v1/devices/${encodeURIComponent(deviceId)}` });
    },
    currentPolicy: () => json({ method: 'GET', path: '/api/v1/policy' }, policySchema, 'policy'),
    policy: (version) => json({ method: 'GET', path: `/api/v1/policy/${version}` }, policySchema, 'policy'),
    policyVersions: () => json({ method: 'GET', path: '/api/v1/policy/versions' }, policyVersionsSchema, 'versions'),
    publishPolicy: (draft) => json({ method: 'PUT', path: '/api/v1/policy', body: draft }, policySchema, 'policy'),
    async riskAreaLines(text) {
      const call = { method: 'POST', path: '/api/v1/policy/risk-area-lines', body: { text } } as const;
      return (await json(call, riskAreaLinesSchema, 'risk-area lines')).lines;
    },
    async file(path, query) {
      return (await api.send({ method: 'GET', path: `/api/v1${path}`, query })).blob();
    },
    get: (path, query, schema, what) => json({ method: 'GET', path: `/api/v1${path}`, query }, schema, what),
    async signOut() {
      await api.send({ method: 'DELETE', path: '/api/v1/sessions/current' });
    },
    countyIndex: () =>
      json(
        { method: 'GET', path: `/${divisionChunkPath(COUNTY_INDEX_KEY)}` },
        countyIndexChunkSchema,
        'division lists',
      ),
  };
}
