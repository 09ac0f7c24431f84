// The rules the tablet screens by, as an officer reads them in settings: the version and from when it holds, the
// figures and the risk areas; the built-in rules said to be built in.
import { render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { db, settings } from '../../db/db-instance.ts';
import { DEFAULT_POLICY } from '../../domain/policy.ts';
import { setLanguage } from '../../platform/i18n.ts';
import { PolicySection } from './policy-section.tsx';

const DEVICE = {
  checkpointId: 'cp-hn-lou-01',
  checkpointName: '娄底东收费站',
  province: '湖南',
  city: '娄底',
  timeZone: 'Asia/Shanghai',
  deviceId: 'dev-42',
  deviceName: '3号平板',
};

const PUBLISHED = {
  ...DEFAULT_POLICY,
  version: 7,
  effectiveFrom: '2026-12-05T00:00:00Z',
  testWindowHours: 24,
  riskAreas: [{ province: '湖南省', city: '长沙市', county: '岳麓区', level: 'medium' as const }],
};

beforeEach(async () => {
  setLanguage('zh-CN');
  await Promise.all(db.tables.map((table) => table.clear()));
  await settings.set('device', DEVICE);
});

describe('PolicySection', () => {
  it('shows the version the tablet synced, from when it holds on the checkpoint’s clock, and its risk areas', async () => {
    await settings.set('policy', PUBLISHED);
    render(<PolicySection />);
    const section = await screen.findByTestId('policy-section');
    expect(section.textContent).toContain('第 7 版，自 2026-12-05 08:00 起执行。');
    expect(section.textContent).toContain('24 小时内');
    expect(screen.getByTestId('policy-risk-areas').textContent).toBe('湖南省 长沙市 岳麓区 · 中风险');
    expect(section.textContent).not.toContain('内置规则');
  });

  it('says the built-in rules are in use before the first sync, in English too', async () => {
    setLanguage('en');
    render(<PolicySection />);
    const section = await screen.findByTestId('policy-section');
    expect(section.textContent).toContain(`Version ${DEFAULT_POLICY.version}`);
    expect(section.textContent).toContain('built-in rules');
    expect(section.textContent).toContain(`${DEFAULT_POLICY.testWindowHours} hours`);
  });
});
