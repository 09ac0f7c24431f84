// The latest errors behind the words an officer saw, for whoever supports the tablet: when, where, and the raw text.
// Screens say what happened in the catalogue's words; the raw text (often English, sometimes a browser's internals)
// goes only here, and is shown only in Settings → Diagnostics. Kept in memory and in localStorage (a start-up that
// failed before any screen opened is still there after the next one), bounded, and stripped of anything that could
// be a person's: digit runs (ID numbers, phones), Chinese text (names, places) and token-like strings. ADR 036.
import { useSyncExternalStore } from 'react';

/** Where an error was caught; the diagnostics view names each in words. */
export const DIAGNOSTIC_PLACES = [
  'start-up',
  'screen',
  'unhandled',
  'save-check',
  'draft',
  'enrollment',
  'lead-pin',
  'sign-in',
  'handover',
  'shift-config',
  'sync',
] as const;
export type DiagnosticPlace = (typeof DIAGNOSTIC_PLACES)[number];

export interface DiagnosticEntry {
  /** Epoch ms when it was recorded. */
  readonly at: number;
  readonly place: DiagnosticPlace;
  /** The error's name and message, redacted and cut to DIAGNOSTIC_TEXT_MAX_CHARS. */
  readonly text: string;
}

/** The latest this many are kept: enough to see a pattern, small enough to read on a tablet. */
export const DIAGNOSTICS_MAX_ENTRIES = 30;
/** A message longer than this is cut: the start of it says what failed. */
export const DIAGNOSTIC_TEXT_MAX_CHARS = 500;
const STORAGE_KEY = 'kakou.diagnostics';

// Six or more digits (an ID number may end in X) are an ID number, a phone or a code, never needed to see a bug.
const DIGIT_RUN = /\d{6,}[Xx]?/gu;
// Errors the app throws are English; Chinese text in one came from what an officer typed (a name, a place).
const CHINESE_TEXT = /[\p{Script=Han}]+/gu;
// Tokens (base64url) and enrollment codes: 16 or more letters, digits, '-' and '_' in a row with a digit among them
// (an error's name, such as TransactionInactiveError, has none).
// Written without a lookbehind, which Safari parses only from 16.4: the character before is matched and put back.
const TOKEN_LIKE = /(^|[^\w-])(?=[\w-]*\d)[\w-]{16,}/gu;
const REDACTED = '▒';

/** The text of an error as diagnostics keep it: without personal data, and short. */
export function redactDiagnostic(text: string): string {
  const redacted = text
    .replace(TOKEN_LIKE, `$1${REDACTED}`)
    .replace(DIGIT_RUN, REDACTED)
    .replace(CHINESE_TEXT, REDACTED);
  return redacted.length > DIAGNOSTIC_TEXT_MAX_CHARS
    ? `${redacted.slice(0, DIAGNOSTIC_TEXT_MAX_CHARS - 1)}…`
    : redacted;
}

interface ErrorLike {
  name: string;
  message: string;
  cause?: unknown;
}

/** An Error, or a DOMException (not an Error in every engine), or anything else thrown with a name and message. */
function errorLike(value: unknown): ErrorLike | null {
  if (typeof value !== 'object' || value === null) return null;
  const { name, message } = value as Partial<Record<'name' | 'message', unknown>>;
  return typeof name === 'string' && typeof message === 'string' ? (value as ErrorLike) : null;
}

function describe(error: unknown): string {
  const own = errorLike(error);
  if (own === null) return typeof error === 'string' ? error : String(error);
  // One level of cause: Dexie and the sync engine wrap the browser's own error.
  const cause = errorLike(own.cause);
  const text = `${own.name}: ${own.message}`;
  return cause === null ? text : `${text} ← ${cause.name}: ${cause.message}`;
}

function isEntry(value: unknown): value is DiagnosticEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return (
    typeof entry['at'] === 'number' &&
    typeof entry['text'] === 'string' &&
    (DIAGNOSTIC_PLACES as readonly unknown[]).includes(entry['place'])
  );
}

function readStored(): readonly DiagnosticEntry[] {
  try {
    const stored = globalThis.localStorage.getItem(STORAGE_KEY);
    if (stored === null) return [];
    const parsed: unknown = JSON.parse(stored);
    return Array.isArray(parsed) ? parsed.filter(isEntry).slice(0, DIAGNOSTICS_MAX_ENTRIES) : [];
  } catch {
    // Unreadable or unavailable storage: start an empty list rather than fail the screen that records.
    return [];
  }
}

let entries: readonly DiagnosticEntry[] = readStored();
const listeners = new Set<() => void>();

function publish(next: readonly DiagnosticEntry[]): void {
  entries = next;
  try {
    globalThis.localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
  } catch {
    // Full or unavailable storage: the list still holds in memory for this session.
  }
  for (const listener of listeners) listener();
}

/** Keeps an error for the diagnostics view, newest first. Never throws: it runs inside error handlers. */
export function recordError(place: DiagnosticPlace, error: unknown, nowMs: number = Date.now()): void {
  try {
    const entry: DiagnosticEntry = { at: nowMs, place, text: redactDiagnostic(describe(error)) };
    publish([entry, ...entries].slice(0, DIAGNOSTICS_MAX_ENTRIES));
  } catch {
    // Recording is best effort; the officer's words are already on screen.
  }
}

export function diagnostics(): readonly DiagnosticEntry[] {
  return entries;
}

export function clearDiagnostics(): void {
  publish([]);
}

/** Reads the list again from storage (another tab, or a test that changed it). */
export function reloadDiagnostics(): void {
  entries = readStored();
  for (const listener of listeners) listener();
}

export function useDiagnostics(): readonly DiagnosticEntry[] {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    diagnostics,
    diagnostics,
  );
}
