// Messages of the scan panel (一扫): camera states, camera failures, photo and manual fallbacks.
import { defineMessages } from '../platform/i18n.ts';

export const scannerViewMessages = defineMessages({
  'zh-CN': {
    region: '扫码',
    video: '摄像头画面',
    starting: '正在打开摄像头…',
    aim: '将二维码完整放入框内',
    startCamera: '打开摄像头扫码',
    scanAgain: '再扫一次',
    retry: '重试摄像头',
    torch: '补光灯',
    fromPhoto: '拍照识别',
    manual: '手动输入',
    manualLabel: '二维码内容',
    manualHint: '摄像头无法使用时，输入码上的文字或编号',
    manualSubmit: '确定',
    manualEmpty: '请先输入内容',
    readingPhoto: '正在识别照片…',
    photoNoCode: '照片中没有找到二维码。请靠近、对准后重拍，或手动输入。',
    errorPermissionDenied:
      '没有摄像头权限。请在浏览器的网站设置中允许本应用使用摄像头，然后点“重试摄像头”；也可以拍照识别或手动输入。',
    errorNoCamera: '这台设备上没有找到可用的摄像头。请拍照识别或手动输入。',
    errorInUse: '摄像头正被其他应用占用。请关闭其他使用摄像头的应用后点“重试摄像头”。',
    errorInsecureContext:
      '当前连接不安全（不是 HTTPS），浏览器不允许使用摄像头。请通过 HTTPS 地址打开本应用，或手动输入。',
    errorUnknown: '摄像头无法启动。请点“重试摄像头”，或拍照识别、手动输入。',
  },
  en: {
    region: 'Scan',
    video: 'Camera view',
    starting: 'Opening the camera…',
    aim: 'Hold the whole QR code inside the frame',
    startCamera: 'Start camera',
    scanAgain: 'Scan again',
    retry: 'Retry camera',
    torch: 'Torch',
    fromPhoto: 'Scan from photo',
    manual: 'Enter manually',
    manualLabel: 'QR code text',
    manualHint: 'When the camera cannot be used, type the text or number shown with the code',
    manualSubmit: 'OK',
    manualEmpty: 'Enter the text first',
    readingPhoto: 'Reading the photo…',
    photoNoCode: 'No QR code found in the photo. Move closer, aim and take it again, or enter it manually.',
    errorPermissionDenied:
      'No camera permission. Allow this app to use the camera in the browser’s site settings, then tap “Retry camera”; or scan from a photo or enter manually.',
    errorNoCamera: 'No usable camera was found on this device. Scan from a photo or enter manually.',
    errorInUse:
      'The camera is in use by another app. Close the other app that uses the camera, then tap “Retry camera”.',
    errorInsecureContext:
      'This connection is not secure (not HTTPS), so the browser does not allow the camera. Open the app at its HTTPS address, or enter manually.',
    errorUnknown: 'The camera could not start. Tap “Retry camera”, or scan from a photo or enter manually.',
  },
});
