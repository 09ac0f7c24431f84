// Messages of Settings → camera test, where an officer checks the tablet's scanner before the shift.
import { defineMessages } from '../../lib/i18n.ts';

export const cameraTestMessages = defineMessages({
  'zh-CN': {
    title: '摄像头测试',
    intro: '上岗前检查本机扫码：把任意二维码放到摄像头前，看能否读出、用时多少。',
    back: '返回设置',
    lastRead: '最近一次读取',
    text: '内容',
    method: '方式',
    ms: '用时（毫秒，从摄像头启动到读出）',
    notTimed: '—',
    methodCamera: '摄像头',
    methodFile: '照片',
    methodManual: '手动输入',
    noReads: '还没有读取。',
    earlier: '之前的读取',
    readSummary: '{method} · {ms} 毫秒 · {text}',
    readSummaryUntimed: '{method} · {text}',
  },
  en: {
    title: 'Camera test',
    intro: 'Check this tablet’s scanner before the shift: hold any QR code in front of the camera and see whether and how fast it reads.',
    back: 'Back to settings',
    lastRead: 'Last read',
    text: 'Content',
    method: 'Method',
    ms: 'Time (ms, from camera start to read)',
    notTimed: '—',
    methodCamera: 'Camera',
    methodFile: 'Photo',
    methodManual: 'Manual entry',
    noReads: 'Nothing read yet.',
    earlier: 'Earlier reads',
    readSummary: '{method} · {ms} ms · {text}',
    readSummaryUntimed: '{method} · {text}',
  },
});
