// What a tablet says of itself with each batch (ADR 038): its app version and the checks still queued on it. Read from
// two headers so that the batch body stays api.md's; a header that is missing or malformed is kept as "not said"
// (null): it is for the console's eyes and must never refuse checks.
import type { FastifyRequest } from 'fastify';
import { firstUnsafeCharacter } from '../../domain/safe-text.ts';
import type { SyncReport } from '../store/device-repository.ts';

export const APP_VERSION_HEADER = 'kakou-app-version';
export const PENDING_HEADER = 'kakou-pending';
/** "1.4.2+20261205.abc1234" fits many times over. */
const APP_VERSION_MAX_CHARS = 64;
const PENDING_PATTERN = /^\d{1,9}$/u;

function single(value: string | string[] | undefined): string | null {
  return typeof value === 'string' ? value.trim() : null;
}

export function syncReportOf(request: FastifyRequest): SyncReport {
  const version = single(request.headers[APP_VERSION_HEADER]);
  const pending = single(request.headers[PENDING_HEADER]);
  const versionOk =
    version !== null &&
    version !== '' &&
    version.length <= APP_VERSION_MAX_CHARS &&
    firstUnsafeCharacter(version, 'line') === null;
  return {
    appVersion: versionOk ? version : null,
    pendingChecks: pending !== null && PENDING_PATTERN.test(pending) ? Number(pending) : null,
  };
}
