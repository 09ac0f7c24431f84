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
