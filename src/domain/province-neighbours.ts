// Which provinces border which, and the order of the plate keyboard's province keys that follows from it: at a
// checkpoint most cars come from its own province and the ones around it (ADR 033).
import { PROVINCES, provinceByAbbr, type Province, type ProvinceAbbr } from './provinces.ts';

/**
 * The provinces each one shares a land border with, listed clockwise from north by the direction of their capitals
 * (from Changsha: Wuhan NNE, Nanchang E, Guangzhou S …). Hainan has no land border; Guangdong and Hainan are listed
 * as neighbours because the Qiongzhou Strait ferry is the island's road link, and every car from it lands there.
 */
export const PROVINCE_NEIGHBOURS: Readonly<Record<ProvinceAbbr, readonly ProvinceAbbr[]>> = {
  京: ['津', '冀'],
  津: ['冀', '京'],
  沪: ['浙', '苏'],
  渝: ['陕', '鄂', '湘', '贵', '川'],
  冀: ['京', '辽', '津', '鲁', '豫', '晋', '蒙'],
  豫: ['冀', '鲁', '皖', '鄂', '陕', '晋'],
  云: ['川', '贵', '桂', '藏'],
  辽: ['吉', '冀', '蒙'],
  黑: ['吉', '蒙'],
  湘: ['鄂', '赣', '粤', '桂', '贵', '渝'],
  皖: ['苏', '浙', '赣', '鄂', '豫', '鲁'],
  鲁: ['苏', '皖', '豫', '冀'],
  新: ['甘', '青', '藏'],
  苏: ['沪', '浙', '皖', '鲁'],
  浙: ['沪', '闽', '赣', '皖', '苏'],
  赣: ['皖', '浙', '闽', '粤', '湘', '鄂'],
  鄂: ['皖', '赣', '湘', '渝', '陕', '豫'],
  桂: ['湘', '粤', '云', '贵'],
  甘: ['宁', '蒙', '陕', '川', '青', '新'],
  晋: ['冀', '豫', '陕', '蒙'],
  蒙: ['黑', '吉', '辽', '冀', '晋', '陕', '甘', '宁'],
  陕: ['蒙', '晋', '豫', '鄂', '渝', '川', '甘', '宁'],
  吉: ['黑', '辽', '蒙'],
  闽: ['浙', '粤', '赣'],
  贵: ['湘', '桂', '云', '川', '渝'],
  粤: ['赣', '闽', '琼', '桂', '湘'],
  青: ['甘', '川', '藏', '新'],
  藏: ['青', '川', '云', '新'],
  川: ['陕', '渝', '贵', '云', '藏', '青', '甘'],
  宁: ['蒙', '陕', '甘'],
  琼: ['粤'],
};

/**
 * The province keys in the order the keyboard shows them: the checkpoint's own province, its neighbours, then the
 * rest in the standard order. It depends on the checkpoint alone, never on the plates typed, so a key stays where
 * the officer found it for the whole shift. Without a known province, the standard order.
 */
export function provinceKeyOrder(homeAbbr: string | undefined): readonly Province[] {
  const home = provinceByAbbr(homeAbbr);
  if (home === undefined) return PROVINCES;
  const first = [home.abbr, ...PROVINCE_NEIGHBOURS[home.abbr]];
  const near = first.flatMap((abbr) => provinceByAbbr(abbr) ?? []);
  return [...near, ...PROVINCES.filter((province) => !first.includes(province.abbr))];
}
