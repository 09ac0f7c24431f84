// Risk areas in the policy form: a pasted list read line by line by the server (each line added, or refused with its
// reason in the admin's language), and areas chosen from the divisions written as the server writes a pasted one.
import { fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { adminScopeOf } from '../../../contract/admin-console.ts';
import { DEFAULT_POLICY } from '../../../domain/policy.ts';
import { setLanguage } from '../../../platform/i18n.ts';
import {
  problemAnswer,
  signInAs,
  signOutAfterTest,
} from '../../../../tests/support/features/admin-console/console-harness.tsx';
import {
  COUNTY_ADMIN,
  LOADS,
  POLICY_COUNTY_INDEX,
  policyServer,
  type PolicyServerOptions,
} from '../../../../tests/support/features/admin-console/policy-server.ts';
import { PolicyScreen } from './policy-screen.tsx';
import { riskAreaChoices } from './risk-area-choices.ts';

const NOW_MS = Date.parse('2026-11-28T20:00:00+08:00');
const ALL = adminScopeOf(COUNTY_ADMIN.scope);

const IN_FORCE = {
  policy: {
    ...DEFAULT_POLICY,
    version: 2,
    effectiveFrom: '2026-11-20T00:00:00+08:00',
    riskAreas: [{ province: '湖北省', city: '仙桃市', county: '仙桃市', level: 'medium' as const }],
  },
  publishedAt: '2026-11-19T10:00:00.000Z',
  publishedBy: 'county-command',
};

function serve(options?: Partial<PolicyServerOptions>) {
  return policyServer({
    versions: [{ policy: DEFAULT_POLICY, publishedAt: '2026-01-01T00:00:00.000Z', publishedBy: null }, IN_FORCE],
    nowMs: NOW_MS,
    ...options,
  });
}

/** Pastes `text` and checks it; `toggleReplace` ticks (or unticks) "replace the list" first. */
async function paste(text: string, { toggleReplace = false } = {}) {
  const box = await screen.findByTestId('risk-area-paste', {}, LOADS);
  fireEvent.change(within(box).getByLabelText('风险地区名单'), { target: { value: text } });
  if (toggleReplace) fireEvent.click(within(box).getByLabelText('用这份名单替换现有的风险地区'));
  fireEvent.click(within(box).getByRole('button', { name: '核对并加入' }));
}

const listed = () => screen.getAllByTestId('risk-area').map((li) => li.firstElementChild?.textContent);

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

describe('pasting risk areas', () => {
  it('shows each line of a mixed list added or refused with its reason, and adds the matched ones', async () => {
    const server = serve();
    render(<PolicyScreen scope={ALL} />);
    const text = [
      '湖南省 长沙市 岳麓区 中风险',
      '湖南 长沙 天心区 高风险',
      '北京 朝阳区 高风险',
      '',
      '湖南省 长沙市 岳麓区 高风险',
      '广东省 深圳市 低风险',
      '湖北 仙桃 高风险',
      '朝阳区 中风险',
    ].join('\n');
    await paste(text);

    const lines = await screen.findAllByTestId('paste-line', {}, LOADS);
    expect(lines.map((li) => [li.dataset['outcome'], li.textContent])).toEqual([
      ['added', '第 1 行 湖南省 长沙市 岳麓区 中风险 已添加：湖南省 长沙市 岳麓区 · 中风险'],
      ['refused', '第 2 行 湖南 长沙 天心区 高风险 未加入：长沙市没有“天心区”这个县区'],
      ['added', '第 3 行 北京 朝阳区 高风险 已添加：北京市 朝阳区 · 高风险'],
      ['refused', '第 5 行 湖南省 长沙市 岳麓区 高风险 未加入：与第 1 行是同一地区'],
      ['refused', '第 6 行 广东省 深圳市 低风险 未加入：没有“低风险”这个风险等级：只能是 高风险 或 中风险'],
      // Already in the draft at another level: the pasted level stands.
      ['level-changed', '第 7 行 湖北 仙桃 高风险 已改为高风险：湖北省 仙桃市'],
      [
        'refused',
        '第 8 行 朝阳区 中风险 未加入：“朝阳区”可指 北京市 朝阳区、吉林省 长春市 朝阳区：请写上省份和市，或写全称',
      ],
    ]);
    expect(screen.getByTestId('paste-result').textContent).toContain('3 行已识别，4 行未加入。');
    expect(listed()).toEqual(['湖北省 仙桃市 · 高风险', '湖南省 长沙市 岳麓区 · 中风险', '北京市 朝阳区 · 高风险']);
    expect(screen.getByTestId('policy-risk-areas').textContent).toContain('共 3 处');

    const posted = server.seen.find((request) => request.path === '/api/v1/policy/risk-area-lines');
    expect(posted?.method).toBe('POST');
    expect(posted?.body).toEqual({ text });
    expect(posted?.authorization).toBe(`Bearer ${COUNTY_ADMIN.token}`);
  });

  it('replaces the list with a day’s list when asked, and says a line already listed', async () => {
    serve();
    render(<PolicyScreen scope={ALL} />);
    await paste('湖北省 仙桃市 仙桃市 中风险\n重庆 万州区 高风险\n', { toggleReplace: true });
    const lines = await screen.findAllByTestId('paste-line', {}, LOADS);
    expect(lines.map((li) => li.dataset['outcome'])).toEqual(['added', 'added']);
    expect(listed()).toEqual(['湖北省 仙桃市 · 中风险', '重庆市 万州区 · 高风险']);

    await paste('湖北 仙桃 中风险', { toggleReplace: true });
    expect((await screen.findByTestId('paste-line', {}, LOADS)).textContent).toBe(
      '第 1 行 湖北 仙桃 中风险 已在列表中：湖北省 仙桃市 · 中风险',
    );
    expect(listed()).toHaveLength(2);
  });

  it('says what the server could not do in words, and refuses an empty paste without asking it', async () => {
    const server = serve({
      override: (request) =>
        request.path === '/api/v1/policy/risk-area-lines' ? problemAnswer(503, 'no division lists') : undefined,
    });
    render(<PolicyScreen scope={ALL} />);
    await paste('   \n');
    expect(screen.getByRole('alert').textContent).toBe('请先粘贴名单。');
    expect(server.seen.some((request) => request.path === '/api/v1/policy/risk-area-lines')).toBe(false);

    await paste('湖南省 长沙市 岳麓区 中风险');
    expect((await screen.findByRole('alert', {}, LOADS)).textContent).toBe(
      '服务器缺少行政区划数据，无法核对名单；请用上面的选择逐个添加。',
    );
    expect(listed()).toEqual(['湖北省 仙桃市 · 中风险']);
  });
});

describe('choosing risk areas from the divisions', () => {
  it('writes each choice as the server writes the same place pasted', () => {
    const choices = riskAreaChoices(POLICY_COUNTY_INDEX);
    const area = (provinceCode: string, cityCode: string, countyCode: string) =>
      choices.area({ provinceCode, cityCode, countyCode, level: 'high' });

    expect(choices.cities('43').map((c) => [c.name, c.kind])).toEqual([
      ['长沙市', 'city'],
      ['娄底市', 'city'],
    ]);
    expect(area('43', '', '')).toEqual({ province: '湖南省', level: 'high' });
    expect(area('43', '4301', '')).toEqual({ province: '湖南省', city: '长沙市', level: 'high' });
    // A municipality is one city, its placeholders (市辖区, 县) folded into it.
    expect(choices.cities('50')).toEqual([{ code: '50', name: '重庆市', kind: 'municipality' }]);
    expect(choices.counties('50', '50').map((c) => c.name)).toEqual(['万州区', '城口县']);
    expect(area('11', '11', '110105')).toEqual({ province: '北京市', city: '北京市', county: '朝阳区', level: 'high' });
    expect(area('11', '11', '')).toEqual({ province: '北京市', city: '北京市', level: 'high' });
    // A county the province runs is its own city, and must be chosen.
    expect(choices.cities('42').map((c) => [c.name, c.kind])).toEqual([
      ['武汉市', 'city'],
      ['省直辖县级行政区划', 'direct'],
    ]);
    expect(area('42', '4290', '429004')).toEqual({
      province: '湖北省',
      city: '仙桃市',
      county: '仙桃市',
      level: 'high',
    });
    expect(area('42', '4290', '')).toBeNull();
    // A county of another city is no choice.
    expect(area('43', '4301', '431321')).toBeNull();
  });

  it('asks for what is missing, and changes the level of a place already listed', async () => {
    serve();
    render(<PolicyScreen scope={ALL} />);
    const picker = await screen.findByTestId('risk-area-picker', {}, LOADS);
    const add = () => {
      fireEvent.click(within(picker).getByRole('button', { name: '添加' }));
    };

    add();
    expect(within(picker).getByRole('alert').textContent).toBe('请选择省份。');
    fireEvent.change(within(picker).getByLabelText('省份'), { target: { value: '42' } });
    fireEvent.change(within(picker).getByLabelText('地市'), { target: { value: '4290' } });
    fireEvent.click(within(picker).getByRole('button', { name: '高风险' }));
    add();
    expect(within(picker).getByRole('alert').textContent).toBe('省直辖的县区各自为一个地区：请选择县区。');
    fireEvent.change(within(picker).getByLabelText('区县'), { target: { value: '429004' } });
    add();
    expect(screen.getByTestId('pick-outcome').textContent).toBe('已改为高风险：湖北省 仙桃市');
    expect(listed()).toEqual(['湖北省 仙桃市 · 高风险']);
  });
});
