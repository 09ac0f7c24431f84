// Temperatures as officers type them on the number pad or a keyboard.
import { describe, expect, it } from 'vitest';
import { parseTemperature, type TemperatureError } from './temperature.ts';

describe('parseTemperature', () => {
  it.each([
    ['36.6', 36.6],
    ['36,6', 36.6],
    [' 36.6 ', 36.6],
    ['36.65', 36.7],
    ['36.64', 36.6],
    ['37.25', 37.3],
    ['36.95', 37],
    ['37', 37],
    ['37.', 37],
    ['36.6℃', 36.6],
    ['36.6°C', 36.6],
    ['34.0', 34],
    ['43.0', 43],
    ['43.04', 43],
  ])('%j → %d °C', (text, value) => {
    expect(parseTemperature(text)).toEqual({ ok: true, value });
  });

  it.each<[string, TemperatureError]>([
    ['', 'empty'],
    ['   ', 'empty'],
    ['abc', 'not-a-number'],
    ['36.6.1', 'not-a-number'],
    ['3 6 . x', 'not-a-number'],
    ['.5', 'not-a-number'],
    ['33.9', 'out-of-range'],
    ['43.1', 'out-of-range'],
    ['366', 'out-of-range'],
    ['-1', 'out-of-range'],
  ])('%j → %s', (text, error) => {
    expect(parseTemperature(text)).toEqual({ ok: false, error });
  });
});
