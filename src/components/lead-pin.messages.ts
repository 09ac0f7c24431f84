// Strings of setting a lead PIN (enrollment, first use, settings): the two fields and every reason a PIN is refused.
import { defineMessages } from '../platform/i18n.ts';

export const leadPinMessages = defineMessages({
  'zh-CN': {
    pinLabel: '班组长密码',
    pinHint: '6–8 位数字。查看日报、交接清单等班组长页面时需输入。',
    againLabel: '再次输入班组长密码',
    againHint: '请再输入一次，确认无误。',
    empty: '请填写班组长密码。',
    notDigits: '班组长密码只能是数字。',
    tooShort: { other: '班组长密码至少 {count} 位。' },
    tooLong: { other: '班组长密码最多 {count} 位。' },
    allSame: '不能全是同一个数字，请换一个不易被猜到的密码。',
    sequence: '不能是连续的数字（如 123456、654321），请换一个不易被猜到的密码。',
    mismatch: '两次输入的密码不一致。',
  },
  en: {
    pinLabel: 'Lead PIN',
    pinHint: '6–8 digits. Asked for when opening the shift lead’s screens (daily report, hand-off list).',
    againLabel: 'Lead PIN again',
    againHint: 'Type it once more to be sure.',
    empty: 'Enter a lead PIN.',
    notDigits: 'The lead PIN may contain digits only.',
    tooShort: { one: 'The lead PIN has at least {count} digit.', other: 'The lead PIN has at least {count} digits.' },
    tooLong: { one: 'The lead PIN has at most {count} digit.', other: 'The lead PIN has at most {count} digits.' },
    allSame: 'Not one digit repeated: choose a PIN that is hard to guess.',
    sequence: 'Not a run of digits (like 123456 or 654321): choose a PIN that is hard to guess.',
    mismatch: 'The two PINs differ.',
  },
});
