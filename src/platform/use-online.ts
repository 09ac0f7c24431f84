// Whether the browser believes it has a network, as render state (online.ts is the source).
import { useSyncExternalStore } from 'react';
import { isOnline, subscribeOnline } from './online.ts';

export function useOnline(): boolean {
  return useSyncExternalStore(subscribeOnline, isOnline, () => true);
}
