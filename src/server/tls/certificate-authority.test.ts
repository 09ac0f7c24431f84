// The server's own authority on disk: made once, read back on every start, its key readable by the server user alone.
import { X509Certificate } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AUTHORITY_LIFETIME_DAYS, DAY_MS, openCertificateAuthority } from './certificate-authority.ts';

const modeOf = (path: string) => statSync(path).mode & 0o777;

describe('openCertificateAuthority', () => {
  let dataDir: string;
  let tlsDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'kakou-ca-'));
    tlsDir = join(dataDir, 'tls');
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('creates the authority on the first start and reuses it on every later one', async () => {
    const now = new Date();
    const first = await openCertificateAuthority({ tlsDir, now, hostName: 'checkpoint-pc' });
    const second = await openCertificateAuthority({
      tlsDir,
      now: new Date(now.getTime() + 90 * DAY_MS),
      hostName: 'checkpoint-pc',
    });
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.certificatePem).toBe(first.certificatePem);

    const certificate = new X509Certificate(first.certificatePem);
    expect(certificate.ca).toBe(true);
    expect(certificate.subject).toMatch(/CN=Kakou authority checkpoint-pc/u);
    expect(certificate.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(Date.parse(certificate.validTo) - now.getTime()).toBeGreaterThan((AUTHORITY_LIFETIME_DAYS - 1) * DAY_MS);
  });

  it('keeps the key file 0600 and its folders 0700, and narrows them again when a copy widened them', async () => {
    const authority = await openCertificateAuthority({ tlsDir, now: new Date(), hostName: 'pc' });
    expect(modeOf(tlsDir)).toBe(0o700);
    expect(modeOf(authority.directory)).toBe(0o700);
    expect(modeOf(join(authority.directory, 'ca.key'))).toBe(0o600);

    chmodSync(join(authority.directory, 'ca.key'), 0o644);
    chmodSync(tlsDir, 0o755);
    await openCertificateAuthority({ tlsDir, now: new Date(), hostName: 'pc' });
    expect(modeOf(join(authority.directory, 'ca.key'))).toBe(0o600);
    expect(modeOf(tlsDir)).toBe(0o700);
  });

  it('ends up with one authority when two processes start at once on the same data directory', async () => {
    const [a, b] = await Promise.all([
      openCertificateAuthority({ tlsDir, now: new Date(), hostName: 'pc' }),
      openCertificateAuthority({ tlsDir, now: new Date(), hostName: 'pc' }),
    ]);
    expect(a.certificatePem).toBe(b.certificatePem);
  });

  it('refuses to start on an authority missing its key rather than making a second one tablets do not trust', async () => {
    const authority = await openCertificateAuthority({ tlsDir, now: new Date(), hostName: 'pc' });
    unlinkSync(join(authority.directory, 'ca.key'));
    await expect(openCertificateAuthority({ tlsDir, now: new Date(), hostName: 'pc' })).rejects.toThrow(
      /incomplete \(ca\.key/u,
    );
  });

  it('refuses an authority that has expired, saying what to do', async () => {
    const now = new Date();
    await openCertificateAuthority({ tlsDir, now, hostName: 'pc' });
    const later = new Date(now.getTime() + (AUTHORITY_LIFETIME_DAYS + 1) * DAY_MS);
    await expect(openCertificateAuthority({ tlsDir, now: later, hostName: 'pc' })).rejects.toThrow(
      /expired.*move the folder away/u,
    );
  });
});
