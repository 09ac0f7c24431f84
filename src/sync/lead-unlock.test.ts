// Unlocking with the server after the pad took the PIN: a session when the server takes it, the tablet alone when
// there is no server to ask or it makes the tablet wait, and the checkpoint's new PIN when the server's is another.
import { describe, expect, it, vi } from 'vitest';
import type { LeadPinSyncOutcome } from './lead-pin-sync.ts';
import { openServerLeadSession } from './lead-unlock.ts';
import type { FetchLike } from './transport.ts';

const BASE = 'http://10.0.0.5:8080';
const EXPIRES = '2026-11-28T08:15:00.000Z';

function problem(status: number, members: Record<string, unknown> = {}, headers?: Record<string, string>): Response {
  return new Response(JSON.stringify({ type: 'about:blank', title: 'Error', status, detail: 'no', ...members }), {
    status,
    headers: { 'content-type': 'application/problem+json', ...headers },
  });
}

function deps(answers: Response[] | Error, runNow: LeadPinSyncOutcome = 'unchanged') {
  const queue = Array.isArray(answers) ? [...answers] : [];
  const fetch = vi.fn<FetchLike>(() =>
    answers instanceof Error ? Promise.reject(answers) : Promise.resolve(queue.shift() ?? problem(500)),
  );
  const leadPinSync = { runNow: vi.fn(() => Promise.resolve(runNow)) };
  return {
    fetch,
    leadPinSync,
    deps: { server: { baseUrl: BASE, token: 'device-tok', fetch }, online: true, leadPinSync },
  };
}

describe('openServerLeadSession', () => {
  it('returns the lead token the server gave for the PIN, sent with the device token', async () => {
    const { fetch, deps: d } = deps([Response.json({ token: 'lead-tok', expiresAt: EXPIRES }, { status: 201 })]);
    expect(await openServerLeadSession('482915', d)).toEqual({
      kind: 'session',
      credentials: { token: 'lead-tok', expiresAt: Date.parse(EXPIRES) },
    });
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe(`${BASE}/api/v1/lead-sessions`);
    expect(new Headers(init?.headers).get('authorization')).toBe('Bearer device-tok');
    expect(JSON.parse(init?.body as string)).toEqual({ pin: '482915' });
  });

  it('opens on the tablet alone without a server, offline, unreachable, or while the server makes it wait', async () => {
    const none = deps([]);
    expect(await openServerLeadSession('482915', { ...none.deps, server: null })).toEqual({
      kind: 'local-only',
      reason: 'not-enrolled',
    });
    expect(await openServerLeadSession('482915', { ...none.deps, online: false })).toEqual({
      kind: 'local-only',
      reason: 'offline',
    });
    expect(none.fetch).not.toHaveBeenCalled();
    expect(await openServerLeadSession('482915', deps(new TypeError('Failed to fetch')).deps)).toEqual({
      kind: 'local-only',
      reason: 'unreachable',
    });
    expect(await openServerLeadSession('482915', deps([problem(429, {}, { 'retry-after': '600' })]).deps)).toEqual({
      kind: 'local-only',
      reason: 'rate-limited',
    });
  });

  it("takes the server's PIN when it refuses the one the pad took", async () => {
    const { leadPinSync, deps: d } = deps([problem(403, { attemptsLeft: 4 })], 'adopted');
    expect(await openServerLeadSession('482915', d)).toEqual({ kind: 'pin-changed' });
    expect(leadPinSync.runNow).toHaveBeenCalledOnce();
  });

  it("hands a server without a PIN this tablet's, then unlocks — unless another tablet's PIN got there first", async () => {
    const handed = deps([problem(409), Response.json({ token: 'lead-tok', expiresAt: EXPIRES }, { status: 201 })]);
    expect((await openServerLeadSession('482915', handed.deps)).kind).toBe('session');
    expect(handed.leadPinSync.runNow).toHaveBeenCalledOnce();

    const beaten = deps([problem(409)], 'adopted');
    expect(await openServerLeadSession('482915', beaten.deps)).toEqual({ kind: 'pin-changed' });
  });
});
