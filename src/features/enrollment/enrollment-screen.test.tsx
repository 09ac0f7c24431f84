// Enrolling a tablet as an officer would, against a fake server: what the form refuses, every failure in words,
// what a successful enrollment stores, scanning the code, and re-enrolling without touching local checks.
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { checks, db, settings } from '../../db/db-instance.ts';
import { createLeadPinRepository } from '../../db/lead-pin-repository.ts';
import type { SettingsMap } from '../../db/settings-repository.ts';
import { UNENROLLED_CHECKPOINT_ID } from '../../db/settings-repository.ts';
import { makeVehicleCheck } from '../../../tests/support/db/fixtures.ts';
import { DEFAULT_POLICY } from '../../domain/policy.ts';
import { clearDiagnostics, diagnostics } from '../../platform/diagnostics.ts';
import { setLanguage } from '../../platform/i18n.ts';
import { createFakeScanner } from '../../platform/scanner/fake-scanner.ts';
import type { FakeScanner } from '../../platform/scanner/fake-scanner.ts';
import { enrollTablet } from '../../sync/enroll-tablet.ts';
import type { FetchLike } from '../../sync/transport.ts';
import { EnrollmentScreen } from './enrollment-screen.tsx';

const SERVER = 'https://kakou.example.cn';
const CODE = 'K7QX-4MZP-8RTW-2NCV-H5JD';
const NOW_MS = Date.parse('2026-11-28T08:00:00+08:00');
const CHECKPOINT = {
  id: 'cp-hn-lou-01',
  name: '娄底东收费站',
  province: '湖南',
  city: '娄底',
  timezone: 'Asia/Shanghai',
};

interface Call {
  url: string;
  init: RequestInit | undefined;
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

function problem(status: number, detail: string, headers: Record<string, string> = {}): Response {
  return json(status, { type: 'about:blank', title: 'Error', status, detail }, headers);
}

/** A server that answers enrollment with `enrollAnswer` and the policy with the default one; it records every call. */
function fakeServer(enrollAnswer: () => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fetch: FetchLike = (url, init) => {
    calls.push({ url, init });
    if (url.endsWith('/api/v1/devices')) return Promise.resolve(enrollAnswer());
    if (url.endsWith('/api/v1/policy')) return Promise.resolve(json(200, { ...DEFAULT_POLICY, version: 3 }));
    return Promise.resolve(problem(404, 'no such route'));
  };
  return { calls, fetch };
}

const enrolledAnswer = () => json(201, { deviceId: 'dev-42', token: 'tok-secret', checkpoint: CHECKPOINT });

function renderScreen(fetch: FetchLike, options: { scanner?: FakeScanner; pageUrl?: string } = {}) {
  const user = userEvent.setup();
  render(
    <EnrollmentScreen
      enroll={(request) =>
        enrollTablet(request, {
          checks,
          settings,
          fetch,
          now: () => NOW_MS,
          leadPins: createLeadPinRepository(settings, { iterations: 1000 }),
        })
      }
      pageUrl={options.pageUrl ?? `${SERVER}/enroll`}
      {...(options.scanner ? { scannerFactory: () => Promise.resolve(options.scanner as FakeScanner) } : {})}
    />,
  );
  return user;
}

async function fields() {
  return {
    server: await screen.findByLabelText<HTMLInputElement>('服务器地址'),
    code: screen.getByLabelText<HTMLInputElement>('登记码'),
    name: screen.getByLabelText<HTMLInputElement>('本机名称'),
  };
}

const LEAD_PIN = '482913';

async function fillAndSubmit(
  user: ReturnType<typeof userEvent.setup>,
  values: { code?: string; name?: string; pin?: string; pinAgain?: string } = {},
) {
  const { code, name } = await fields();
  await user.type(code, values.code ?? CODE);
  await user.type(name, values.name ?? '3号平板');
  await user.type(screen.getByLabelText('班组长密码'), values.pin ?? LEAD_PIN);
  await user.type(screen.getByLabelText('再次输入班组长密码'), values.pinAgain ?? values.pin ?? LEAD_PIN);
  await user.click(screen.getByRole('button', { name: '登记' }));
}

const unenrolledDevice: SettingsMap['device'] = {
  checkpointId: UNENROLLED_CHECKPOINT_ID,
  checkpointName: '',
  province: '',
  city: '',
  timeZone: 'Asia/Shanghai',
  deviceId: 'local-7f3a',
  deviceName: '',
};

beforeEach(async () => {
  setLanguage('zh-CN');
  await Promise.all(db.tables.map((table) => table.clear()));
  await settings.set('device', unenrolledDevice);
});

describe('EnrollmentScreen: the form', () => {
  it('starts from the page’s own server and says the tablet is not enrolled', async () => {
    renderScreen(fakeServer(enrolledAnswer).fetch, { pageUrl: 'http://127.0.0.1:8080/enroll' });
    const { server } = await fields();
    expect(server.value).toBe('http://127.0.0.1:8080');
    expect(screen.getByTestId('current-enrollment').textContent).toContain('尚未登记服务器');
  });

  it('says what is missing, focuses the first field to fix, and sends nothing', async () => {
    const { calls, fetch } = fakeServer(enrolledAnswer);
    const user = renderScreen(fetch);
    const { server, code, name } = await fields();
    await user.clear(server);
    await user.click(screen.getByRole('button', { name: '登记' }));

    expect(screen.getByText('请填写服务器地址。')).toBeTruthy();
    expect(screen.getByText('请填写登记码。')).toBeTruthy();
    expect(screen.getByText('请填写本机名称。')).toBeTruthy();
    expect(screen.getByText('请填写班组长密码。')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe('请先改正标红的内容。');
    expect(server.getAttribute('aria-invalid')).toBe('true');
    expect(code.getAttribute('aria-invalid')).toBe('true');
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(server);
    expect(calls).toHaveLength(0);
  });

  it('refuses an address that is not one, a short code, a long name; an http server from an https page', async () => {
    const { calls, fetch } = fakeServer(enrolledAnswer);
    const user = renderScreen(fetch);
    const { server, code, name } = await fields();
    await user.clear(server);
    await user.type(server, 'ftp://kakou.example.cn');
    await fillAndSubmit(user, { code: 'K7QX-4MZP', name: '平'.repeat(41) });

    expect(screen.getByText(/这不是有效的服务器地址/u)).toBeTruthy();
    expect(screen.getByText(/登记码太短/u)).toBeTruthy();
    expect(screen.getByText('本机名称最多 40 个字。')).toBeTruthy();

    // Corrected as typed, field by field.
    await user.clear(server);
    await user.type(server, 'http://192.168.1.20:8080');
    expect(screen.getByText(/浏览器不允许连接 http:\/\/ 的服务器/u)).toBeTruthy();
    await user.clear(code);
    await user.type(code, CODE);
    await user.clear(name);
    await user.type(name, '3号平板');
    expect(screen.queryByText(/登记码太短/u)).toBeNull();
    expect(screen.queryByText('本机名称最多 40 个字。')).toBeNull();
    expect(calls).toHaveLength(0);
  });
});

describe('EnrollmentScreen: the lead PIN', () => {
  it.each([
    ['123456', '123456', '不能是连续的数字（如 123456、654321），请换一个不易被猜到的密码。'],
    ['888888', '888888', '不能全是同一个数字，请换一个不易被猜到的密码。'],
    ['48291', '48291', '班组长密码至少 6 位。'],
    ['48a913', '48a913', '班组长密码只能是数字。'],
    ['482913', '482931', '两次输入的密码不一致。'],
  ])('refuses %s / %s and says why, sending nothing', async (pin, pinAgain, message) => {
    const { calls, fetch } = fakeServer(enrolledAnswer);
    const user = renderScreen(fetch);
    await fillAndSubmit(user, { pin, pinAgain });
    expect(screen.getByText(message)).toBeTruthy();
    expect(calls).toHaveLength(0);
    expect(await settings.get('leadPin')).toBeUndefined();
  });

  it('in English too', async () => {
    setLanguage('en');
    const user = userEvent.setup();
    render(<EnrollmentScreen enroll={() => Promise.reject(new Error('not called'))} pageUrl={`${SERVER}/enroll`} />);
    await user.type(await screen.findByLabelText('Lead PIN'), '654321');
    await user.click(screen.getByRole('button', { name: 'Enroll' }));
    expect(
      screen.getByText('Not a run of digits (like 123456 or 654321): choose a PIN that is hard to guess.'),
    ).toBeTruthy();
  });

  it('keeps the PIN on the tablet, hashed: never in the request, never in plain in the settings', async () => {
    const { calls, fetch } = fakeServer(enrolledAnswer);
    const user = renderScreen(fetch);
    await fillAndSubmit(user);
    await screen.findByTestId('enrollment-done');
    expect(JSON.stringify(calls)).not.toContain(LEAD_PIN);
    const stored = await settings.get('leadPin');
    expect(stored).toMatchObject({ algorithm: 'PBKDF2-SHA-256', setAt: NOW_MS });
    expect(JSON.stringify(await db.settings.toArray())).not.toContain(LEAD_PIN);
    await expect(createLeadPinRepository(settings).verify(LEAD_PIN, NOW_MS)).resolves.toEqual({ kind: 'accepted' });
  });
});

describe('EnrollmentScreen: enrolling', () => {
  it('enrolls: stores the server’s ids, token and checkpoint, adopts checks saved before, caches the policy', async () => {
    const before = makeVehicleCheck({ checkpointId: UNENROLLED_CHECKPOINT_ID, deviceId: unenrolledDevice.deviceId });
    await checks.saveCompleted(before, { timeZone: 'Asia/Shanghai', now: NOW_MS });
    const { calls, fetch } = fakeServer(enrolledAnswer);
    const user = renderScreen(fetch);
    await fillAndSubmit(user, { code: 'k7qx 4mzp 8rtw 2ncv h5jd', name: ' 3号平板 ' });

    const done = await screen.findByTestId('enrollment-done');
    expect(within(done).getByText('登记成功')).toBeTruthy();
    expect(within(done).getByText('卡口：娄底东收费站')).toBeTruthy();
    expect(within(done).getByText('地区：湖南 娄底')).toBeTruthy();
    expect(within(done).getByText('时区：Asia/Shanghai')).toBeTruthy();
    expect(within(done).getByText('登记前保存的 1 条记录将一并上传。')).toBeTruthy();
    expect(await within(done).findByText('已取得最新的筛查规则（第 3 版）。')).toBeTruthy();

    const request = calls[0]!;
    expect(request.url).toBe(`${SERVER}/api/v1/devices`);
    expect(JSON.parse(request.init?.body as string)).toEqual({
      enrollmentCode: 'K7QX4MZP8RTW2NCVH5JD',
      name: '3号平板',
    });
    expect(await settings.get('device')).toEqual({
      checkpointId: 'cp-hn-lou-01',
      checkpointName: '娄底东收费站',
      province: '湖南',
      city: '娄底',
      timeZone: 'Asia/Shanghai',
      deviceId: 'dev-42',
      deviceName: '3号平板',
      serverUrl: SERVER,
      token: 'tok-secret',
      enrolledAt: NOW_MS,
    });
    expect((await settings.get('policy'))?.version).toBe(3);
    const adopted = await checks.get(before.id);
    expect(adopted?.check).toMatchObject({ checkpointId: 'cp-hn-lou-01', deviceId: 'dev-42' });
    expect(adopted?.syncState).toBe('pending');
  });

  it('says a wrong code is wrong, with the server’s words, and stores nothing', async () => {
    const user = renderScreen(fakeServer(() => problem(403, 'The enrollment code is not valid.')).fetch);
    await fillAndSubmit(user);

    const error = await screen.findByTestId('enrollment-error');
    expect(error.textContent).toContain('登记码无效。请向管理员核对');
    expect(error.textContent).toContain('服务器说明：The enrollment code is not valid.');
    expect(await settings.get('device')).toEqual(unenrolledDevice);
    // The officer can correct the code and try again at once.
    expect(screen.getByRole('button', { name: '登记' }).hasAttribute('disabled')).toBe(false);
  });

  it('says how long to wait after too many wrong codes', async () => {
    const user = renderScreen(
      fakeServer(() => problem(429, 'Too many wrong enrollment codes', { 'retry-after': '600' })).fetch,
    );
    await fillAndSubmit(user);
    expect((await screen.findByTestId('enrollment-error')).textContent).toContain(
      '登记码错误次数过多，请 10 分钟后再试。',
    );
  });

  it('names the server it could not reach', async () => {
    const fetch: FetchLike = () => Promise.reject(new TypeError('Failed to fetch'));
    const user = renderScreen(fetch);
    await fillAndSubmit(user);
    expect((await screen.findByTestId('enrollment-error')).textContent).toContain(
      `无法连接服务器 ${SERVER}。请检查地址是否正确、网络是否通畅、服务器是否已开启。`,
    );
    expect(await settings.get('device')).toEqual(unenrolledDevice);
  });

  it('says the tablet is offline without trying', async () => {
    const { calls, fetch } = fakeServer(enrolledAnswer);
    const onLine = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    try {
      const user = renderScreen(fetch);
      await fillAndSubmit(user);
      expect((await screen.findByTestId('enrollment-error')).textContent).toBe(
        '本机当前没有网络。请连上网络后再登记。',
      );
      expect(calls).toHaveLength(0);
    } finally {
      onLine.mockRestore();
    }
  });

  it('puts an unexpected failure in words, the raw error only in diagnostics', async () => {
    clearDiagnostics();
    const user = userEvent.setup();
    // A bug in the tablet's own code, as it would surface: a TypeError from deep inside enrollment.
    const bug = new TypeError("Cannot read properties of undefined (reading 'checkpoint')");
    render(<EnrollmentScreen enroll={() => Promise.reject(bug)} pageUrl={`${SERVER}/enroll`} />);
    await fillAndSubmit(user);
    const error = await screen.findByTestId('enrollment-error');
    expect(error.textContent).toBe(
      '登记未完成：本机出现了意外错误。请再试一次；如仍失败，请联系管理员（详情记录在 设置 → 诊断）。',
    );
    expect(document.body.textContent).not.toContain('Cannot read properties');
    expect(diagnostics()[0]).toMatchObject({
      place: 'enrollment',
      text: "TypeError: Cannot read properties of undefined (reading 'checkpoint')",
    });
    expect(await settings.get('device')).toEqual(unenrolledDevice);
  });

  it('says the server failed on a 5xx', async () => {
    const user = renderScreen(fakeServer(() => problem(503, 'The server could not complete the request.')).fetch);
    await fillAndSubmit(user);
    expect((await screen.findByTestId('enrollment-error')).textContent).toContain('服务器出错，暂时无法登记。');
  });
});

describe('EnrollmentScreen: scanning the code', () => {
  it('fills code and server from the server’s QR (JSON), and refuses a QR that is not a code', async () => {
    const scanner = createFakeScanner();
    const user = renderScreen(fakeServer(enrolledAnswer).fetch, { scanner });
    const { server, code } = await fields();
    await user.click(screen.getByRole('button', { name: '扫描登记二维码' }));
    await waitFor(() => {
      expect(scanner.running).toBe(true);
    });

    scanner.emit('https://jkm.hunan.gov.cn/c/4f1c9a7e2b3d');
    expect(await screen.findByText(/这个二维码不是登记码/u)).toBeTruthy();
    expect(code.value).toBe('');

    await user.click(screen.getByRole('button', { name: '再扫一次' }));
    await waitFor(() => {
      expect(scanner.running).toBe(true);
    });
    scanner.emit(JSON.stringify({ server: 'http://127.0.0.1:8080', code: CODE.toLowerCase() }));
    expect(await screen.findByText('已读取登记码和服务器地址。')).toBeTruthy();
    expect(code.value).toBe(CODE);
    expect(server.value).toBe('http://127.0.0.1:8080');
    // The scanner closed and let the camera go.
    expect(screen.queryByTestId('scanner-view')).toBeNull();
    expect(scanner.running).toBe(false);
  });
});

describe('EnrollmentScreen: enrolling again', () => {
  const enrolledDevice: SettingsMap['device'] = {
    checkpointId: 'cp-old',
    checkpointName: '旧卡口',
    province: '湖南',
    city: '长沙',
    timeZone: 'Asia/Shanghai',
    deviceId: 'dev-old',
    deviceName: '3号平板',
    serverUrl: 'https://old.example.cn',
    token: 'tok-old',
    enrolledAt: NOW_MS - 86_400_000,
  };

  it('asks first; cancelling changes nothing, confirming enrolls and keeps every local check and the lead PIN', async () => {
    await settings.set('device', enrolledDevice);
    await createLeadPinRepository(settings, { iterations: 1000 }).setFirst('735190', NOW_MS - 86_400_000);
    const pinBefore = await settings.get('leadPin');
    const synced = makeVehicleCheck({ checkpointId: 'cp-old', deviceId: 'dev-old' });
    await checks.saveCompleted(synced, { timeZone: 'Asia/Shanghai', now: NOW_MS });
    await checks.markSynced([{ id: synced.id, rev: synced.rev }], NOW_MS);
    const { calls, fetch } = fakeServer(enrolledAnswer);
    const user = renderScreen(fetch);

    const { server, code } = await fields();
    expect(screen.queryByLabelText('班组长密码')).toBeNull();
    expect(screen.getByTestId('lead-pin-kept').textContent).toContain('重新登记不会改变它');
    expect(server.value).toBe('https://old.example.cn');
    expect(screen.getByTestId('current-enrollment').textContent).toContain('旧卡口');
    await user.clear(server);
    await user.type(server, SERVER);
    await user.type(code, CODE);
    await user.click(screen.getByRole('button', { name: '登记' }));

    const dialog = screen.getByRole('alertdialog', { name: '重新登记本机？' });
    expect(dialog.textContent).toContain('本机已登记到“旧卡口”');
    await user.click(within(dialog).getByRole('button', { name: '取消' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(calls).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: '登记' }));
    await user.click(screen.getByRole('button', { name: '确认重新登记' }));
    await screen.findByTestId('enrollment-done');
    expect(await settings.get('device')).toMatchObject({
      checkpointId: 'cp-hn-lou-01',
      deviceId: 'dev-42',
      token: 'tok-secret',
    });
    const kept = await checks.get(synced.id);
    expect(kept?.syncState).toBe('synced');
    expect(kept?.check).toEqual(synced);
    expect(await settings.get('leadPin')).toEqual(pinBefore);
  });
});
