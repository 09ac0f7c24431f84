// jsdom units: a real IndexedDB implementation in memory, and DOM matchers cleaned between tests.
//
// The dom project runs its files without isolation (one jsdom per worker, not one per file: that set-up was 60 s of
// CPU in a run). So each file starts from what an isolated file would see: no stored databases, empty storage and
// the default language, whatever the file before it left.
import 'fake-indexeddb/auto';
import { cleanup } from '@testing-library/react';
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

await deleteEveryDatabase();
localStorage.clear();
sessionStorage.clear();
setLanguage('zh-CN');

afterEach(() => {
  cleanup();
});
