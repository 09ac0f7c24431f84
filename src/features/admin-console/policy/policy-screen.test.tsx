// 筛查规则 as a county's command uses it: the rules in force, a form that refuses what the server would with words that
// say the bounds, publishing (the draft sent as the server takes it, the new version shown), a city's command reading
// the rules without publishing, and the whole screen in English.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { adminScopeOf } from '../../../contract/admin-console.ts';
import { DEFAULT_POLICY, type Policy } from '../../../domain/policy.ts';
import { setLanguage } from '../../../platform/i18n.ts';
import {
  LOUDI_ADMIN,
  problemAnswer,
  signInAs,
  signOutAfterTest,
} from '../../../../tests/support/features/admin-console/console-harness.tsx';
import {
  COUNTY_ADMIN,
  LOADS,
  policyServer,
  type ListedVersion,
  type PolicyServerOptions,
} from '../../../../tests/support/features/admin-console/policy-server.ts';
import { ConsoleApp } from '../console-app.tsx';
import { PolicyScreen } from './policy-screen.tsx';

/** The evening of 28 November on the command's clock. */
const NOW_MS = Date.parse('2026-11-28T20:00:00+08:00');
const ALL = adminScopeOf(COUNTY_ADMIN.scope);
const CITY = adminScopeOf(LOUDI_ADMIN.scope);

const V1: ListedVersion = { policy: DEFAULT_POLICY, publishedAt: '2026-01-01T00:00:00.000Z', publishedBy: null };
const V2: ListedVersion = {
  policy: {
    ...DEFAULT_POLICY,
    version: 2,
    effectiveFrom: '2026-11-20T00:00:00+08:00',
    riskAreas: [{ province: '湖北省', city: '仙桃市', county: '仙桃市', level: 'medium' }],
  },
  publishedAt: '2026-11-19T10:00:00.000Z',
  publishedBy: 'county-command',
};

function serve(options?: Partial<PolicyServerOptions>) {
  return policyServer({ versions: [V1, V2], nowMs: NOW_MS, ...options });
}

const field = (testId: string) => screen.getByTestId<HTMLInputElement>(testId);
const type = (testId: string, value: string) => {
  fireEvent.change(field(testId), { target: { value } });
};
const publishButton = () => screen.getByRole('button', { name: '发布新版本' });

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW_MS);
  setLanguage('zh-CN');
  signInAs(COUNTY_ADMIN);
});

afterEach(() => {
  signOutAfterTest();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('PolicyScreen', () => {
  it('shows the rules in force and fills the form from them, to take effect now on the command’s clock', async () => {
    serve();
    render(<PolicyScreen scope={ALL} />);

    const inEffect = await screen.findByTestId('policy-in-effect', {}, LOADS);
    expect(inEffect.textContent).toBe('现行规则：第 2 版，自 2026-11-20 00:00 起执行（county-command）。');
    expect(field('policy-fever').value).toBe('37.3');
    expect(field('policy-test-window').value).toBe('48');
    expect(field('policy-retention').value).toBe('28');
    expect(field('policy-effective').value).toBe('2026-11-28T20:00');
    // Each field says its unit and bounds, from the contract.
    const form = screen.getByTestId('policy-form');
    expect(form.textContent).toContain('35.0–42.0 °C，精确到 0.1 °C');
    expect(form.textContent).toContain('1–336 小时，整数');
    expect(form.textContent).toContain('1–366 天，整数');
    expect(form.textContent).toContain('按指挥部时钟（Asia/Shanghai）');
    expect(screen.getAllByTestId('risk-area').map((li) => li.textContent)).toEqual(['湖北省 仙桃市 · 中风险移除']);
    // The recommendations and allowed dispositions per vehicle type, with the vocabulary's names.
    const truckRed = screen.getByLabelText<HTMLSelectElement>('货车 · 红码');
    expect(truckRed.value).toBe('hold');
    expect(screen.getByLabelText<HTMLInputElement>('货车 · 劝返').checked).toBe(false);
    expect(screen.getByLabelText<HTMLInputElement>('小客车 · 放行').disabled).toBe(true);
  });

  it('refuses figures outside the contract’s bounds, each with words that say them, and sends nothing', async () => {
    const server = serve();
    render(<PolicyScreen scope={ALL} />);
    await screen.findByTestId('policy-form', {}, LOADS);

    type('policy-fever', '42.5');
    type('policy-test-window', '400');
    type('policy-retention', '0');
    type('policy-effective', '');
    fireEvent.click(publishButton());

    expect(screen.getByTestId('policy-fever-problem').textContent).toBe('发热标准须在 35.0–42.0 °C 之间。');
    expect(screen.getByTestId('policy-test-window-problem').textContent).toBe('核酸有效时间须在 1–336 小时之间。');
    expect(screen.getByTestId('policy-retention-problem').textContent).toBe('保留天数须在 1–366 天之间。');
    expect(screen.getByTestId('policy-effective-problem').textContent).toBe('请填写生效的日期和时刻。');
    expect(screen.getByTestId('policy-problems').textContent).toBe('有 4 处需要改正，见下方标红的说明。');
    expect(field('policy-fever').getAttribute('aria-invalid')).toBe('true');

    // Within the bounds but not what a rule can be: a second decimal, a part of an hour, a word.
    type('policy-fever', '37.25');
    type('policy-test-window', '12.5');
    type('policy-retention', '四周');
    type('policy-effective', '2026-11-29T08:00');
    expect(screen.getByTestId('policy-fever-problem').textContent).toBe(
      '发热标准精确到 0.1 °C 即可：体温读数只有一位小数。',
    );
    expect(screen.getByTestId('policy-test-window-problem').textContent).toBe('请填写整数。');
    expect(screen.getByTestId('policy-retention-problem').textContent).toBe('请填写数字。');
    expect(screen.queryByTestId('policy-effective-problem')).toBeNull();

    // A recommendation the vehicle type no longer allows is named where it is.
    type('policy-fever', '37.5');
    type('policy-test-window', '24');
    type('policy-retention', '30');
    fireEvent.click(screen.getByLabelText('小客车 · 劝返'));
    fireEvent.click(publishButton());
    expect(screen.getByTestId('policy-rule-problems').textContent).toContain(
      '小客车 · 黄码：建议的“劝返”不在小客车可选的处置中。',
    );
    expect(screen.getByLabelText('小客车 · 黄码').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByTestId('policy-problems').textContent).toBe('有 2 处需要改正，见下方标红的说明。');
    expect(screen.queryByTestId('policy-confirm')).toBeNull();

    expect(server.seen.filter((request) => request.method === 'PUT')).toEqual([]);
  });

  it('publishes the draft after showing what changes, then shows the version the server gave it', async () => {
    const server = serve();
    render(<PolicyScreen scope={ALL} />);
    await screen.findByTestId('policy-form', {}, LOADS);

    type('policy-test-window', '24');
    type('policy-effective', '2026-11-29T08:00');
    // A risk area chosen from the divisions: 湖南省 → 长沙市 → 岳麓区, 中风险.
    const picker = await screen.findByTestId('risk-area-picker', {}, LOADS);
    fireEvent.change(within(picker).getByLabelText('省份'), { target: { value: '43' } });
    fireEvent.change(within(picker).getByLabelText('地市'), { target: { value: '4301' } });
    fireEvent.change(within(picker).getByLabelText('区县'), { target: { value: '430104' } });
    fireEvent.click(within(picker).getByRole('button', { name: '中风险' }));
    fireEvent.click(within(picker).getByRole('button', { name: '添加' }));
    expect(screen.getByTestId('pick-outcome').textContent).toBe('已添加：湖南省 长沙市 岳麓区 · 中风险');
    // And one taken off.
    fireEvent.click(screen.getByRole('button', { name: '移除 湖北省 仙桃市' }));

    fireEvent.click(publishButton());
    const confirm = screen.getByTestId('policy-confirm');
    expect(confirm.textContent).toContain('发布后自 2026-11-29 08:00 起执行');
    expect(
      within(confirm)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      '生效时间：2026-11-20 00:00 → 2026-11-29 08:00',
      '核酸有效时间：48 小时 → 24 小时',
      '新增风险地区：湖南省 长沙市 岳麓区 · 中风险',
      '撤销风险地区：湖北省 仙桃市 · 中风险',
    ]);
    fireEvent.click(within(confirm).getByRole('button', { name: '确定发布' }));

    const published = await screen.findByTestId('policy-published', {}, LOADS);
    expect(published.textContent).toBe('已发布第 3 版，自 2026-11-29 08:00 起执行。平板在下次同步时取得。');
    const put = server.seen.find((request) => request.method === 'PUT');
    expect(put?.path).toBe('/api/v1/policy');
    expect(put?.authorization).toBe(`Bearer ${COUNTY_ADMIN.token}`);
    const expected: Omit<Policy, 'version'> = {
      effectiveFrom: '2026-11-29T08:00:00+08:00',
      feverThresholdC: 37.3,
      testWindowHours: 24,
      riskAreas: [{ province: '湖南省', city: '长沙市', county: '岳麓区', level: 'medium' }],
      recommendations: DEFAULT_POLICY.recommendations,
      allowedDispositions: DEFAULT_POLICY.allowedDispositions,
      retentionDays: 28,
    };
    expect(put?.body).toEqual(expected);

    // The history has it, not yet in force; the form now starts from it.
    await waitFor(() => {
      expect(screen.getAllByTestId('policy-version').map((row) => row.dataset['version'])).toEqual(['3', '2', '1']);
    });
    expect(screen.getAllByTestId('policy-version')[0]?.textContent).toContain('待生效');
    expect(screen.getByTestId('policy-scheduled').textContent).toBe('第 3 版已发布，将于 2026-11-29 08:00 起执行。');
    expect(field('policy-test-window').value).toBe('24');
  });

  it('says a refused publication in words: only an admin of every checkpoint publishes', async () => {
    serve({
      override: (request) =>
        request.method === 'PUT' ? problemAnswer(403, 'Only an admin of every checkpoint may do this.') : undefined,
    });
    render(<PolicyScreen scope={ALL} />);
    await screen.findByTestId('policy-form', {}, LOADS);
    fireEvent.click(publishButton());
    fireEvent.click(within(screen.getByTestId('policy-confirm')).getByRole('button', { name: '确定发布' }));
    expect((await screen.findByTestId('policy-publish-problem', {}, LOADS)).textContent).toBe(
      '只有管辖全部检查站的管理员才能发布筛查规则，本账号不能发布。',
    );
    expect(screen.queryByTestId('policy-published')).toBeNull();
  });

  it('shows a city’s command the rules read-only, with why, and no way to publish', async () => {
    signInAs(LOUDI_ADMIN);
    const server = serve();
    render(<PolicyScreen scope={CITY} />);

    const form = await screen.findByTestId('policy-form', {}, LOADS);
    expect(screen.getByTestId('policy-read-only').textContent).toBe(
      '筛查规则由全服务器共用，只有管辖全部检查站的管理员才能发布。本账号只能查看现行规则和历史版本。',
    );
    expect(form.dataset['readOnly']).toBe('true');
    // Inside a disabled fieldset: the control is disabled without an attribute of its own.
    expect(field('policy-fever').matches(':disabled')).toBe(true);
    expect(field('policy-fever').value).toBe('37.3');
    expect(screen.queryByRole('button', { name: '发布新版本' })).toBeNull();
    expect(screen.queryByTestId('risk-area-picker')).toBeNull();
    expect(screen.queryByTestId('risk-area-paste')).toBeNull();
    expect(screen.queryAllByRole('button', { name: /移除/u })).toEqual([]);
    expect(screen.queryByRole('combobox', { name: '货车 · 红码' })).toBeNull();
    // The rules themselves are there in words.
    expect(screen.getByTestId('policy-recommendations').textContent).toContain('留置观察');
    expect(screen.getAllByTestId('risk-area').map((li) => li.textContent)).toEqual(['湖北省 仙桃市 · 中风险']);
    expect(server.seen.some((request) => request.path.endsWith('counties.json'))).toBe(false);
  });

  it('renders completely in English: every word but the places’ names', async () => {
    setLanguage('en');
    serve();
    const { container } = render(<PolicyScreen scope={ALL} />);
    await screen.findByTestId('policy-form', {}, LOADS);
    await screen.findByTestId('risk-area-picker', {}, LOADS);

    type('policy-fever', '45');
    fireEvent.click(screen.getByRole('button', { name: 'Publish a new version' }));
    expect(screen.getByTestId('policy-fever-problem').textContent).toBe(
      'The fever threshold must be from 35.0 to 42.0 °C.',
    );
    expect(screen.getByTestId('policy-problems').textContent).toBe('One thing to correct: see the words in red below.');
    type('policy-fever', '37.3');

    // A paste, matched in English words.
    fireEvent.change(screen.getByLabelText('Risk areas, one a line'), { target: { value: '北京 朝阳区 高风险\n' } });
    fireEvent.click(screen.getByRole('button', { name: 'Check and add' }));
    expect((await screen.findByTestId('paste-line', {}, LOADS)).textContent).toBe(
      'Line 1 北京 朝阳区 高风险 Added: 北京市 朝阳区 · High risk',
    );

    fireEvent.click(screen.getByRole('button', { name: 'Publish a new version' }));
    expect(screen.getByTestId('policy-confirm').textContent).toContain('Risk area added: 北京市 朝阳区 · High risk');

    // The history and a comparison.
    const history = screen.getByTestId('policy-history');
    fireEvent.click(within(history).getByRole('button', { name: 'Compare' }));
    await within(history).findByTestId('diff-area', {}, LOADS);

    const page = container.cloneNode(true) as HTMLElement;
    for (const chinese of page.querySelectorAll('[lang="zh-CN"]')) chinese.remove();
    expect(page.textContent).not.toMatch(/\p{Script=Han}/u);
    expect(page.textContent).toContain('In force: version 2, from 2026-11-20 00:00 (county-command).');
    expect(page.textContent).toContain('Whole hours, from 1 to 336');
    expect(page.textContent).toContain('Version 1 → version 2');
    expect(page.textContent).toContain('Fever clinic');
  });

  it('is the console’s 筛查规则 section at /admin/policy', async () => {
    serve();
    window.history.pushState(null, '', '/admin/policy');
    render(<ConsoleApp />);
    expect(await screen.findByTestId('policy-screen', {}, LOADS)).toBeTruthy();
    expect(screen.getByRole('link', { name: '筛查规则' }).getAttribute('aria-current')).toBe('page');
    window.history.pushState(null, '', '/');
  });
});
