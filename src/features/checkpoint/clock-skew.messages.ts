// Strings of the banner that asks the officer to set the tablet's clock (ADR 035): on the start screen and in the
// check flow. The amount is always at least 2 of its unit (src/domain/clock-skew.ts), so English needs no singular.
import type { ClockSkewDirection, ClockSkewUnit } from '../../domain/clock-skew.ts';
import { defineMessages } from '../../platform/i18n.ts';

export type ClockSkewKey = `${ClockSkewDirection}.${ClockSkewUnit}`;

export const clockSkewMessages = defineMessages<ClockSkewKey>({
  'zh-CN': {
    'behind.minutes': '本机时间比服务器慢 {amount} 分钟，请校准时间',
    'behind.hours': '本机时间比服务器慢 {amount} 小时，请校准时间',
    'behind.days': '本机时间比服务器慢 {amount} 天，请校准时间',
    'ahead.minutes': '本机时间比服务器快 {amount} 分钟，请校准时间',
    'ahead.hours': '本机时间比服务器快 {amount} 小时，请校准时间',
    'ahead.days': '本机时间比服务器快 {amount} 天，请校准时间',
  },
  en: {
    'behind.minutes': "This tablet's clock is {amount} minutes behind the server. Please set the time.",
    'behind.hours': "This tablet's clock is {amount} hours behind the server. Please set the time.",
    'behind.days': "This tablet's clock is {amount} days behind the server. Please set the time.",
    'ahead.minutes': "This tablet's clock is {amount} minutes ahead of the server. Please set the time.",
    'ahead.hours': "This tablet's clock is {amount} hours ahead of the server. Please set the time.",
    'ahead.days': "This tablet's clock is {amount} days ahead of the server. Please set the time.",
  },
});
