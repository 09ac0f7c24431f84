// The trust guide a tablet opens over plain HTTP: one server-rendered page, no script, large enough to read at arm's
// length on a 10-inch tablet, every value escaped, its one style block allowed by hash.
import { createHash } from 'node:crypto';
import { GUIDE_MESSAGES, type Bilingual } from './guide-messages.ts';

const GUIDE_STYLE = `
  :root { color-scheme: light; font-family: system-ui, "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; }
  body { margin: 0 auto; max-width: 64rem; padding: 1.5rem; font-size: 1.4rem; line-height: 1.5; color: #111; background: #fff; }
  h1 { font-size: 2rem; margin: 0 0 1rem; }
  h2 { font-size: 1.6rem; margin: 2rem 0 0.5rem; border-top: 2px solid #ccc; padding-top: 1rem; }
  .pair { display: grid; grid-template-columns: 1fr; gap: 0.25rem 2rem; margin: 0.5rem 0; }
  @media (min-width: 45rem) { .pair { grid-template-columns: 1fr 1fr; } }
  .pair > [lang="en"] { color: #444; }
  p, li { margin: 0; }
  ol { margin: 0.5rem 0; padding-left: 1.8rem; }
  ol li { margin: 0.6rem 0; }
  .qr { width: min(80vw, 20rem); margin: 1rem 0; }
  .qr svg { display: block; width: 100%; height: auto; }
  .address, .fingerprint { font-family: ui-monospace, monospace; overflow-wrap: anywhere; }
  .fingerprint { font-size: 1rem; }
  a { color: #0645ad; }
  a.open { display: inline-block; margin: 1rem 0; padding: 1rem 1.5rem; font-size: 1.8rem; border: 3px solid #0645ad; border-radius: 0.75rem; text-decoration: none; overflow-wrap: anywhere; }
`;

/** The page runs nothing, loads nothing and cannot be framed; its only style is the block above. */
export const GUIDE_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(GUIDE_STYLE).digest('base64')}'`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/gu, (character) => HTML_ESCAPES[character] ?? character);
}

const pair = (message: Bilingual, tag: 'p' | 'h1' | 'h2' = 'p'): string =>
  tag === 'p'
    ? `<div class="pair"><p lang="zh-CN">${escapeHtml(message.zh)}</p><p lang="en">${escapeHtml(message.en)}</p></div>`
    : `<${tag}><span lang="zh-CN">${escapeHtml(message.zh)}</span> · <span lang="en">${escapeHtml(message.en)}</span></${tag}>`;

const steps = (messages: readonly Bilingual[]): string =>
  `<div class="pair"><ol lang="zh-CN">${messages.map((m) => `<li>${escapeHtml(m.zh)}</li>`).join('')}</ol>` +
  `<ol lang="en">${messages.map((m) => `<li>${escapeHtml(m.en)}</li>`).join('')}</ol></div>`;

export interface GuidePageInput {
  /** https://…/ the app opens at. */
  appUrl: string;
  /** The authority to trust; null when the operator's certificate is served (nothing to install). */
  authority: {
    /** http://…/ca.crt on this helper. */
    downloadUrl: string;
    /** An <svg> of the download address, from the qrcode package (our own markup, not escaped). */
    qrSvg: string;
    fingerprint: string;
  } | null;
}

export function renderGuidePage({ appUrl, authority }: GuidePageInput): string {
  const m = GUIDE_MESSAGES;
  const trust =
    authority === null
      ? pair(m.operatorCertificate)
      : [
          pair(m.downloadHeading, 'h2'),
          pair(m.download),
          `<div class="qr">${authority.qrSvg}</div>`,
          `<p class="address"><a href="${escapeHtml(authority.downloadUrl)}">${escapeHtml(authority.downloadUrl)}</a></p>`,
          pair(m.fingerprint),
          `<p class="fingerprint">${escapeHtml(authority.fingerprint)}</p>`,
          pair(m.androidHeading, 'h2'),
          steps([m.android1, m.android2, m.android3]),
          pair(m.androidVaries),
          pair(m.ipadHeading, 'h2'),
          steps([m.ipad1, m.ipad2, m.ipad3]),
        ].join('\n');
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${m.title.zh} · ${m.title.en}`)}</title>
<style>${GUIDE_STYLE}</style>
</head>
<body>
${pair(m.title, 'h1')}
${pair(m.why)}
${trust}
${pair(m.openHeading, 'h2')}
${pair(m.open)}
<p><a class="open" href="${escapeHtml(appUrl)}">${escapeHtml(appUrl)}</a></p>
</body>
</html>
`;
}
