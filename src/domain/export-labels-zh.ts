// Chinese names of flags, dispositions, vehicle types and origins in the server's exports (the same words as the tablet's catalogue).
import type { OriginClass } from '../contract/tally.ts';
import type { Disposition, Flag, VehicleType } from '../contract/vehicle-check.ts';

export const FLAG_LABELS_ZH: Readonly<Record<Flag, string>> = {
  'red-code': '红码',
  'yellow-code': '黄码',
  'grey-code': '灰码',
  'itinerary-star': '行程卡带星',
  'risk-area': '来自风险地区',
  fever: '体温异常',
  'no-valid-test': '无有效核酸',
  'positive-test': '核酸阳性',
  unvaccinated: '未接种疫苗',
};

export const DISPOSITION_LABELS_ZH: Readonly<Record<Disposition, string>> = {
  release: '放行',
  'push-destination': '登记推送目的地',
  'sample-on-site': '就地采样',
  'turn-back': '劝返',
  hold: '留置观察',
  escort: '点对点转运',
  'fever-clinic': '发热门诊',
  'hand-over': '移交',
};

export const VEHICLE_TYPE_LABELS_ZH: Readonly<Record<VehicleType, string>> = {
  car: '小客车',
  bus: '客车',
  truck: '货车',
  van: '面包车',
  motorcycle: '摩托车',
  other: '其他',
};

export const ORIGIN_LABELS_ZH: Readonly<Record<OriginClass, string>> = {
  local: '本市',
  'in-province': '省内外市',
  'out-of-province': '省外',
};
