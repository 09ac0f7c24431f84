import { describe, expect, it } from 'vitest';
import { sha256Hex } from './sha256.ts';

describe('sha256Hex', () => {
  it('matches the FIPS 180-2 test vectors', async () => {
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('hashes the UTF-8 bytes of Chinese text and emoji (as the server would)', async () => {
    // Reference computed with Node's crypto.createHash('sha256').update(text, 'utf8').
    expect(await sha256Hex('卡口 健康码 🚗')).toBe('2eb8a8f024c895c8e9ec77a0c4215de15c0264e2a0c445e59e62ad68bb46ba86');
  });

  it('gives different digests for payloads that differ in one character', async () => {
    const a = await sha256Hex('health-code:0001');
    const b = await sha256Hex('health-code:0002');
    expect(a).toMatch(/^[0-9a-f]{64}$/u);
    expect(a).not.toBe(b);
  });
});
