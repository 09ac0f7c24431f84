// Messages of the number pad (temperature, doses, pass and ID numbers).
import { defineMessages } from '../platform/i18n.ts';

export const numberPadMessages = defineMessages({
  'zh-CN': {
    backspace: '退格（长按清空）',
    decimalPoint: '小数点',
    enter: '确定',
    empty: '未输入',
    maskedCount: { other: '已输入 {count} 位' },
  },
  en: {
    backspace: 'Backspace (hold to clear)',
    decimalPoint: 'Decimal point',
    enter: 'OK',
    empty: 'Nothing entered',
    maskedCount: { one: '{count} digit entered', other: '{count} digits entered' },
  },
});
