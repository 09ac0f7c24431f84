// What the enrollment form accepts before it calls the server: addresses, codes typed or scanned, tablet names.
import { describe, expect, it } from 'vitest';
import {
  checkDeviceName,
  checkEnrollmentCode,
  checkServerAddress,
  parseScannedEnrollment,
} from './enrollment-input.ts';

const CODE = 'K7QX-4MZP-8RTW-2NCV-H5JD';

describe('checkServerAddress', () => {
  it('keeps what an officer types as a base URL without a trailing slash', () => {
    expect(checkServerAddress(' https://kakou.example.cn/ ', 'https:')).toEqual({
      ok: true,
      baseUrl: 'https://kakou.example.cn',
    });
    expect(checkServerAddress('http://127.0.0.1:8080', 'http:')).toEqual({
      ok: true,
      baseUrl: 'http://127.0.0.1:8080',
    });
    expect(checkServerAddress('192.168.1.20:8080', 'http:')).toEqual({ ok: true, baseUrl: 'http://192.168.1.20:8080' });
    expect(checkServerAddress('https://proxy.example.cn/kakou/', 'https:')).toEqual({
      ok: true,
      baseUrl: 'https://proxy.example.cn/kakou',
    });
  });

  it('names the problem: empty, not an address, an http server an https page may not call', () => {
    expect(checkServerAddress('  ', 'https:')).toEqual({ ok: false, problem: 'empty' });
    expect(checkServerAddress('ftp://kakou.example.cn', 'https:')).toEqual({ ok: false, problem: 'notUrl' });
    expect(checkServerAddress('http://kakou.example.cn', 'https:')).toEqual({ ok: false, problem: 'mixedContent' });
    // Loopback is a secure context for the browser: allowed from an https page.
    expect(checkServerAddress('http://127.0.0.1:8080', 'https:')).toEqual({
      ok: true,
      baseUrl: 'http://127.0.0.1:8080',
    });
  });
});

describe('checkEnrollmentCode and checkDeviceName', () => {
  it('accepts a code however it is spaced or cased, refuses an empty or short one', () => {
    expect(checkEnrollmentCode(CODE)).toBeNull();
    expect(checkEnrollmentCode('k7qx 4mzp 8rtw 2ncv h5jd')).toBeNull();
    expect(checkEnrollmentCode(' ')).toBe('empty');
    expect(checkEnrollmentCode('K7QX-4MZP-8RTW')).toBe('tooShort');
  });

  it('wants a name of 1 to 40 characters', () => {
    expect(checkDeviceName(' 3号平板 ')).toBeNull();
    expect(checkDeviceName('   ')).toBe('empty');
    expect(checkDeviceName('平'.repeat(41))).toBe('tooLong');
  });
});

describe('parseScannedEnrollment', () => {
  it('reads the server’s JSON QR, with or without a server', () => {
    expect(
      parseScannedEnrollment(JSON.stringify({ server: 'http://127.0.0.1:8080', code: CODE.toLowerCase() })),
    ).toEqual({
      code: CODE,
      server: 'http://127.0.0.1:8080',
    });
    expect(parseScannedEnrollment(JSON.stringify({ code: CODE }))).toEqual({ code: CODE });
  });

  it('reads a bare code', () => {
    expect(parseScannedEnrollment(` ${CODE}\n`)).toEqual({ code: CODE });
  });

  it('refuses what is not an enrollment code: a health-code URL, broken JSON, JSON without a code, a short token', () => {
    expect(parseScannedEnrollment('https://jkm.hunan.gov.cn/c/4f1c9a7e2b3d')).toBeNull();
    expect(parseScannedEnrollment('{"code": ')).toBeNull();
    expect(parseScannedEnrollment('{"server":"http://127.0.0.1:8080"}')).toBeNull();
    expect(parseScannedEnrollment('6923450657713')).toBeNull();
  });
});
