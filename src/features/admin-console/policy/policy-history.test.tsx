// The history of published rules: each version with when it holds, when and by whom it was published, and the
// difference between any two chosen, in words.
import { fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { adminScopeOf } from '../../../contract/admin-console.ts';
import { DEFAULT_POLICY, type Policy } from '../../../domain/policy.ts';
import { setLanguage } from '../../../platform/i18n.ts';
import {
  LOUDI_ADMIN,
  signInAs,
  signOutAfterTest,
} from '../../../../tests/support/features/admin-console/console-harness.tsx';
import {
  LOADS,
  policyServer,
  type ListedVersion,
} from '../../../../tests/support/features/admin-console/policy-server.ts';
import { PolicyScreen } from './policy-screen.tsx';

const NOW_MS = Date.parse('2026-11-28T20:00:00+08:00');

const YUELU = { province: '湖南省', city: '长沙市', county: '岳麓区', level: 'medium' } as const;
const version = (policy: Partial<Policy> & { version: number }, publishedAt: string, by: string | null) =>
  ({ policy: { ...DEFAULT_POLICY, ...policy }, publishedAt, publishedBy: by }) satisfies ListedVersion;

const VERSIONS = [
  version(DEFAULT_POLICY, '2026-01-01T00:00:00.000Z', null),
  version(
    { version: 2, effectiveFrom: '2026-11-01T00:00:00+08:00', riskAreas: [YUELU] },
    '2026-10-31T09:00:00.000Z',
    'admin-token',
  ),
  version(
    {
      version: 3,
      effectiveFrom: '2026-11-27T12:00:00+08:00',
      testWindowHours: 24,
      riskAreas: [
        { ...YUELU, level: 'high' },
        { province: '北京市', city: '北京市', county: '朝阳区', level: 'high' },
      ],
      recommendations: {
        ...DEFAULT_POLICY.recommendations,
        truck: { ...DEFAULT_POLICY.recommendations.truck, fever: 'hold' },
      },
    },
    '2026-11-27T03:30:00.000Z',
    'county-command',
  ),
];

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW_MS);
  setLanguage('zh-CN');
  // Reading the history needs no more than a city's account.
  signInAs(LOUDI_ADMIN);
});

afterEach(() => {
  signOutAfterTest();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('PolicyHistory', () => {
  it('lists every version, newest first, on the command’s clock, with who published it', async () => {
    policyServer({ versions: VERSIONS, nowMs: NOW_MS });
    render(<PolicyScreen scope={adminScopeOf(LOUDI_ADMIN.scope)} />);
    const rows = await screen.findAllByTestId('policy-version', {}, LOADS);
    expect(rows.map((row) => [...row.children].map((cell) => cell.textContent))).toEqual([
      ['第 3 版 现行', '2026-11-27 12:00', '2026-11-27 11:30', 'county-command'],
      ['第 2 版', '2026-11-01 00:00', '2026-10-31 17:00', '管理令牌（脚本）'],
      ['第 1 版', '2026-01-01 00:00', '2026-01-01 08:00', '内置规则'],
    ]);
  });

  it('names the changed test window and risk areas between two versions chosen, each version read once', async () => {
    const server = policyServer({ versions: VERSIONS, nowMs: NOW_MS });
    render(<PolicyScreen scope={adminScopeOf(LOUDI_ADMIN.scope)} />);
    const history = await screen.findByTestId('policy-history', {}, LOADS);
    const compare = () => {
      fireEvent.click(within(history).getByRole('button', { name: '比较' }));
    };

    // The two newest to begin with.
    compare();
    const diff = await within(history).findByTestId('policy-diff', {}, LOADS);
    expect(within(diff).getByRole('heading').textContent).toBe('第 2 版 → 第 3 版');
    expect(
      within(diff)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      '生效时间：2026-11-01 00:00 → 2026-11-27 12:00',
      '核酸有效时间：48 小时 → 24 小时',
      '新增风险地区：北京市 朝阳区 · 高风险',
      '风险等级变化：湖南省 长沙市 岳麓区，中风险 → 高风险',
      '货车 · 体温异常：建议由“发热门诊”改为“留置观察”',
    ]);

    // Any two: the first and the third.
    fireEvent.change(within(history).getByLabelText('旧版本'), { target: { value: '1' } });
    expect(within(history).queryByTestId('policy-diff')).toBeNull();
    compare();
    const wider = await within(history).findByTestId('policy-diff', {}, LOADS);
    expect(within(wider).getByRole('heading').textContent).toBe('第 1 版 → 第 3 版');
    expect(
      within(wider)
        .getAllByTestId('diff-area')
        .map((li) => li.textContent),
    ).toEqual(['新增风险地区：湖南省 长沙市 岳麓区 · 高风险', '新增风险地区：北京市 朝阳区 · 高风险']);
    expect(
      within(wider)
        .getAllByTestId('diff-scalar')
        .map((li) => li.textContent),
    ).toContain('核酸有效时间：48 小时 → 24 小时');

    // The same version twice is no comparison.
    fireEvent.change(within(history).getByLabelText('新版本'), { target: { value: '1' } });
    compare();
    expect(within(history).getByText('请选两个不同的版本。')).toBeTruthy();

    const reads = server.seen.filter((request) => /^\/api\/v1\/policy\/\d+$/u.test(request.path)).map((r) => r.path);
    expect(reads.sort()).toEqual(['/api/v1/policy/1', '/api/v1/policy/2', '/api/v1/policy/3']);
  });

  it('says when two versions screen alike', async () => {
    const same = [
      VERSIONS[0]!,
      version({ ...DEFAULT_POLICY, version: 2 }, '2026-11-02T00:00:00.000Z', 'county-command'),
    ];
    policyServer({ versions: same, nowMs: NOW_MS });
    render(<PolicyScreen scope={adminScopeOf(LOUDI_ADMIN.scope)} />);
    const history = await screen.findByTestId('policy-history', {}, LOADS);
    fireEvent.click(within(history).getByRole('button', { name: '比较' }));
    expect((await within(history).findByTestId('diff-unchanged', {}, LOADS)).textContent).toBe(
      '两版的规则相同，只有版本号不同。',
    );
  });
});
