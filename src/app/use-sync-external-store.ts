// What wouter gets for `use-sync-external-store/shim` (scripts/module-aliases.ts sends it here): React's own hook.
// The shim exists for React before 18, which had none; with React 19 it only looks the hook up, and cost the first
// screen 0.3 kB gzip for that (ADR 043).
export { useSyncExternalStore } from 'react';
