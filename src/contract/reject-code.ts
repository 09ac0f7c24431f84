// Why the server refused one check of a batch, as a stable machine code (ADR 024): clients match the code, people
// read `error`. A code, once sent, keeps its name and meaning for good; new ones may be added, so a client must
// accept a code it does not know and show the readable `error` instead.
import { z } from 'zod';

export const REJECT_CODES = [
  /** The check does not follow the VehicleCheck schema; `error` names the fields. */
  'invalid-check',
  /** The check (or the stored check with its id) belongs to a checkpoint other than the token's. */
  'other-checkpoint',
  /** The check's deviceId is not the device the token was issued to. */
  'other-device',
  /** The server has no checkpoint with the check's checkpointId. */
  'unknown-checkpoint',
  /** The server has no policy with the check's policyVersion. */
  'unknown-policy-version',
  /** The server holds this id and rev with different content; only a higher rev replaces it. */
  'conflicting-content',
  /**
   * The check passed validation, but the server could not judge or store one of its values (its store refused it).
   * Not stored; sending it again as it is will not help. The server's log says which value.
   */
  'unprocessable-check',
] as const;
export type RejectCode = (typeof REJECT_CODES)[number];

const KNOWN_CODES: ReadonlySet<string> = new Set(REJECT_CODES);

/** Narrows a code from the wire (which may be one a newer server added) to one this build knows. */
export function isRejectCode(code: string | null | undefined): code is RejectCode {
  return code !== null && code !== undefined && KNOWN_CODES.has(code);
}

export const rejectCodeSchema = z.enum(REJECT_CODES).meta({
  id: 'RejectCode',
  description: 'Why a check was rejected, as a code that never changes; the readable `error` beside it may.',
});

/**
 * The code as a client reads it: one of REJECT_CODES, or any other non-empty string from a newer server, which is
 * not an error of the answer (the client shows `error`).
 */
export const batchResultCodeSchema = z
  .union([rejectCodeSchema, z.string().min(1)])
  .describe('With status "rejected": a RejectCode. Clients accept codes they do not know and show `error` for them.');
