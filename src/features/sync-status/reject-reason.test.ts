// Each reject code the server sends is explained in the officer's language, Chinese and English alike; a code this
// build does not know is left to the server's own words.
import { describe, expect, it } from 'vitest';
import { REJECT_CODES } from '../../contract/reject-code.ts';
import { rejectReasonKey } from './reject-reason.ts';
import { syncStatusMessages } from './sync-status.messages.ts';

describe('rejectReasonKey', () => {
  it('maps each code to its message in zh-CN and en', () => {
    const explain = (code: string) => {
      const key = rejectReasonKey(code);
      return key === null ? null : { zh: syncStatusMessages['zh-CN'][key], en: syncStatusMessages.en[key] };
    };
    expect(explain('conflicting-content')).toEqual({
      zh: '服务器上已有这条记录的同一版本，但内容不同。修改后重新保存即可上传新版本。',
      en: 'The server holds this revision of the check with different content. Amend and save it to upload a new revision.',
    });
    expect(explain('other-checkpoint')).toEqual({
      zh: '这条记录属于另一个卡口，本机的登记不能上传它。',
      en: 'This check belongs to another checkpoint; this tablet’s enrollment cannot upload it.',
    });
    expect(explain('other-device')).toEqual({
      zh: '记录上的设备编号与本机的登记不符。',
      en: 'The check’s device id does not match this tablet’s enrollment.',
    });
    expect(explain('unknown-checkpoint')).toEqual({
      zh: '服务器上没有这个卡口。请联系管理员。',
      en: 'The server does not know this checkpoint. Contact the admin.',
    });
    expect(explain('unknown-policy-version')).toEqual({
      zh: '服务器没有这条记录所用的筛查规则版本。请联系管理员。',
      en: 'The server does not have the policy version this check was judged under. Contact the admin.',
    });
    expect(explain('invalid-check')).toEqual({
      zh: '记录内容不符合上传格式。请打开记录核对并修改。',
      en: 'The check does not match the upload format. Open it, check and amend it.',
    });
    expect(explain('unprocessable-check')).toEqual({
      zh: '服务器无法保存这条记录中的某个内容。请联系管理员。',
      en: 'The server could not store a value of this check. Contact the admin.',
    });
  });

  it('explains every code of the contract, each differently', () => {
    const keys = REJECT_CODES.map((code) => rejectReasonKey(code));
    expect(keys).not.toContain(null);
    expect(new Set(keys).size).toBe(REJECT_CODES.length);
  });

  it('leaves an unknown code, the old English words and no code at all to the server’s words', () => {
    expect(rejectReasonKey('moon-phase')).toBeNull();
    expect(rejectReasonKey('same id and rev with different content')).toBeNull();
    expect(rejectReasonKey(null)).toBeNull();
    expect(rejectReasonKey(undefined)).toBeNull();
  });
});
