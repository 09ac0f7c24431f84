// Pasted risk areas through HTTP on SQLite and PostgreSQL: each line matched against the server's own division lists
// or refused with its reason, in order; admins only; bounded; never a 5xx.
import type { InjectOptions } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { riskAreaSchema } from '../../contract/policy.ts';
import { DEFAULT_POLICY } from '../../domain/policy.ts';
import type { RiskAreaLine } from '../../domain/risk-area-lines.ts';
import { openTestApp, type TestApp } from '../../../tests/support/server/app.ts';
import { writeSampleDivisionDist, type DivisionDist } from '../../../tests/support/server/division-dist.ts';
import { forEachStore } from '../../../tests/support/server/store/stores.ts';

const URL = '/api/v1/policy/risk-area-lines';

forEachStore('pasted risk-area lines', ({ store }) => {
  let dist: DivisionDist;
  let t: TestApp;
  beforeEach(async () => {
    dist = writeSampleDivisionDist();
    t = await openTestApp(store(), { distDir: dist.dir });
  });
  afterEach(async () => {
    await t.close();
    dist.remove();
  });

  const paste = (text: string, headers: Record<string, string> | null = t.admin.headers) =>
    t.inject({ method: 'POST', url: URL, payload: { text }, ...(headers === null ? {} : { headers }) });
  const linesOf = (response: Awaited<ReturnType<typeof paste>>) => response.json<{ lines: RiskAreaLine[] }>().lines;

  it('answers a paste of good and bad lines line by line, in order, each matched or refused with its reason', async () => {
    const text = [
      '湖南省 娄底市 双峰县 中风险',
      '',
      '湖南　娄底\t高风险',
      '北京 朝阳区 high',
      '朝阳区 中风险',
      '湖南省 长沙市 中风险',
      '湖南省 娄底市 岳麓区 中风险',
      '广东省 中风险',
      '湖南省 娄底市',
      '湖南省 低风险',
      '湖南省 娄底市 双峰县 三塘铺镇 中风险',
      '湖南 娄底 双峰 中风险',
      '湖南\u200B省 中风险',
    ].join('\r\n');
    const response = await paste(text);
    expect(response.statusCode).toBe(200);
    const lines = linesOf(response);
    expect(lines.map((l) => [l.lineNumber, l.result.kind === 'matched' ? 'matched' : l.result.reason.code])).toEqual([
      [1, 'matched'],
      [3, 'matched'],
      [4, 'matched'],
      [5, 'ambiguous-name'],
      [6, 'city-not-in-province'],
      [7, 'county-not-in-city'],
      [8, 'unknown-province'],
      [9, 'no-level'],
      [10, 'unknown-level'],
      [11, 'too-many-parts'],
      [12, 'duplicate'],
      [13, 'hidden-character'],
    ]);
    expect(lines[0]).toEqual({
      lineNumber: 1,
      text: '湖南省 娄底市 双峰县 中风险',
      result: {
        kind: 'matched',
        area: { province: '湖南省', city: '娄底市', county: '双峰县', level: 'medium' },
        codes: { province: '43', city: '4313', county: '431321' },
      },
    });
    expect(lines.slice(1, 3).map((l) => l.result.kind === 'matched' && l.result.area)).toEqual([
      { province: '湖南省', city: '娄底市', level: 'high' },
      { province: '北京市', city: '北京市', county: '朝阳区', level: 'high' },
    ]);
    expect(lines[4]?.result).toEqual({
      kind: 'refused',
      reason: {
        code: 'city-not-in-province',
        words: { 'zh-CN': '湖南省没有“长沙市”这个市（州）或县区', en: 'No city or county named “长沙市” in 湖南省' },
      },
    });
    expect(lines[10]?.result).toMatchObject({ reason: { earlierLine: 1 } });
  });

  it('matches lines into areas the policy takes as they are', async () => {
    const lines = linesOf(await paste('湖南 娄底 双峰 高风险\n北京市 朝阳区 中风险\n吉林 长春 朝阳 中风险'));
    const riskAreas = lines.flatMap((l) => (l.result.kind === 'matched' ? [l.result.area] : []));
    expect(riskAreas).toHaveLength(3);
    for (const area of riskAreas) expect(riskAreaSchema.parse(area)).toEqual(area);
    const published = await t.inject({
      method: 'PUT',
      url: '/api/v1/policy',
      headers: t.admin.headers,
      payload: { ...DEFAULT_POLICY, version: undefined, riskAreas },
    });
    expect(published.statusCode).toBe(201);
    expect(published.json<{ riskAreas: unknown }>().riskAreas).toEqual(riskAreas);
  });

  it('is an admin’s: no token 401, a device 403, a lead 403', async () => {
    const none = await paste('湖南 中风险', null);
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer');
    expect((await paste('湖南 中风险', t.device.headers)).statusCode).toBe(403);
    expect((await paste('湖南 中风险', (await t.leadSession()).headers)).statusCode).toBe(403);
  });

  it('takes 2,000 lines and refuses 2,001 with a problem that says so', async () => {
    const lines = (count: number) => '湖南 中风险\n'.repeat(count);
    const taken = await paste(lines(2000));
    expect(taken.statusCode).toBe(200);
    expect(linesOf(taken)).toHaveLength(2000);
    const refused = await paste(lines(2001));
    expect(refused.statusCode).toBe(400);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/u);
    expect(refused.json<{ detail: string }>().detail).toBe(
      'body.text: at most 2000 lines at once; paste the rest separately',
    );
  });

  it('refuses a body over 64 KB with 413', async () => {
    const response = await paste(`湖南省 ${'长'.repeat(22_000)} 中风险`);
    expect(response.statusCode).toBe(413);
  });

  it('answers 503 in words when the server has no division lists', async () => {
    const bare = await openTestApp(store());
    try {
      const response = await bare.inject({
        method: 'POST',
        url: URL,
        headers: bare.admin.headers,
        payload: { text: '湖南 中风险' },
      });
      expect(response.statusCode).toBe(503);
      expect(response.json<{ detail: string }>().detail).toMatch(/no division lists/u);
    } finally {
      await bare.close();
    }
  });

  it('answers hostile input below 500: a problem, or every line matched or refused', async () => {
    const raw = (payload: string, contentType = 'application/json'): InjectOptions => ({
      method: 'POST',
      url: URL,
      payload,
      headers: { ...t.admin.headers, 'content-type': contentType },
    });
    const requests: InjectOptions[] = [
      raw('{"text":"\\ud800 湖南 中风险\\n\\udfff"}'),
      raw('{"text":"\\u0000湖南\\u202e 中风险\\u2028北京 high"}'),
      raw('{"text":5}'),
      raw('{"text":["湖南 中风险"]}'),
      raw('{}'),
      raw('null'),
      raw('"湖南 中风险"'),
      raw('{"__proto__":{"text":"x"},"text":"湖南 中风险"}'),
      raw('{"constructor":{"prototype":{"text":"x"}},"text":"湖南 中风险"}'),
      raw('{"text":'),
      raw(JSON.stringify({ text: '\n'.repeat(30_000) })),
      raw(JSON.stringify({ text: ' \t\u3000'.repeat(10_000) })),
      raw(JSON.stringify({ text: `${'湖南 '.repeat(5000)}中风险` })),
      raw(JSON.stringify({ text: '=HYPERLINK("http://x") 中风险\n@SUM(1) high\n-1 medium\n+1 中风险' })),
      raw('湖南 中风险', 'text/plain'),
      { method: 'POST', url: URL, headers: t.admin.headers },
    ];
    // And a few hundred pastes strung together from a fixed seed out of names, separators and characters no name holds.
    const pieces = [
      '湖南',
      '省',
      '娄底',
      '市',
      '双峰县',
      '朝阳区',
      '北京',
      '市辖区',
      ' ',
      '\t',
      '　',
      '\n',
      '\r\n',
      '中风险',
      '高风险区',
      'HIGH',
      'low',
      '\u0000',
      '\u202E',
      '\u200B',
      '\uFEFF',
      '\uD83D',
      '😀',
      '"',
      '\\',
      '风险',
    ];
    let seed = 2022;
    const next = () => {
      seed = (seed * 48271) % 2147483647;
      return seed;
    };
    for (let run = 0; run < 200; run += 1) {
      const text = Array.from({ length: next() % 60 }, () => pieces[next() % pieces.length]).join('');
      requests.push({ method: 'POST', url: URL, headers: t.admin.headers, payload: { text } });
    }
    for (const request of requests) {
      const response = await t.inject(request);
      const sent = request.payload;
      const where = (typeof sent === 'string' ? sent : JSON.stringify(sent ?? null)).slice(0, 80);
      expect(response.statusCode, where).toBeLessThan(500);
      if (response.statusCode !== 200) {
        expect(response.headers['content-type'], where).toMatch(/^application\/problem\+json/u);
        continue;
      }
      for (const line of linesOf(response)) expect(['matched', 'refused'], where).toContain(line.result.kind);
    }
  });
});
