// The device section before and after enrollment: the server it syncs with, and the way to (re-)enroll.
import { render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { db, settings } from '../../db/db-instance.ts';
import { setLanguage } from '../../platform/i18n.ts';
import { DeviceSection } from './device-section.tsx';

const DEVICE = {
  checkpointId: 'unenrolled',
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
});

describe('DeviceSection', () => {
  it('says the tablet is not enrolled and links to enrollment', async () => {
    await settings.set('device', DEVICE);
    render(<DeviceSection />);
    expect((await screen.findByTestId('device-enrollment')).textContent).toContain('本机尚未登记服务器');
    expect(screen.getByRole('link', { name: '登记本机' }).getAttribute('href')).toBe('/enroll');
  });

  it('shows the server, the tablet’s name and when it was enrolled, and offers to enroll again', async () => {
    await settings.set('device', {
      ...DEVICE,
      checkpointId: 'cp-hn-lou-01',
      checkpointName: '娄底东收费站',
      province: '湖南',
      city: '娄底',
      deviceId: 'dev-42',
      deviceName: '3号平板',
      serverUrl: 'https://kakou.example.cn',
      token: 'tok-secret',
      enrolledAt: Date.parse('2026-11-28T08:00:00+08:00'),
    });
    render(<DeviceSection />);
    const enrollment = await screen.findByTestId('device-enrollment');
    expect(enrollment.textContent).toContain('https://kakou.example.cn');
    expect(enrollment.textContent).toContain('3号平板');
    expect(enrollment.textContent).toContain('2026-11-28 08:00');
    // The token is a secret: never on screen.
    expect(document.body.textContent).not.toContain('tok-secret');
    expect(screen.getByText('娄底东收费站')).toBeTruthy();
    expect(screen.getByRole('link', { name: '重新登记本机' }).getAttribute('href')).toBe('/enroll');
  });
});
