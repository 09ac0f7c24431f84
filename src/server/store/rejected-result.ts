// A batch result refusing one check: the stable code tablets match (ADR 024) and the readable words beside it,
// kept for clients that read only `error`.
import type { RejectCode } from '../../contract/reject-code.ts';
import type { BatchResult } from '../../contract/vehicle-check.ts';

export function rejectedResult(id: string, code: RejectCode, error: string): BatchResult {
  return { id, status: 'rejected', code, error };
}
