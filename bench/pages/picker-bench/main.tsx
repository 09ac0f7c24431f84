// The picker-bench page: the app's destination picker over the app's own IndexedDB lists (ADR 034), opened the way an
// officer taps it, with nothing of the lists in memory: what a reloaded tablet offline meets.
import { createRoot, type Root } from 'react-dom/client';
import { divisionChunks } from '../../../src/db/db-instance.ts';
import type { Destination } from '../../../src/domain/vehicle-check.ts';
import { DestinationPicker } from '../../../src/features/checkpoint/steps/destination-picker.tsx';
import { DivisionListsContext } from '../../../src/features/checkpoint/steps/division-lists-instance.ts';
import { createDivisionLists } from '../../../src/sync/division-lists.ts';
import { createApiClient } from '../../../src/sync/transport.ts';
import type { KeepPickerLists, OpenPickerBench, PickerOpen } from './picker-bench-api.ts';

/** A checkpoint in 双峰县, 娄底. */
const HOME = { countyCode: '431321', province: '湖南', city: '娄底' };
const EMPTY: Destination = { province: '', city: '', county: '', township: '', village: '' };
const OPEN_TIMEOUT_MS = 10_000;

const freshLists = () =>
  createDivisionLists({
    store: divisionChunks,
    app: createApiClient({ baseUrl: window.location.origin }),
    now: () => Date.now(),
  });

const container = document.getElementById('root');
if (container === null) throw new Error('no #root');
let root: Root | null = null;

const keepPickerLists: KeepPickerLists = () => freshLists().warmUp(HOME);

const openPickerBench: OpenPickerBench = async () => {
  root?.unmount();
  root = createRoot(container);
  root.render(
    <DivisionListsContext value={freshLists()}>
      <DestinationPicker id="bench" destination={EMPTY} home={HOME} error={null} onChange={() => undefined} />
    </DivisionListsContext>,
  );
  const button = await new Promise<HTMLButtonElement>((resolve) => {
    const look = () => {
      const found = container.querySelector('button');
      if (found) resolve(found);
      else requestAnimationFrame(look);
    };
    look();
  });
  // Watched as React writes them, not polled per frame: a frame is 16 ms, a throttled one longer.
  const shown = new Promise<PickerOpen>((resolve, reject) => {
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error('the picker showed no county'));
    }, OPEN_TIMEOUT_MS);
    const observer = new MutationObserver(() => {
      const counties = container.querySelectorAll('.choice-grid button').length;
      if (counties === 0) return;
      const ms = performance.now() - startMs;
      observer.disconnect();
      clearTimeout(timer);
      resolve({ ms, counties });
    });
    observer.observe(container, { childList: true, subtree: true });
  });
  const startMs = performance.now();
  button.click();
  return shown;
};

window.keepPickerLists = keepPickerLists;
window.openPickerBench = openPickerBench;
document.body.dataset['ready'] = 'true';
