// Changing the lead PIN in settings: only with the current one, wrong ones counted; setting the first needs none. On
// an enrolled tablet the server makes the change (so every tablet gets it), and without the server nothing changes.
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { db, settings } from '../../db/db-instance.ts';
import { createLeadPinRepository } from '../../db/lead-pin-repository.ts';
import { hashLeadPin } from '../../platform/crypto/lead-pin-hash.ts';
import { setLanguage } from '../../platform/i18n.ts';
import { currentLeadCredentials, setLeadCredentials } from '../../sync/lead-credentials.ts';
import type { FetchLike } from '../../sync/transport.ts';
import { LeadPinSection } from './lead-pin-section.tsx';

const testPins = () => createLeadPinRepository(settings, { iterations: 1000 });

beforeEach(async () => {
  setLanguage('zh-CN');
  await Promise.all(db.tables.map((table) => table.clear()));
});

describe('LeadPinSection', () => {
  it('changes the PIN only with the right current one', async () => {
    await testPins().setFirst('482913', Date.now());
    const user = userEvent.setup();
    render(<LeadPinSection />);

    await user.type(await screen.findByLabelText('原班组长密码'), '000001');
    await user.type(screen.getByLabelText('班组长密码'), '735190');
    await user.type(screen.getByLabelText('再次输入班组长密码'), '735190');
    await user.click(screen.getByRole('button', { name: '修改班组长密码' }));
    expect((await screen.findByTestId('lead-pin-outcome')).textContent).toBe(
      '原密码错误，未修改。再错 4 次将暂时锁定。',
    );
    await expect(testPins().verify('482913', Date.now())).resolves.toEqual({ kind: 'accepted' });

    await user.type(screen.getByLabelText('原班组长密码'), '482913');
    await user.click(screen.getByRole('button', { name: '修改班组长密码' }));
    expect((await screen.findByTestId('lead-pin-outcome', {}, { timeout: 5000 })).textContent).toBe(
      '班组长密码已保存。',
    );
    await expect(testPins().verify('735190', Date.now())).resolves.toEqual({ kind: 'accepted' });
  });

  it('asks for the current PIN before anything else', async () => {
    await testPins().setFirst('482913', Date.now());
    const user = userEvent.setup();
    render(<LeadPinSection />);
    await user.click(await screen.findByRole('button', { name: '修改班组长密码' }));
    expect(screen.getByText('请填写原班组长密码。')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText('原班组长密码'));
  });

  it('sets the first PIN without an old one', async () => {
    const user = userEvent.setup();
    render(<LeadPinSection />);
    await screen.findByText(/还没有班组长密码/u);
    expect(screen.queryByLabelText('原班组长密码')).toBeNull();
    await user.type(screen.getByLabelText('班组长密码'), '735190');
    await user.type(screen.getByLabelText('再次输入班组长密码'), '735190');
    await user.click(screen.getByRole('button', { name: '设置班组长密码' }));
    expect((await screen.findByTestId('lead-pin-outcome', {}, { timeout: 5000 })).textContent).toBe(
      '班组长密码已保存。',
    );
    expect(await settings.get('leadPin')).toMatchObject({ algorithm: 'PBKDF2-SHA-256' });
  });
});

describe('LeadPinSection on a tablet enrolled with a server', () => {
  const SERVER = 'https://kakou.example.cn';
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

  beforeEach(async () => {
    await settings.set('device', DEVICE);
    await testPins().setFirst('482913', Date.now());
  });
  afterEach(() => {
    setLeadCredentials(null);
    vi.restoreAllMocks();
  });

  async function change(fetch: FetchLike) {
    const user = userEvent.setup();
    render(<LeadPinSection fetch={fetch} />);
    await user.type(await screen.findByLabelText('原班组长密码'), '482913');
    await user.type(screen.getByLabelText('班组长密码'), '735190');
    await user.type(screen.getByLabelText('再次输入班组长密码'), '735190');
    await user.click(screen.getByRole('button', { name: '修改班组长密码' }));
    return (await screen.findByTestId('lead-pin-outcome', {}, { timeout: 5000 })).textContent;
  }

  it('has the server change it, with a lead session bought by the current PIN, and takes the server’s PIN', async () => {
    const { algorithm, iterations, saltB64, hashB64 } = await hashLeadPin('735190', Date.now(), 1000);
    const hash = { algorithm, iterations, saltB64, hashB64 };
    const changed = { checkpointId: 'cp-1', version: 2, setAt: '2026-11-28T08:00:00.000Z', setBy: 'lead', hash };
    const fetch = vi.fn<FetchLike>((url) => {
      if (url === `${SERVER}/api/v1/lead-sessions`) {
        const expiresAt = new Date(Date.now() + 15 * 60_000).toISOString();
        return Promise.resolve(Response.json({ token: 'lead-tok', expiresAt }, { status: 201 }));
      }
      if (url === `${SERVER}/api/v1/lead-pin`) return Promise.resolve(Response.json(changed));
      return Promise.resolve(new Response(null, { status: 404 }));
    });
    expect(await change(fetch)).toMatch(/^班组长密码已更改，本检查站的各台平板将在下次同步时使用新密码/u);
    const put = fetch.mock.calls.find(([, init]) => init?.method === 'PUT');
    expect(new Headers(put?.[1]?.headers).get('authorization')).toBe('Bearer lead-tok');
    expect(JSON.parse(put?.[1]?.body as string)).toEqual({ pin: '735190' });
    expect(await settings.get('leadPin')).toMatchObject({ hashB64: hash.hashB64, serverVersion: 2 });
    await expect(testPins().verify('735190', Date.now())).resolves.toEqual({ kind: 'accepted' });
    // The server ended every lead session with the change.
    expect(currentLeadCredentials()).toBeNull();
  });

  it('changes nothing without the server, and says it is needed', async () => {
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    const fetch = vi.fn<FetchLike>(() => Promise.reject(new TypeError('offline')));
    expect(await change(fetch)).toMatch(/更改班组长密码需要连接服务器/u);
    expect(fetch).not.toHaveBeenCalled();
    await expect(testPins().verify('482913', Date.now())).resolves.toEqual({ kind: 'accepted' });
  });
});
