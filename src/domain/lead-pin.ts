// The checkpoint's lead PIN as the server keeps it and hands it to the tablets: a slow hash and its parameters, never
// the PIN. The same record opens the PIN pad on every tablet of the checkpoint, offline (ADR 030).

/** The one hash the PIN is kept under, on the server and on the tablets alike. */
export const LEAD_PIN_ALGORITHM = 'PBKDF2-SHA-256';
/** OWASP's figure for PBKDF2-SHA-256; a record with fewer is refused (ADR 011 measured the tablets at it). */
export const LEAD_PIN_MIN_ITERATIONS = 600_000;
/** Verifying costs the server this many rounds per attempt: a record asking for more is refused, not run. */
export const LEAD_PIN_MAX_ITERATIONS = 10_000_000;

export interface LeadPinHash {
  algorithm: typeof LEAD_PIN_ALGORITHM;
  iterations: number;
  /** The random salt, base64. */
  saltB64: string;
  /** PBKDF2-HMAC-SHA-256 of the PIN's UTF-8 digits under the salt, base64. */
  hashB64: string;
}

/**
 * Who set the PIN now in force: an admin (command line), a lead with a lead session (a change, which needs the PIN
 * before it), or a tablet's first lead while the checkpoint had none.
 */
export const LEAD_PIN_SETTERS = ['admin', 'lead', 'tablet'] as const;
export type LeadPinSetter = (typeof LEAD_PIN_SETTERS)[number];

/** GET /api/v1/lead-pin: version 0 and no hash until a PIN is set; each change is the next version. */
export interface CheckpointLeadPin {
  checkpointId: string;
  version: number;
  /** ISO 8601 of the last change; null while none is set. */
  setAt: string | null;
  setBy: LeadPinSetter | null;
  hash: LeadPinHash | null;
}

/** A lead session (POST /api/v1/lead-sessions): its bearer token and when it stops working. */
export interface LeadSession {
  token: string;
  expiresAt: string;
}
