// The destination picker as an officer uses it: starting at the checkpoint's county, county → township → village with
// the codes kept, recent choices first, and typing by hand only when the lists cannot help, marked as such.
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { beforeEach, expect, it } from 'vitest';
import { db, settings } from '../../../db/db-instance.ts';
import type { CheckpointPlace } from '../../../domain/divisions.ts';
import type { Destination } from '../../../domain/vehicle-check.ts';
import { setLanguage } from '../../../platform/i18n.ts';
import type { DivisionLists } from '../../../sync/division-lists.ts';
import { sampleDivisionLists } from '../../../../tests/support/features/checkpoint/sample-division-lists.ts';
import { DestinationPicker } from './destination-picker.tsx';
import { DivisionListsContext } from './division-lists-instance.ts';

const EMPTY: Destination = { province: '', city: '', county: '', township: '', village: '' };
const AT_SHUANGFENG: CheckpointPlace = { countyCode: '431321', province: '湖南', city: '娄底' };

function renderPicker(home: CheckpointPlace, lists: DivisionLists = sampleDivisionLists(), initial = EMPTY) {
  let latest = initial;
  function Harness() {
    const [destination, setDestination] = useState(initial);
    return (
      <DestinationPicker
        id="dest"
        destination={destination}
        home={home}
        error={null}
        onChange={(next) => {
          latest = next;
          setDestination(next);
        }}
      />
    );
  }
  render(
    <DivisionListsContext value={lists}>
      <Harness />
    </DivisionListsContext>,
  );
  return { user: userEvent.setup(), destination: () => latest };
}

const buttonNames = (container: HTMLElement) =>
  [...container.querySelectorAll('.choice-grid button')].map((b) => b.textContent);

beforeEach(async () => {
  setLanguage('zh-CN');
  await Promise.all(db.tables.map((table) => table.clear()));
});

it('starts at the checkpoint’s county among its neighbours, and keeps each chosen division’s code', async () => {
  const { user, destination } = renderPicker(AT_SHUANGFENG);
  await user.click(screen.getByRole('button', { name: '选择目的地' }));
  await screen.findByRole('heading', { name: '选择县（区）' });
  expect(buttonNames(document.body)).toEqual(['双峰县', '娄星区', '新化县']);

  await user.click(screen.getByRole('button', { name: '双峰县' }));
  await user.click(await screen.findByRole('button', { name: '三塘铺镇' }));
  await user.click(await screen.findByRole('button', { name: '黄河村' }));
  expect(destination()).toEqual({
    province: '湖南省',
    city: '娄底市',
    county: '双峰县',
    township: '三塘铺镇',
    village: '黄河村',
    countyCode: '431321',
    townshipCode: '431321109',
    villageCode: '431321109203',
  });
  expect(screen.getByTestId('destination-summary').textContent).toContain('湖南省 娄底市 双峰县 三塘铺镇 黄河村');
  expect(screen.queryByText('手动填写')).toBeNull();
  // Remembered on the tablet: the next flagged traveller to the same village is one tap.
  await waitFor(async () => {
    expect((await settings.get('recentDestinations'))?.[0]?.villageCode).toBe('431321109203');
  });
});

it('offers recent choices first, and finds a county of another province by name with its province beside it', async () => {
  await settings.set('recentDestinations', [
    {
      province: '湖南省',
      city: '娄底市',
      county: '双峰县',
      township: '荷叶镇',
      village: '',
      countyCode: '431321',
      townshipCode: '431321101',
    },
  ]);
  const { user, destination } = renderPicker({ province: '', city: '' });
  await user.click(screen.getByRole('button', { name: '选择目的地' }));
  await user.type(await screen.findByLabelText('搜索县区（全国）'), '朝阳');
  expect(buttonNames(document.body)).toEqual(['朝阳区北京市', '朝阳区吉林省长春市']);
  await user.clear(screen.getByLabelText('搜索县区（全国）'));
  await user.click(await screen.findByRole('button', { name: '双峰县 荷叶镇' }));
  expect(destination()).toMatchObject({ county: '双峰县', township: '荷叶镇', townshipCode: '431321101' });
});

it('says what the tablet lacks offline, lets the officer stop at the county, or type by hand, marked', async () => {
  // Only the counties reached this tablet: another province's townships are not at hand.
  const { user, destination } = renderPicker({ province: '', city: '' });
  await user.click(screen.getByRole('button', { name: '选择目的地' }));
  await user.type(await screen.findByLabelText('搜索县区（全国）'), '朝阳');
  await user.click(screen.getByRole('button', { name: /^朝阳区\s*北京市$/u }));
  expect(await screen.findByText(/本机未存此县的乡镇列表/u)).toBeTruthy();
  await user.click(screen.getByRole('button', { name: '列表中没有，手动填写' }));
  await user.type(screen.getByLabelText('乡镇（街道）'), '建外街道');
  await user.click(screen.getByRole('button', { name: '确定' }));
  expect(destination()).toEqual({
    province: '北京市',
    city: '北京市',
    county: '朝阳区',
    township: '建外街道',
    village: '',
    countyCode: '110105',
  });
  expect(screen.getByText('手动填写')).toBeTruthy();
});

it('without any lists on the tablet, asks for the address typed by hand', async () => {
  const { user, destination } = renderPicker(AT_SHUANGFENG, sampleDivisionLists({ offline: true }));
  await user.click(screen.getByRole('button', { name: '选择目的地' }));
  expect(await screen.findByText(/本机还没有行政区划列表/u)).toBeTruthy();
  await user.type(screen.getByLabelText('县（区）'), '双峰县');
  expect(destination()).toEqual({ ...EMPTY, county: '双峰县' });
});
