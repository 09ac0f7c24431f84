// `npm run admin -- set-lead-pin --checkpoint ID`, the PIN on standard input: an admin sets (or resets) a checkpoint's
// lead PIN. It reaches every tablet of the checkpoint on its next sync, and every lead session of it ends (ADR 030).
import type { Readable } from 'node:stream';
import { checkLeadPin } from '../domain/lead-pin-rules.ts';
import type { Store } from './store/create-store.ts';
import { hashLeadPin } from './store/lead-pin-hash.ts';
import { StoreInputError } from './store/store-errors.ts';

/** A PIN is one short line; anything longer than this is not one, and is not read further. */
const SECRET_LINE_MAX_CHARS = 1024;

/**
 * The first line of `input` without its line ending: what `echo 482915 | npm run admin -- …` or a here-string sends.
 * Never an argument, which the machine's process list and the shell's history would show.
 */
export function readSecretLine(input: Readable): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const finish = (line: string) => {
      input.off('data', onData);
      input.off('end', onEnd);
      input.off('error', reject);
      input.pause();
      resolve(line.replace(/\r$/u, ''));
    };
    const onData = (chunk: Buffer | string) => {
      text += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
      const newline = text.indexOf('\n');
      if (newline >= 0) finish(text.slice(0, newline));
      else if (text.length > SECRET_LINE_MAX_CHARS) finish(text);
    };
    const onEnd = () => {
      finish(text);
    };
    input.on('data', onData);
    input.once('end', onEnd);
    input.once('error', reject);
  });
}

const PIN_RULES: Record<NonNullable<ReturnType<typeof checkLeadPin>>, string> = {
  empty: 'no PIN on standard input (e.g. printf "%s\\n" 482915 | npm run admin -- set-lead-pin --checkpoint ID)',
  notDigits: 'the PIN must be digits only',
  tooShort: 'the PIN must have at least 6 digits',
  tooLong: 'the PIN must have at most 8 digits',
  allSame: 'the PIN may not be one digit repeated; choose one that is hard to guess',
  sequence: 'the PIN may not be a run of digits like 123456; choose one that is hard to guess',
};

export async function setLeadPinCommand(
  store: Store,
  checkpointId: string,
  pin: string,
  iterations?: number,
): Promise<Record<string, unknown>> {
  const problem = checkLeadPin(pin.trim());
  if (problem !== null) throw new StoreInputError(PIN_RULES[problem]);
  if ((await store.checkpoints.get(checkpointId)) === undefined) {
    throw new StoreInputError(`there is no checkpoint ${checkpointId}`);
  }
  const set = await store.leadPins.replace(checkpointId, await hashLeadPin(pin.trim(), iterations), {
    setBy: 'admin',
    deviceId: null,
  });
  // The version tells the admin it moved; the hash stays on the server and the tablets.
  return { checkpointId, leadPinVersion: set.version, setAt: set.setAt };
}
