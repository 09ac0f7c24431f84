// Errors the store throws on purpose, so the HTTP layer can answer 4xx in words instead of a 500.

/** A paging cursor that this store did not hand out (or that was altered). */
export class InvalidCursorError extends Error {
  constructor() {
    super('the paging cursor is not valid; start again without one');
    this.name = 'InvalidCursorError';
  }
}

/** publish() was given a version other than the next one (someone published in between). */
export class PolicyVersionConflictError extends Error {
  readonly expectedVersion: number;
  constructor(expectedVersion: number, given: number) {
    super(`policy version ${given} cannot be published: the next version is ${expectedVersion}`);
    this.name = 'PolicyVersionConflictError';
    this.expectedVersion = expectedVersion;
  }
}

/** An argument the store cannot accept (unknown time zone, unknown checkpoint, bad limit). */
export class StoreInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreInputError';
  }
}

/** A configuration edited from a version that is no longer the stored one (another tablet saved first). */
export class ConfigVersionConflictError extends Error {
  readonly currentVersion: number;
  constructor(currentVersion: number, baseVersion: number) {
    super(
      `the configuration was edited from version ${baseVersion} but version ${currentVersion} is stored now; ` +
        'load the current configuration and make the change again',
    );
    this.name = 'ConfigVersionConflictError';
    this.currentVersion = currentVersion;
  }
}

/** PostgreSQL's classes of errors caused by a value (SQLSTATE's first two characters). */
const PG_VALUE_ERROR_CLASSES = new Set([
  // data exception: a value out of range, a NUL or a lone surrogate in text, a malformed number or time
  '22',
  // integrity constraint violation: a NOT NULL, a foreign or unique key, a CHECK
  '23',
  // program limit exceeded: a value too large for an index row
  '54',
]);
const PG_SQLSTATE = /^[0-9A-Z]{5}$/u;
/** SQLite's result codes for a value it will not store (better-sqlite3 names them, extended codes included). */
const SQLITE_VALUE_ERROR_PREFIXES = ['SQLITE_CONSTRAINT', 'SQLITE_TOOBIG', 'SQLITE_MISMATCH', 'SQLITE_RANGE'];

/**
 * When the store refused a statement for a value in it — the request's fault, not the server's: a short reason
 * naming the database's code (never the value, which the driver's message may quote), such as "PostgreSQL 22P05".
 * null for every other failure (a lost connection, a full disk, a lock, a bug), which must stay a failure.
 */
export function refusedValueReason(error: unknown): string | null {
  if (typeof error !== 'object' || error === null || !('code' in error)) return null;
  const { code } = error;
  if (typeof code !== 'string') return null;
  if (SQLITE_VALUE_ERROR_PREFIXES.some((prefix) => code.startsWith(prefix))) return `SQLite ${code}`;
  if (PG_SQLSTATE.test(code) && PG_VALUE_ERROR_CLASSES.has(code.slice(0, 2))) return `PostgreSQL ${code}`;
  return null;
}
