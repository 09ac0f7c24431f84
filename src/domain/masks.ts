// What a screen, a printout or a hand-over may show of an ID number or a phone: enough to tell two registrations
// apart, never the number. Apart from id-number.ts (the form's validation) because the hand-over summary, which the
// first screen loads, needs only these.

/** A resident ID number (GB 11643) has 18 characters; anything shorter is masked as a fragment. */
export const ID_NUMBER_LENGTH = 18;
/** A mainland mobile number has 11 digits. */
const MOBILE_NUMBER_LENGTH = 11;

const VISIBLE_TAIL_SHORT = 2;

/** Masks all but the tail (short strings show fewer characters), so a glance never reveals the number. */
function maskShort(text: string): string {
  if (text.length <= VISIBLE_TAIL_SHORT) return '*'.repeat(text.length);
  return '*'.repeat(text.length - VISIBLE_TAIL_SHORT) + text.slice(-VISIBLE_TAIL_SHORT);
}

/** '110105194912310021' → '110105********0021': area code and last 4 kept, birth date and sequence hidden. */
export function maskIdNumber(id: string): string {
  const value = id.trim();
  if (value.length < ID_NUMBER_LENGTH) return maskShort(value);
  return value.slice(0, 6) + '*'.repeat(value.length - 10) + value.slice(-4);
}

/** '13812345678' → '138****5678'; longer numbers keep 3 ahead and 4 behind, short ones only their last 2. */
export function maskPhone(phone: string): string {
  const value = phone.trim();
  if (value.length < MOBILE_NUMBER_LENGTH) return maskShort(value);
  return value.slice(0, 3) + '*'.repeat(value.length - 7) + value.slice(-4);
}
