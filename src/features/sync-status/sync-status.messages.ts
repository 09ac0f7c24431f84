// Strings of the rejected-checks screen: what the server refused, in words an officer can act on.
import { defineMessages } from '../../platform/i18n.ts';

export const syncStatusMessages = defineMessages({
  'zh-CN': {
    title: '未能上传的记录',
    intro:
      '以下记录服务器没有接收。它们仍保存在本机，不会被删除，也不会自动重发。请打开记录核对原因；修改并重新保存后会再次上传。',
    loading: '正在读取…',
    empty: '没有被拒收的记录。',
    count: { other: '共 {count} 条' },
    noPlate: '无号牌',
    persons: { other: '{count} 人' },
    reason: '拒收原因：{reason}',
    open: '查看记录',
    reasonConflict: '服务器上已有这条记录的同一版本，但内容不同。修改后重新保存即可上传新版本。',
    reasonOtherCheckpoint: '这条记录属于另一个卡口，本机的登记不能上传它。',
    reasonOtherDevice: '记录上的设备编号与本机的登记不符。',
    reasonUnknownCheckpoint: '服务器上没有这个卡口。请联系管理员。',
    reasonUnknownPolicy: '服务器没有这条记录所用的筛查规则版本。请联系管理员。',
    reasonInvalid: '记录内容不符合上传格式。请打开记录核对并修改。',
    reasonUnprocessable: '服务器无法保存这条记录中的某个内容。请联系管理员。',
    serverWords: '服务器原文：{reason}',
    serverError: '服务器错误：{reason}',
    serverErrorHint:
      '服务器处理这条记录时多次出错，其他记录都已上传，所以本机暂停自动重发它。记录仍保存在本机。服务器修复后请点“重试”。',
    retry: '重试',
    retryAll: { other: '全部重试（{count} 条）' },
    retryFailed: '未能重新加入上传队列，请再试一次。',
  },
  en: {
    title: 'Checks not uploaded',
    intro:
      'The server did not accept these checks. They stay on this tablet, are never deleted, and are not resent on their own. Open a check to see why; once it is amended and saved again it uploads again.',
    loading: 'Reading…',
    empty: 'No refused checks.',
    count: { one: '{count} check in all', other: '{count} checks in all' },
    noPlate: 'No plate',
    persons: { one: '{count} person', other: '{count} persons' },
    reason: 'Reason: {reason}',
    open: 'Open the check',
    reasonConflict:
      'The server holds this revision of the check with different content. Amend and save it to upload a new revision.',
    reasonOtherCheckpoint: 'This check belongs to another checkpoint; this tablet’s enrollment cannot upload it.',
    reasonOtherDevice: 'The check’s device id does not match this tablet’s enrollment.',
    reasonUnknownCheckpoint: 'The server does not know this checkpoint. Contact the admin.',
    reasonUnknownPolicy: 'The server does not have the policy version this check was judged under. Contact the admin.',
    reasonInvalid: 'The check does not match the upload format. Open it, check and amend it.',
    reasonUnprocessable: 'The server could not store a value of this check. Contact the admin.',
    serverWords: 'The server’s words: {reason}',
    serverError: 'Server error: {reason}',
    serverErrorHint:
      'The server failed on this check several times while it took the others, so this tablet stopped resending it on its own. It stays on this tablet. Once the server is fixed, press Retry.',
    retry: 'Retry',
    retryAll: { one: 'Retry it ({count} check)', other: 'Retry all ({count} checks)' },
    retryFailed: 'Could not queue it again. Please try again.',
  },
});
