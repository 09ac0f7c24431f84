// The state of the lead's shift-configuration form: the draft, its problems (shown once a save was tried), saving it on
// the tablet, and what happens when another configuration arrives under the form. No markup: the screen renders it.
import { useState } from 'react';
import type { CheckpointConfigBody } from '../../domain/shift-schedule.ts';
import type { CheckpointConfigStore } from '../../db/checkpoint-config-store.ts';
import { checkpointConfig } from '../../db/db-instance.ts';
import { StorageFullError } from '../../db/storage-errors.ts';
import {
  checkCheckpointConfig,
  type CheckpointConfigCheck,
  type CheckpointConfigProblem,
  type ShiftPresetId,
} from '../../domain/shift-config-rules.ts';
import type { CheckpointConfigView } from '../../db/use-checkpoint-config.ts';
import { recordError } from '../../platform/diagnostics.ts';
import {
  sameBody,
  toBody,
  toDraft,
  withPreset,
  withShiftAdded,
  withShiftRemoved,
  withShiftUpdated,
  withTeamAdded,
  withTeamMoved,
  withTeamRemoved,
  withTeamRenamed,
  type ShiftConfigDraft,
  type ShiftRow,
} from './shift-config-draft.ts';

export type ShiftConfigSaveError = 'saveFailed' | 'storageFull';

/** What the form needs of the tablet's configuration store (the app's own by default, another in tests). */
export type ShiftConfigEditStore = Pick<CheckpointConfigStore, 'saveEdit' | 'dismissConflict'>;

export interface ShiftConfigFormOptions {
  store?: ShiftConfigEditStore;
  /** When an edit is saved (epoch ms): the sync engine compares it to tell a newer edit from the one it pushed. */
  now?: () => number;
}

export interface ShiftConfigForm {
  draft: ShiftConfigDraft;
  /** The draft as it would be saved, with every problem it has. */
  check: CheckpointConfigCheck;
  /** The problems to mark: none until a save was tried, then they follow the edits. */
  problems: readonly CheckpointConfigProblem[];
  /** The draft differs from the configuration the tablet follows. */
  dirty: boolean;
  /** A save was tried since the form was last loaded or saved. */
  attempted: boolean;
  /** A save was tried and refused for the problems marked. */
  refused: boolean;
  saving: boolean;
  saveError: ShiftConfigSaveError | null;
  /** Another configuration arrived while this form held unsaved edits: they are kept, and the lead chooses. */
  overtaken: boolean;
  renameTeam: (key: number, name: string) => void;
  moveTeam: (from: number, to: number) => void;
  removeTeam: (key: number) => void;
  addTeam: () => void;
  updateShift: (key: number, patch: Partial<Omit<ShiftRow, 'key'>>) => void;
  removeShift: (key: number) => void;
  addShift: () => void;
  setRotationAnchor: (date: string) => void;
  applyPreset: (id: ShiftPresetId) => void;
  /** Back to the configuration the tablet follows. */
  undo: () => void;
  /** Drops the unsaved edits for the configuration that overtook them. */
  loadLatest: () => void;
  save: () => Promise<void>;
  /** The lead has read why the last edit was not taken. */
  dismissConflict: () => Promise<void>;
}

export function useShiftConfigForm(view: CheckpointConfigView, options: ShiftConfigFormOptions = {}): ShiftConfigForm {
  const { store = checkpointConfig, now = Date.now } = options;
  const [draft, setDraft] = useState<ShiftConfigDraft>(() => toDraft(view.config));
  // The configuration the draft was started from. When another one arrives (a sync, or this form's own save), an
  // untouched form follows it; a form with unsaved edits keeps them and says so: nothing typed is dropped.
  const [base, setBase] = useState<CheckpointConfigBody>(view.config);
  const [overtaken, setOvertaken] = useState(false);
  if (!sameBody(base, view.config)) {
    const draftBody = toBody(draft);
    setBase(view.config);
    if (sameBody(draftBody, base) || sameBody(draftBody, view.config)) setDraft(toDraft(view.config));
    else setOvertaken(true);
  }
  // Problems show after a save attempt, then follow the edits.
  const [attempted, setAttempted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<ShiftConfigSaveError | null>(null);

  const check = checkCheckpointConfig(toBody(draft));
  const dirty = !sameBody(toBody(draft), view.config);

  const edit = (next: ShiftConfigDraft) => {
    setDraft(next);
    setSaveError(null);
  };
  const reload = () => {
    edit(toDraft(view.config));
    setAttempted(false);
  };

  const save = async () => {
    setAttempted(true);
    if (!check.ok) return;
    setSaving(true);
    try {
      // Stored on the tablet at once; the sync engine sees the new edit and pushes it.
      await store.saveEdit(check.body, now());
      // The saved edit comes back as the configuration the form follows.
      setSaving(false);
      setAttempted(false);
      setOvertaken(false);
    } catch (e) {
      recordError('shift-config', e);
      setSaveError(e instanceof StorageFullError ? 'storageFull' : 'saveFailed');
      setSaving(false);
    }
  };

  return {
    draft,
    check,
    problems: attempted ? check.problems : [],
    dirty,
    attempted,
    refused: attempted && !check.ok,
    saving,
    saveError,
    overtaken: overtaken && dirty,
    renameTeam: (key, name) => {
      edit(withTeamRenamed(draft, key, name));
    },
    moveTeam: (from, to) => {
      const moved = withTeamMoved(draft, from, to);
      if (moved !== draft) edit(moved);
    },
    removeTeam: (key) => {
      edit(withTeamRemoved(draft, key));
    },
    addTeam: () => {
      edit(withTeamAdded(draft));
    },
    updateShift: (key, patch) => {
      edit(withShiftUpdated(draft, key, patch));
    },
    removeShift: (key) => {
      edit(withShiftRemoved(draft, key));
    },
    addShift: () => {
      edit(withShiftAdded(draft));
    },
    setRotationAnchor: (date) => {
      edit({ ...draft, rotationAnchor: date });
    },
    applyPreset: (id) => {
      edit(withPreset(draft, id));
    },
    undo: reload,
    loadLatest: () => {
      reload();
      setOvertaken(false);
    },
    save,
    dismissConflict: () => store.dismissConflict(),
  };
}
