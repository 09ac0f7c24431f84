// What the console's screen tests share: a signed-in admin (the session the console keeps in sessionStorage, so the
// screens' client hook gives them a client), a fake server behind the one HTTP client (fetch replaced by a vi.fn,
// as src/sync/transport.test.ts does), and a screen rendered under an address of the console's router.
import { render, type RenderResult } from '@testing-library/react';
import type { ReactNode } from 'react';
import { vi, type Mock } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import type { AdminSession } from '../../../../src/contract/admin-console.ts';
import { endSession, startSession } from '../../../../src/features/admin-console/console-session.ts';
import type { FetchLike } from '../../../../src/sync/transport.ts';

/** A session lasts 8 hours (ADR 038); the console's frame ends it on its expiry with a timer. */
const SESSION_MS = 8 * 60 * 60_000;

/** A city's command: it sees 湖南省 娄底市's checkpoints only. Signed in, it expires 8 hours later. */
export const LOUDI_ADMIN: AdminSession = {
  token: 'admin-session-token',
  expiresAt: '2026-11-28T20:00:00.000Z',
  username: 'loudi-command',
  scope: { kind: 'city', province: '湖南省', city: '娄底市' },
};

/** Signs `session` in, expiring 8 hours from now (on the test's clock, faked or not). */
export function signInAs(session: AdminSession = LOUDI_ADMIN): void {
  startSession({ ...session, expiresAt: new Date(Date.now() + SESSION_MS).toISOString() });
}

export function signOutAfterTest(): void {
  endSession('signed-out');
  sessionStorage.clear();
}

export function jsonAnswer(body: unknown, status = 200): Response {
  const contentType = status >= 400 ? 'application/problem+json' : 'application/json';
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': contentType } });
}

export function problemAnswer(status: number, detail: string): Response {
  return jsonAnswer({ type: 'about:blank', title: 'Error', status, detail }, status);
}

export function fileAnswer(text: string, contentType: string): Response {
  return new Response(text, { status: 200, headers: { 'content-type': contentType } });
}

/** One request the fake server saw: its path under the origin and its query. */
export interface SeenRequest {
  path: string;
  query: URLSearchParams;
  authorization: string | undefined;
}

/**
 * Replaces fetch with a fake server: `answer` is asked for each request (its path without the origin and its query)
 * and every request is kept in `seen`. An unanswered request is a 404 problem, as the real server's.
 */
export function fakeServer(answer: (request: SeenRequest) => Response | undefined): {
  fetch: Mock<FetchLike>;
  seen: SeenRequest[];
} {
  const seen: SeenRequest[] = [];
  const fetch = vi.fn<FetchLike>((input, init) => {
    const url = new URL(input);
    const headers = (init?.headers ?? {}) as Record<string, string>;
    const request = { path: url.pathname, query: url.searchParams, authorization: headers['authorization'] };
    seen.push(request);
    return Promise.resolve(answer(request) ?? problemAnswer(404, `no route ${url.pathname}`));
  });
  vi.stubGlobal('fetch', fetch);
  return { fetch, seen };
}

/** `ui` under the console's router at `path` (relative to /admin, query included). */
export function renderAt(path: string, ui: ReactNode): RenderResult & { location: ReturnType<typeof memoryLocation> } {
  const location = memoryLocation({ path, record: true });
  const result = render(
    <Router hook={location.hook} searchHook={location.searchHook}>
      {ui}
    </Router>,
  );
  return { ...result, location };
}
