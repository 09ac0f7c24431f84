// Changing the lead PIN in settings: only with the current one, wrong ones counted; setting the first needs none.
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { db, settings } from '../../db/db-instance.ts';
import { createLeadPinRepository } from '../../db/lead-pin-repository.ts';
import { setLanguage } from '../../platform/i18n.ts';
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
    await screen.findByText(/本机还没有班组长密码/u);
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
