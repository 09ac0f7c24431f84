// The console's client for pasted risk areas: the text posted as POST /api/v1/policy/risk-area-lines takes it, and the
// answer the route gives (the domain's lines, through JSON) read back whole; anything else is a protocol error.
import { describe, expect, it, vi } from 'vitest';
import { sampleCountyIndex } from '../../tests/support/domain/sample-divisions.ts';
import { riskAreaLines } from '../domain/risk-area-lines.ts';
import { createAdminClient } from './admin-client.ts';
import { SyncProtocolError, SyncRequestRejectedError, type FetchLike } from './transport.ts';

const BASE = 'https://command.example';

function answering(status: number, body: unknown) {
  const contentType = status >= 400 ? 'application/problem+json' : 'application/json';
  return vi.fn<FetchLike>(() =>
    Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'content-type': contentType } })),
  );
}

describe('riskAreaLines', () => {
  it('posts the pasted text with the session token and reads every line the route answers', async () => {
    const text = '湖南省 娄底市 双峰县 中风险\n朝阳区 高风险\n\n湖南 娄底 双峰 低风险';
    const lines = riskAreaLines(text, sampleCountyIndex);
    const fetch = answering(200, { lines });
    const client = createAdminClient({ baseUrl: BASE, token: 'session-1', fetch });

    expect(await client.riskAreaLines(text)).toEqual(lines);

    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe(`${BASE}/api/v1/policy/risk-area-lines`);
    expect(init?.method).toBe('POST');
    expect(init?.headers).toMatchObject({ authorization: 'Bearer session-1', 'content-type': 'application/json' });
    expect(JSON.parse(init?.body as string)).toEqual({ text });
    expect(lines.map((line) => line.result.kind)).toEqual(['matched', 'refused', 'refused']);
  });

  it('refuses an answer that is not the route’s, and passes a refusal of the paste on', async () => {
    const strange = createAdminClient({
      baseUrl: BASE,
      token: 't',
      fetch: answering(200, { lines: [{ lineNumber: 1, text: 'x', result: { kind: 'maybe' } }] }),
    });
    await expect(strange.riskAreaLines('x')).rejects.toBeInstanceOf(SyncProtocolError);

    const tooLong = createAdminClient({
      baseUrl: BASE,
      token: 't',
      fetch: answering(400, { type: 'about:blank', title: 'Bad Request', status: 400, detail: 'at most 2000 lines' }),
    });
    await expect(tooLong.riskAreaLines('x')).rejects.toBeInstanceOf(SyncRequestRejectedError);
  });
});
