// The https:// address an officer is sent to from a plain-HTTP address, for the ways a tablet can reach the server.
import { describe, expect, it } from 'vitest';
import { secureAddresses } from './secure-origin.ts';

describe('secureAddresses', () => {
  it('sends a LAN address on the server port to the same host on the server HTTPS port', () => {
    expect(secureAddresses('http://192.168.1.20:8080/')).toEqual({
      appUrl: 'https://192.168.1.20:8443/',
      guideUrl: 'http://192.168.1.20:8080/',
      caCertificateUrl: 'http://192.168.1.20:8080/ca.crt',
    });
  });

  it('keeps the host name and the page the officer was on', () => {
    expect(secureAddresses('http://kakou.lan:3000/checks?date=2024-05-01').appUrl).toBe(
      'https://kakou.lan:8443/checks?date=2024-05-01',
    );
  });

  it('sends a page loaded with no port (port 80, a proxy in front) to 443, with no port in the link', () => {
    expect(secureAddresses('http://kakou.example.cn/').appUrl).toBe('https://kakou.example.cn/');
    expect(secureAddresses('http://kakou.example.cn:80/report').appUrl).toBe('https://kakou.example.cn/report');
    // The certificate guide is still the server's helper on 8080.
    expect(secureAddresses('http://kakou.example.cn/').guideUrl).toBe('http://kakou.example.cn:8080/');
  });

  it('keeps an IPv6 address in brackets', () => {
    expect(secureAddresses('http://[fd00::20]:8080/')).toEqual({
      appUrl: 'https://[fd00::20]:8443/',
      guideUrl: 'http://[fd00::20]:8080/',
      caCertificateUrl: 'http://[fd00::20]:8080/ca.crt',
    });
    expect(secureAddresses('http://[fd00::20]/').appUrl).toBe('https://[fd00::20]/');
  });

  it('drops the page path and query from the guide address', () => {
    expect(secureAddresses('http://10.0.0.5:8080/enroll?code=K7QX#top').guideUrl).toBe('http://10.0.0.5:8080/');
  });
});
