// jsdom units: a real IndexedDB implementation in memory, and DOM matchers cleaned between tests.
//
// The dom project runs its files without isolation (one jsdom per worker, not one per file: that set-up was 60 s of
// CPU in a run). So each file starts from what an isolated file would see: no stored databases, empty storage and
// the default language, whatever the file before it left.
import 'fake-indexeddb/auto';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';
import { setLanguage } from '../../src/platform/i18n.ts';

async function deleteEveryDatabase(): Promise<void> {
  const databases = await indexedDB.databases();
  await Promise.all(
    databases.map(
      ({ name }) =>
        new Promise<void>((resolve, reject) => {
          if (name === undefined) {
            resolve();
            return;
          }
          const request = indexedDB.deleteDatabase(name);
          request.onsuccess = () => {
            resolve();
          };
          request.onerror = () => {
            reject(request.error ?? new Error(`could not delete ${name}`));
          };
        }),
    ),
  );
}

// waitFor and findBy give up after 1 s by default: fake IndexedDB answering a live query behind a hundred saved checks
// on a loaded 2-core machine takes longer, and such a test failed for the machine, not the app (as expect.poll in
// vitest.config.ts). A wait still ends the moment its condition holds.
configure({ asyncUtilTimeout: 15_000 });

await deleteEveryDatabase();
localStorage.clear();
sessionStorage.clear();
setLanguage('zh-CN');

afterEach(() => {
  cleanup();
});
