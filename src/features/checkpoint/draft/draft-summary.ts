// What the start screen shows of an unfinished draft, read defensively without the zod schema
// (which loads only with the flow screen, to keep the first screen's JavaScript small).
export interface DraftSummary {
  plate: string;
  startedAt: string;
  screened: number;
  occupants: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export function summarizeDraft(payload: unknown): DraftSummary | null {
  if (!isRecord(payload) || !isRecord(payload['vehicle']) || !Array.isArray(payload['persons'])) return null;
  const vehicle = payload['vehicle'];
  const startedAt = payload['startedAt'];
  const occupants = vehicle['occupants'];
  if (typeof startedAt !== 'string' || typeof occupants !== 'number') return null;
  const persons: unknown[] = payload['persons'];
  return {
    plate: typeof vehicle['plate'] === 'string' ? vehicle['plate'] : '',
    startedAt,
    screened: persons.filter((p) => isRecord(p) && p['completed'] === true).length,
    occupants,
  };
}
