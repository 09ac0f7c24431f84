// Provinces and cities to open a checkpoint in, from the division lists, within the admin's scope: a city's admin
// can only choose its own city. Names as the lists write them ('湖南省', '娄底市'); a municipality's '市辖区' is the
// municipality itself.
import { scopeCovers, type AdminScope } from '../../../domain/admin-scope.ts';
import { cityCodeOf, isPlaceholderCityName, provinceCodeOf, type CountyIndexChunk } from '../../../domain/divisions.ts';
import { samePlace } from '../../../domain/places.ts';

export interface PlaceChoice {
  code: string;
  name: string;
}

export function cityName(index: CountyIndexChunk, cityCode: string): string {
  const city = index.cities.find(([code]) => code === cityCode)?.[1] ?? '';
  if (!isPlaceholderCityName(city)) return city;
  return index.provinces.find(([code]) => code === provinceCodeOf(cityCode))?.[1] ?? city;
}

export function provinceChoices(index: CountyIndexChunk, scope: AdminScope): PlaceChoice[] {
  return index.provinces
    .filter(([, name]) => scope.kind === 'all' || samePlace(name, scope.province))
    .map(([code, name]) => ({ code, name }));
}

export function cityChoices(index: CountyIndexChunk, provinceCode: string, scope: AdminScope): PlaceChoice[] {
  const province = index.provinces.find(([code]) => code === provinceCode)?.[1] ?? '';
  return index.cities
    .filter(([code]) => provinceCodeOf(code) === provinceCode)
    .map(([code]) => ({ code, name: cityName(index, code) }))
    .filter((city) => scopeCovers(scope, { province, city: city.name }));
}

export function countyChoices(index: CountyIndexChunk, cityCode: string): PlaceChoice[] {
  return index.counties.filter(([code]) => cityCodeOf(code) === cityCode).map(([code, name]) => ({ code, name }));
}
