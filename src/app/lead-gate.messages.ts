// Strings of the lead PIN gate: the pad, wrong PINs, the lockout, and setting the first PIN.
import { defineMessages } from '../platform/i18n.ts';

export const leadGateMessages = defineMessages({
  'zh-CN': {
    title: '班组长验证',
    intro: '此页面仅限班组长。请输入班组长密码。',
    padLabel: '班组长密码',
    unlock: '确定',
    checking: '正在核对…',
    wrong: { other: '密码错误。再错 {count} 次将暂时锁定。' },
    locked: '密码错误次数过多，已锁定。请在 {time} 后再试。',
    tooShortToTry: { other: '班组长密码至少 {count} 位。' },
    failed: '未能核对密码：本机出现了意外错误。请再试一次；如仍失败，请联系管理员（详情记录在 设置 → 诊断）。',
    backHome: '返回检查页面',
    loading: '正在读取…',
    firstTitle: '设置班组长密码',
    firstIntro:
      '还没有班组长密码。请班组长现在设置一个；它是本检查站各台平板共用的班组长密码，以后打开班组长页面都需要它，修改时需输入原密码。',
    firstSave: '保存并进入',
    firstSaving: '正在保存…',
    firstFixFields: '请先改正标红的内容。',
    firstFailed: '未能保存班组长密码，请重试。',
    firstAlreadySet: '本机已设置了班组长密码，请输入该密码。',
    pinChangedElsewhere: '本检查站的班组长密码已在别处更改，本机已取得新密码。请输入新密码。',
    firstTakenElsewhere: '本检查站已有班组长密码（由另一台平板或管理员设置），请输入该密码。',
  },
  en: {
    title: 'Shift lead check',
    intro: 'This screen is for the shift lead only. Enter the lead PIN.',
    padLabel: 'Lead PIN',
    unlock: 'OK',
    checking: 'Checking…',
    wrong: {
      one: 'Wrong PIN. One more wrong PIN and the pad locks for a while.',
      other: 'Wrong PIN. After {count} more wrong PINs the pad locks for a while.',
    },
    locked: 'Too many wrong PINs: locked. Try again in {time}.',
    tooShortToTry: {
      one: 'The lead PIN has at least {count} digit.',
      other: 'The lead PIN has at least {count} digits.',
    },
    failed:
      'The PIN could not be checked: something unexpected went wrong on this tablet. Try again; if it fails again, call the administrator (the details are kept in Settings → Diagnostics).',
    backHome: 'Back to checks',
    loading: 'Reading…',
    firstTitle: 'Set the lead PIN',
    firstIntro:
      'There is no lead PIN yet. The shift lead sets one now: it is the lead PIN of every tablet of this checkpoint, asked for whenever a lead screen opens, and changing it needs the current one.',
    firstSave: 'Save and continue',
    firstSaving: 'Saving…',
    firstFixFields: 'Correct the fields marked in red first.',
    firstFailed: 'Could not save the lead PIN. Please try again.',
    firstAlreadySet: 'This tablet already has a lead PIN: enter it.',
    pinChangedElsewhere:
      'The checkpoint’s lead PIN was changed elsewhere, and this tablet now has the new one: enter it.',
    firstTakenElsewhere:
      'This checkpoint already has a lead PIN (set on another tablet or by an admin): enter that PIN.',
  },
});
