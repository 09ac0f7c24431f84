// Strings of the banner that asks the officer to set the tablet's clock (ADR 035): on the start screen and in the
// check flow. Plural messages: the amount is counted in minutes, hours or days (src/domain/clock-skew.ts).
import { defineMessages } from '../../platform/i18n.ts';

export const clockSkewMessages = defineMessages({
  'zh-CN': {
    'behind.minutes': { other: '本机时间比服务器慢 {count} 分钟，请校准时间' },
    'behind.hours': { other: '本机时间比服务器慢 {count} 小时，请校准时间' },
    'behind.days': { other: '本机时间比服务器慢 {count} 天，请校准时间' },
    'ahead.minutes': { other: '本机时间比服务器快 {count} 分钟，请校准时间' },
    'ahead.hours': { other: '本机时间比服务器快 {count} 小时，请校准时间' },
    'ahead.days': { other: '本机时间比服务器快 {count} 天，请校准时间' },
  },
  en: {
    'behind.minutes': {
      one: "This tablet's clock is {count} minute behind the server. Please set the time.",
      other: "This tablet's clock is {count} minutes behind the server. Please set the time.",
    },
    'behind.hours': {
      one: "This tablet's clock is {count} hour behind the server. Please set the time.",
      other: "This tablet's clock is {count} hours behind the server. Please set the time.",
    },
    'behind.days': {
      one: "This tablet's clock is {count} day behind the server. Please set the time.",
      other: "This tablet's clock is {count} days behind the server. Please set the time.",
    },
    'ahead.minutes': {
      one: "This tablet's clock is {count} minute ahead of the server. Please set the time.",
      other: "This tablet's clock is {count} minutes ahead of the server. Please set the time.",
    },
    'ahead.hours': {
      one: "This tablet's clock is {count} hour ahead of the server. Please set the time.",
      other: "This tablet's clock is {count} hours ahead of the server. Please set the time.",
    },
    'ahead.days': {
      one: "This tablet's clock is {count} day ahead of the server. Please set the time.",
      other: "This tablet's clock is {count} days ahead of the server. Please set the time.",
    },
  },
});
