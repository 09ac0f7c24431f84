// The lead gate as an officer and a lead meet it: no figures behind it without the PIN, wrong PINs counted and
// locked out across a reload, the first PIN set on first use, a touch keeping the lead's screens open; and on an
// enrolled tablet, the PIN also buying a lead session from the server, whose PIN may have changed elsewhere.
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { db, settings } from '../db/db-instance.ts';
import { createLeadPinRepository } from '../db/lead-pin-repository.ts';
import { hashLeadPin } from '../platform/crypto/lead-pin-hash.ts';
import { setLanguage } from '../platform/i18n.ts';
import { currentLeadCredentials } from '../sync/lead-credentials.ts';
import { isLeadUnlocked, lockLead } from './lead-session.ts';
import { LeadGate } from './lead-gate.tsx';

const PIN = '482913';

function renderGate() {
  const user = userEvent.setup();
  const view = render(
    <LeadGate>
      <p data-testid="figures">车辆 12</p>
    </LeadGate>,
  );
  return { user, ...view };
}

async function typePin(user: ReturnType<typeof userEvent.setup>, pin: string) {
  const pad = await screen.findByRole('group', { name: '班组长密码' });
  for (const digit of pin) await user.click(within(pad).getByRole('button', { name: digit }));
  await user.click(within(pad).getByRole('button', { name: '确定' }));
}

beforeEach(async () => {
  setLanguage('zh-CN');
  lockLead();
  await Promise.all(db.tables.map((table) => table.clear()));
});

afterEach(() => {
  lockLead();
});

describe('LeadGate with a PIN set', () => {
  beforeEach(async () => {
    await createLeadPinRepository(settings, { iterations: 1000 }).setFirst(PIN, Date.now());
  });

  it('shows the pad and none of the lead’s figures; a wrong PIN says so, the right one opens', async () => {
    const { user } = renderGate();
    await typePin(user, '482914');
    expect((await screen.findByTestId('lead-pin-error')).textContent).toBe('密码错误。再错 4 次将暂时锁定。');
    expect(screen.queryByTestId('figures')).toBeNull();

    await typePin(user, PIN);
    expect((await screen.findByTestId('figures')).textContent).toBe('车辆 12');
    expect(isLeadUnlocked()).toBe(true);
    expect(await settings.get('leadPinAttempts')).toEqual({ failures: 0, lockedUntil: null });
  });

  it('takes the PIN from a hardware keyboard, masked', async () => {
    const { user } = renderGate();
    await screen.findByRole('group', { name: '班组长密码' });
    await user.keyboard('4829');
    expect(screen.getByRole('status').textContent).toBe('●●●●');
    await user.keyboard('13{Enter}');
    expect(await screen.findByTestId('figures')).toBeTruthy();
  });

  it('refuses to try a PIN shorter than six digits without counting it', async () => {
    const { user } = renderGate();
    await typePin(user, '482');
    expect((await screen.findByTestId('lead-pin-error')).textContent).toBe('班组长密码至少 6 位。');
    expect(await settings.get('leadPinAttempts')).toEqual({ failures: 0, lockedUntil: null });
  });

  it('locks after five wrong PINs with the time left shown, and stays locked after a reload', async () => {
    const first = renderGate();
    for (let left = 4; left >= 1; left -= 1) {
      await typePin(first.user, '111112');
      // The next PIN once this one is judged, as a lead reads the answer: the pad is cleared with the answer.
      await waitFor(() => {
        expect(screen.getByTestId('lead-pin-error').textContent).toBe(`密码错误。再错 ${left} 次将暂时锁定。`);
      });
    }
    await typePin(first.user, '111112');
    expect((await screen.findByTestId('lead-locked')).textContent).toMatch(
      /^密码错误次数过多，已锁定。请在 (30|29)秒 后再试。$/u,
    );
    expect(screen.queryByRole('group', { name: '班组长密码' })).toBeNull();

    first.unmount();
    renderGate();
    expect((await screen.findByTestId('lead-locked')).textContent).toContain('已锁定');
    expect(screen.queryByTestId('figures')).toBeNull();
  });

  it('opens the pad again when the lock runs out', async () => {
    await settings.set('leadPinAttempts', { failures: 5, lockedUntil: Date.now() + 1200 });
    const { user } = renderGate();
    await screen.findByTestId('lead-locked');
    await waitFor(
      () => {
        expect(screen.queryByTestId('lead-locked')).toBeNull();
      },
      { timeout: 3000 },
    );
    await typePin(user, PIN);
    expect(await screen.findByTestId('figures')).toBeTruthy();
  });

  it('closes again when the lead locks, and in English', async () => {
    const { user } = renderGate();
    await typePin(user, PIN);
    await screen.findByTestId('figures');
    act(() => {
      lockLead();
    });
    setLanguage('en');
    expect(await screen.findByRole('heading', { name: 'Shift lead check' })).toBeTruthy();
    expect(screen.queryByTestId('figures')).toBeNull();
  });
});

describe('LeadGate on a tablet without a PIN', () => {
  it('asks the lead to set one (weak ones refused), then opens', async () => {
    const { user } = renderGate();
    await user.type(await screen.findByLabelText('班组长密码'), '000000');
    await user.type(screen.getByLabelText('再次输入班组长密码'), '000000');
    await user.click(screen.getByRole('button', { name: '保存并进入' }));
    expect(screen.getByText('不能全是同一个数字，请换一个不易被猜到的密码。')).toBeTruthy();
    expect(await settings.get('leadPin')).toBeUndefined();

    await user.clear(screen.getByLabelText('班组长密码'));
    await user.clear(screen.getByLabelText('再次输入班组长密码'));
    await user.type(screen.getByLabelText('班组长密码'), PIN);
    await user.type(screen.getByLabelText('再次输入班组长密码'), PIN);
    await user.click(screen.getByRole('button', { name: '保存并进入' }));
    expect(await screen.findByTestId('figures', {}, { timeout: 5000 })).toBeTruthy();
    expect(JSON.stringify(await settings.get('leadPin'))).not.toContain(PIN);
  });
});

describe('LeadGate on a tablet enrolled with a server', () => {
  const SERVER = 'https://kakou.example.cn';
  const NEW_PIN = '730518';
  const DEVICE = {
    checkpointId: 'cp-1',
    checkpointName: '娄底东',
    province: '湖南',
    city: '娄底',
    timeZone: 'Asia/Shanghai',
    deviceId: 'dev-1',
    deviceName: '1号平板',
    serverUrl: SERVER,
    token: 'device-tok',
  };

  /** The checkpoint's PIN as the server serves it, hashed like the tablet's own (fewer rounds, for speed). */
  async function serverPin(pin: string, version: number) {
    const { algorithm, iterations, saltB64, hashB64 } = await hashLeadPin(pin, Date.now(), 1000);
    const hash = { algorithm, iterations, saltB64, hashB64 };
    return { checkpointId: 'cp-1', version, setAt: '2026-11-28T08:00:00.000Z', setBy: 'admin', hash };
  }

  /** A server whose lead PIN is `pin`; records the lead-session requests. */
  function serverWith(pin: string, record: Awaited<ReturnType<typeof serverPin>>) {
    const sessions: string[] = [];
    const fetch = vi.fn((input: string, init?: RequestInit) => {
      if (input === `${SERVER}/api/v1/lead-pin`) return Promise.resolve(Response.json(record));
      if (input === `${SERVER}/api/v1/lead-sessions`) {
        const typed = (JSON.parse(init?.body as string) as { pin: string }).pin;
        sessions.push(typed);
        return Promise.resolve(
          typed === pin
            ? Response.json(
                { token: 'lead-tok', expiresAt: new Date(Date.now() + 15 * 60_000).toISOString() },
                { status: 201 },
              )
            : Response.json({ status: 403, detail: 'The lead PIN is not right', attemptsLeft: 4 }, { status: 403 }),
        );
      }
      return Promise.resolve(new Response(null, { status: 404 }));
    });
    vi.stubGlobal('fetch', fetch);
    return { sessions };
  }

  beforeEach(async () => {
    await settings.set('device', DEVICE);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('buys a lead session with the PIN: its token is held in memory, in no setting', async () => {
    await createLeadPinRepository(settings, { iterations: 1000 }).setFirst(PIN, Date.now());
    const { sessions } = serverWith(PIN, await serverPin(PIN, 1));
    const { user } = renderGate();
    await typePin(user, PIN);
    expect(await screen.findByTestId('figures')).toBeTruthy();
    expect(sessions).toEqual([PIN]);
    expect(currentLeadCredentials()?.token).toBe('lead-tok');
    expect(JSON.stringify(await db.settings.toArray())).not.toContain('lead-tok');
  });

  it('stays locked when the server’s PIN was changed elsewhere, says so, and opens with the new one', async () => {
    await createLeadPinRepository(settings, { iterations: 1000 }).setFirst(PIN, Date.now());
    serverWith(NEW_PIN, await serverPin(NEW_PIN, 2));
    const { user } = renderGate();
    await typePin(user, PIN);
    expect((await screen.findByTestId('lead-pin-notice')).textContent).toMatch(/已在别处更改/u);
    expect(screen.queryByTestId('figures')).toBeNull();
    expect((await settings.get('leadPin'))?.serverVersion).toBe(2);

    await typePin(user, NEW_PIN);
    expect(await screen.findByTestId('figures')).toBeTruthy();
    expect(currentLeadCredentials()?.token).toBe('lead-tok');
  });

  it('opens for the new PIN typed before this tablet heard of it, and clears the wrong count', async () => {
    await createLeadPinRepository(settings, { iterations: 1000 }).setFirst(PIN, Date.now());
    serverWith(NEW_PIN, await serverPin(NEW_PIN, 2));
    const { user } = renderGate();
    await typePin(user, NEW_PIN);
    expect(await screen.findByTestId('figures', {}, { timeout: 5000 })).toBeTruthy();
    expect(await settings.get('leadPinAttempts')).toEqual({ failures: 0, lockedUntil: null });
  });

  it('opens on the tablet alone when the server cannot be reached', async () => {
    await createLeadPinRepository(settings, { iterations: 1000 }).setFirst(PIN, Date.now());
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))),
    );
    const { user } = renderGate();
    await typePin(user, PIN);
    expect(await screen.findByTestId('figures')).toBeTruthy();
    expect(currentLeadCredentials()).toBeNull();
  });
});
