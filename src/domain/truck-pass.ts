// The truck pass (通行证) number: exactly 12 digits.

const TRUCK_PASS = /^\d{12}$/u;

export function validateTruckPass(raw: string): { ok: true; value: string } | { ok: false; error: 'empty' | 'format' } {
  const value = raw.replace(/\s/gu, '');
  if (value === '') return { ok: false, error: 'empty' };
  return TRUCK_PASS.test(value) ? { ok: true, value } : { ok: false, error: 'format' };
}
