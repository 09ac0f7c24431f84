// The app's one database connection and the repositories bound to it.
// Convention: repositories are factories taking the database (createXRepository(db)), so tests give each
// case its own fresh database; app code imports the ready instances below and never opens its own.
import { createCheckRepository } from './check-repository.ts';
import { createCheckpointConfigStore } from './checkpoint-config-store.ts';
import { openKakouDatabase } from './database.ts';
import { createDraftRepository } from './draft-repository.ts';
import { browserWriteAheadStore } from './draft-write-ahead.ts';
import { createSettingsRepository } from './settings-repository.ts';
import { createShiftRepository } from './shift-repository.ts';
import { createDivisionChunkStore } from './division-chunk-store.ts';

// Strict for every write, drafts included: one connection, and a draft that survives a power cut is
// worth the ~0.7 ms per write it costs (docs/testing.md).
export const db = openKakouDatabase();

// Same database, relaxed commits, used only to record the server's acknowledgements (see CheckRepositoryOptions).
const acknowledgementDb = openKakouDatabase({ durability: 'relaxed' });

export const checks = createCheckRepository(db, { acknowledgeWith: acknowledgementDb });
// Each edit is also kept in localStorage until IndexedDB commits it: a tab killed in between loses nothing.
export const drafts = createDraftRepository(db, { writeAhead: browserWriteAheadStore() });
export const settings = createSettingsRepository(db);
export const shifts = createShiftRepository(db);
export const checkpointConfig = createCheckpointConfigStore(db);
export const divisionChunks = createDivisionChunkStore(db);
