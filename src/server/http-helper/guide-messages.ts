// The words of the trust guide, Chinese first and English beside it; every entry has both.

export interface Bilingual {
  zh: string;
  en: string;
}

export const GUIDE_MESSAGES = {
  title: { zh: '卡口：在平板上信任本服务器', en: 'Kakou: trust this server on a tablet' },
  why: {
    zh: '平板须通过 HTTPS 打开卡口，相机、离线使用和加密才可用。每台平板只需安装并信任一次本服务器的证书颁发机构。',
    en: "A tablet must open Kakou over HTTPS for the camera, offline use and encryption to work. Each tablet installs and trusts this server's certificate authority once.",
  },
  downloadHeading: { zh: '第一步：下载证书', en: 'Step 1: download the certificate' },
  download: {
    zh: '用平板的相机扫描二维码，或在平板的浏览器中打开下面的地址。',
    en: "Scan the QR code with the tablet's camera, or open the address below in the tablet's browser.",
  },
  fingerprint: {
    zh: '证书指纹（SHA-256），可与服务器启动时显示的核对：',
    en: 'Certificate fingerprint (SHA-256), to compare with what the server printed at start:',
  },
  androidHeading: { zh: '安卓平板', en: 'Android tablet' },
  android1: {
    zh: '下载 kakou-ca.crt（扫码或点上面的地址）。',
    en: 'Download kakou-ca.crt (scan the code or tap the address above).',
  },
  android2: {
    zh: '打开 设置 → 安全 → 加密与凭据 → 安装证书 → CA 证书。',
    en: 'Open Settings → Security → Encryption & credentials → Install a certificate → CA certificate.',
  },
  android3: {
    zh: '点“仍然安装”，输入锁屏密码，选择下载的 kakou-ca.crt。',
    en: 'Tap "Install anyway", enter the screen lock, and pick the downloaded kakou-ca.crt.',
  },
  androidVaries: {
    zh: '各品牌的菜单名称不同（如“更多安全设置”“从存储设备安装”）：可在设置里搜索“证书”。',
    en: 'The wording varies by maker (e.g. "More security settings", "Install from storage"): search Settings for "certificate".',
  },
  ipadHeading: { zh: 'iPad 平板', en: 'iPad' },
  ipad1: {
    zh: '用 Safari 打开上面的地址（或扫码），点“允许”下载描述文件。',
    en: 'Open the address above in Safari (or scan the code) and tap Allow to download the profile.',
  },
  ipad2: {
    zh: '打开 设置 → 已下载描述文件 → 安装（输入密码后再点安装）。',
    en: 'Open Settings → Profile Downloaded → Install (enter the passcode, then Install again).',
  },
  ipad3: {
    zh: '打开 设置 → 通用 → 关于本机 → 证书信任设置，打开“Kakou authority …”的完全信任。',
    en: 'Open Settings → General → About → Certificate Trust Settings and turn on full trust for "Kakou authority …".',
  },
  openHeading: { zh: '最后：打开卡口', en: 'Then: open Kakou' },
  open: {
    zh: '信任证书后点此链接（可添加到主屏幕）：',
    en: 'Once the certificate is trusted, tap this link (and add it to the home screen):',
  },
  operatorCertificate: {
    zh: '本服务器使用单位提供的证书，平板无需安装任何证书。',
    en: 'This server uses a certificate from your organisation: the tablet needs nothing installed.',
  },
} as const satisfies Record<string, Bilingual>;
