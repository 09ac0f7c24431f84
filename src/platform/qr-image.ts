// A QR code as an image the page can show and print: the `qrcode` package, loaded on first use (only the insecure-
// context screen and the console's enrollment poster draw one).

/** An SVG data URL of a QR code for `text`. */
export async function qrCodeImageUrl(text: string): Promise<string> {
  const { default: qrcode } = await import('qrcode');
  // A four-module quiet zone, as the QR standard asks: phone cameras find the code faster against a white border.
  const svg = await qrcode.toString(text, {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: 4,
    color: { dark: '#000000', light: '#ffffff' },
  });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
