// Where each province's capital lies (longitude, latitude in degrees, to about 1 km): the test of the neighbour table
// checks its order against the compass directions between capitals.
import type { ProvinceAbbr } from '../../../src/domain/provinces.ts';

export const PROVINCE_CAPITALS: Readonly<Record<ProvinceAbbr, { city: string; lon: number; lat: number }>> = {
  京: { city: '北京', lon: 116.4, lat: 39.9 },
  津: { city: '天津', lon: 117.2, lat: 39.13 },
  沪: { city: '上海', lon: 121.47, lat: 31.23 },
  渝: { city: '重庆', lon: 106.55, lat: 29.56 },
  冀: { city: '石家庄', lon: 114.51, lat: 38.04 },
  豫: { city: '郑州', lon: 113.62, lat: 34.75 },
  云: { city: '昆明', lon: 102.83, lat: 24.88 },
  辽: { city: '沈阳', lon: 123.43, lat: 41.8 },
  黑: { city: '哈尔滨', lon: 126.53, lat: 45.8 },
  湘: { city: '长沙', lon: 112.94, lat: 28.23 },
  皖: { city: '合肥', lon: 117.23, lat: 31.82 },
  鲁: { city: '济南', lon: 117.0, lat: 36.65 },
  新: { city: '乌鲁木齐', lon: 87.62, lat: 43.83 },
  苏: { city: '南京', lon: 118.8, lat: 32.06 },
  浙: { city: '杭州', lon: 120.16, lat: 30.27 },
  赣: { city: '南昌', lon: 115.86, lat: 28.68 },
  鄂: { city: '武汉', lon: 114.31, lat: 30.59 },
  桂: { city: '南宁', lon: 108.37, lat: 22.82 },
  甘: { city: '兰州', lon: 103.83, lat: 36.06 },
  晋: { city: '太原', lon: 112.55, lat: 37.87 },
  蒙: { city: '呼和浩特', lon: 111.75, lat: 40.84 },
  陕: { city: '西安', lon: 108.94, lat: 34.34 },
  吉: { city: '长春', lon: 125.32, lat: 43.82 },
  闽: { city: '福州', lon: 119.3, lat: 26.08 },
  贵: { city: '贵阳', lon: 106.63, lat: 26.65 },
  粤: { city: '广州', lon: 113.26, lat: 23.13 },
  青: { city: '西宁', lon: 101.78, lat: 36.62 },
  藏: { city: '拉萨', lon: 91.13, lat: 29.65 },
  川: { city: '成都', lon: 104.07, lat: 30.57 },
  宁: { city: '银川', lon: 106.23, lat: 38.49 },
  琼: { city: '海口', lon: 110.35, lat: 20.02 },
};

const DEGREES_IN_CIRCLE = 360;

/** The compass direction from one capital to another, degrees clockwise from north (flat-earth: they are close). */
export function bearingBetweenCapitals(from: ProvinceAbbr, to: ProvinceAbbr): number {
  const a = PROVINCE_CAPITALS[from];
  const b = PROVINCE_CAPITALS[to];
  const meanLatitude = (((a.lat + b.lat) / 2) * Math.PI) / 180;
  const east = (b.lon - a.lon) * Math.cos(meanLatitude);
  const north = b.lat - a.lat;
  const degrees = (Math.atan2(east, north) * 180) / Math.PI;
  return (degrees + DEGREES_IN_CIRCLE) % DEGREES_IN_CIRCLE;
}
