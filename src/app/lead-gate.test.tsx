// The lead gate as an officer and a lead meet it: no figures behind it without the PIN, wrong PINs counted and
// locked out across a reload, the first PIN set on first use, and a touch keeping the lead's screens open.
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { db, settings } from '../db/db-instance.ts';
import { createLeadPinRepository } from '../db/lead-pin-repository.ts';
import { setLanguage } from '../platform/i18n.ts';
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
    for (let i = 0; i < 4; i += 1) await typePin(first.user, '111112');
    expect((await screen.findByTestId('lead-pin-error')).textContent).toBe('密码错误。再错 1 次将暂时锁定。');
    await typePin(first.user, '111112');
    expect((await screen.findByTestId('lead-locked')).textContent).toMatch(
      /^密码错误次数过多，已锁定。请在 0:(30|29) 后再试。$/u,
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
