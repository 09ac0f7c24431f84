// The device section before and after enrollment: the server it syncs with, the tablet's id and name there, and the
// way to (re-)enroll.
import { render, screen, within } from '@testing-library/react';
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

  const ENROLLED = {
    ...DEVICE,
    checkpointId: 'cp-hn-lou-01',
    checkpointName: '娄底东收费站',
    province: '湖南',
    city: '娄底',
    deviceId: '5f0c2b8e-4d1a-4c7e-9a51-2f6b8d3e7a10',
    deviceName: '3号平板',
    serverUrl: 'https://kakou.example.cn',
    token: 'tok-secret',
    enrolledAt: Date.parse('2026-11-28T08:00:00+08:00'),
  };

  it('shows the id and the name the server knows the tablet by, as the admin’s tablet list does', async () => {
    await settings.set('device', ENROLLED);
    render(<DeviceSection />);
    const enrollment = await screen.findByTestId('device-enrollment');
    const idRow = within(enrollment).getByText('本机编号').parentElement;
    expect(idRow?.textContent).toContain('5f0c2b8e-4d1a-4c7e-9a51-2f6b8d3e7a10');
    expect(idRow?.textContent).toContain('管理员凭此编号停用它');
    expect(within(enrollment).getByText('本机名称').parentElement?.textContent).toContain('3号平板');
  });

  it('shows a dash for the name of an enrollment stored without one', async () => {
    // Written by an older version: the settings row may lack the field altogether.
    const withoutName: Partial<typeof ENROLLED> = { ...ENROLLED };
    delete withoutName.deviceName;
    await settings.set('device', withoutName as typeof ENROLLED);
    render(<DeviceSection />);
    const enrollment = await screen.findByTestId('device-enrollment');
    expect(within(enrollment).getByText('本机名称').parentElement?.textContent).toBe('本机名称—');
    expect(screen.getByTestId('device-id').textContent).toBe(ENROLLED.deviceId);
  });

  it('says it in English too', async () => {
    setLanguage('en');
    await settings.set('device', ENROLLED);
    render(<DeviceSection />);
    const enrollment = await screen.findByTestId('device-enrollment');
    expect(within(enrollment).getByText('Tablet ID').parentElement?.textContent).toContain(ENROLLED.deviceId);
    expect(enrollment.textContent).toContain('the admin revokes it by this ID');
    expect(within(enrollment).getByText('Tablet name').parentElement?.textContent).toContain('3号平板');
  });

  it('shows no id before enrollment: the tablet’s local one means nothing to the server', async () => {
    await settings.set('device', DEVICE);
    render(<DeviceSection />);
    await screen.findByTestId('device-enrollment');
    expect(screen.queryByTestId('device-id')).toBeNull();
    expect(document.body.textContent).not.toContain('local-7f3a');
  });
});
