// jsdom units: a real IndexedDB implementation in memory, and DOM matchers cleaned between tests.
import 'fake-indexeddb/auto';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(() => {
  cleanup();
});
