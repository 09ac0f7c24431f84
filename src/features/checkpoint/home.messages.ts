// Strings of the start screen (车辆检查) and the flow's way back to it: the only checkpoint strings the first screen
// loads; the flow's own catalogue (checkpoint.messages.ts) comes with the flow.
import { defineMessages } from '../../platform/i18n.ts';

export const homeMessages = defineMessages({
  'zh-CN': {
    homeTitle: '车辆检查',
    startCheck: '开始检查新车辆',
    resumeTitle: '未完成的检查',
    resume: '继续',
    resumeLine: '{plate} · 开始于 {time} · 已查 {done}/{total} 人',
    noPlateYet: '（未输入车牌）',
    todaySummary: '本机今日已检 {vehicles}、{persons}',
    vehicleCount: { other: '{count} 辆车' },
    personCount: { other: '{count} 人' },
    savedToast: '已保存：{plate}',
    savedNoPlate: '无牌',
    checksLink: '本机检查记录',
  },
  en: {
    homeTitle: 'Vehicle checks',
    startCheck: 'Start a new vehicle check',
    resumeTitle: 'Unfinished checks',
    resume: 'Resume',
    resumeLine: '{plate} · started {time} · {done}/{total} screened',
    noPlateYet: '(no plate yet)',
    todaySummary: 'Today on this tablet: {vehicles}, {persons}',
    vehicleCount: { one: '{count} vehicle', other: '{count} vehicles' },
    personCount: { one: '{count} person', other: '{count} persons' },
    savedToast: 'Saved: {plate}',
    savedNoPlate: 'No plate',
    checksLink: 'Checks on this tablet',
  },
});
