// The enrollment form as an officer meets it: where it starts, nothing sent while a field is wrong (and which field
// to fix first), codes however they are typed or scanned, asking before an enrolled tablet is enrolled again, and
// every failure named the way the screen says it.
import { act, renderHook, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SettingsMap } from '../../db/settings-repository.ts';
import { UNENROLLED_CHECKPOINT_ID } from '../../db/settings-repository.ts';
import type { EnrollTabletRequest, EnrollTabletResult } from '../../sync/enroll-tablet.ts';
import { EnrollmentError } from '../../sync/transport.ts';
import { useEnrollmentForm, type EnrollmentFormOptions } from './use-enrollment-form.ts';

const PAGE = 'https://kakou.example.cn/enroll';
const CODE = 'K7QX-4MZP-8RTW-2NCV-H5JD';
const LEAD_PIN = '482913';

const RESULT: EnrollTabletResult = {
  device: {
    deviceId: 'dev-42',
    token: 'tok-secret',
    checkpoint: { id: 'cp-hn-lou-01', name: '娄底东收费站', province: '湖南', city: '娄底', timezone: 'Asia/Shanghai' },
  },
  adopted: 0,
  policyFetched: true,
  leadPinFromCheckpoint: false,
};

const unenrolled: SettingsMap['device'] = {
  checkpointId: UNENROLLED_CHECKPOINT_ID,
  checkpointName: '',
  province: '',
  city: '',
  timeZone: 'Asia/Shanghai',
  deviceId: 'local-7f3a',
  deviceName: '',
};

const enrolled: SettingsMap['device'] = {
  ...unenrolled,
  checkpointId: 'cp-old',
  checkpointName: '旧卡口',
  deviceId: 'dev-old',
  deviceName: '3号平板',
  serverUrl: 'https://old.example.cn',
  token: 'tok-old',
  enrolledAt: 1,
};

function renderForm(options: Partial<EnrollmentFormOptions> = {}) {
  const requests: EnrollTabletRequest[] = [];
  const enroll =
    options.enroll ??
    ((request: EnrollTabletRequest) => {
      requests.push(request);
      return Promise.resolve(RESULT);
    });
  const hook = renderHook(() =>
    useEnrollmentForm({ device: unenrolled, leadPinSet: false, pageUrl: PAGE, ...options, enroll }),
  );
  return { ...hook, requests };
}

type Form = ReturnType<typeof useEnrollmentForm>;

function fill(form: { current: Form }, values: { code?: string; name?: string; pin?: string } = {}) {
  act(() => {
    form.current.setCode(values.code ?? CODE);
    form.current.setName(values.name ?? '3号平板');
    form.current.setPins(values.pin ?? LEAD_PIN, values.pin ?? LEAD_PIN);
  });
}

function submit(form: { current: Form }) {
  let fix: ReturnType<Form['submit']> = null;
  act(() => {
    fix = form.current.submit();
  });
  return fix;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('useEnrollmentForm: the fields', () => {
  it('starts from the page’s own server on a new tablet, from the enrolled server and name on an enrolled one', () => {
    const fresh = renderForm({ pageUrl: 'http://127.0.0.1:8080/enroll' }).result.current;
    expect(fresh.server).toBe('http://127.0.0.1:8080');
    expect(fresh.current).toBeNull();
    expect(fresh.asksLeadPin).toBe(true);

    const again = renderForm({ device: enrolled, leadPinSet: true }).result.current;
    expect(again.server).toBe('https://old.example.cn');
    expect(again.name).toBe('3号平板');
    expect(again.asksLeadPin).toBe(false);
  });

  it('shows no problem until the officer tries, then sends nothing and names the first field to fix', () => {
    const { result, requests } = renderForm();
    expect(result.current.shownProblems).toEqual({ server: null, code: null, name: null, pin: null });

    expect(submit(result)).toBe('code');
    expect(result.current.shownProblems).toEqual({ server: null, code: 'empty', name: 'empty', pin: 'empty' });
    expect(result.current.valid).toBe(false);

    act(() => {
      result.current.setServer('');
    });
    expect(submit(result)).toBe('server');
    expect(requests).toEqual([]);
  });

  it('refuses a short code, a long name, a PIN typed differently twice, an http server from an https page', () => {
    const { result, requests } = renderForm();
    fill(result, { code: 'K7QX-4MZP', name: '平'.repeat(41) });
    act(() => {
      result.current.setServer('http://192.168.1.20:8080');
      result.current.setPins(LEAD_PIN, '482931');
    });
    expect(submit(result)).toBe('server');
    expect(result.current.shownProblems).toEqual({
      server: 'mixedContent',
      code: 'tooShort',
      name: 'tooLong',
      pin: 'mismatch',
    });
    expect(requests).toEqual([]);
  });

  it('accepts a code however it is spaced or cased, and sends the name trimmed', async () => {
    const { result, requests } = renderForm();
    fill(result, { code: 'k7qx 4mzp 8rtw 2ncv h5jd', name: ' 3号平板 ' });
    act(() => {
      result.current.setServer('https://kakou.example.cn/');
    });
    expect(result.current.problems.code).toBeNull();
    expect(submit(result)).toBeNull();

    await waitFor(() => {
      expect(result.current.phase).toEqual({ kind: 'done', result: RESULT });
    });
    // The code goes as typed: the transport folds spaces and case the same way for every caller.
    expect(requests).toEqual([
      {
        serverUrl: 'https://kakou.example.cn',
        enrollmentCode: 'k7qx 4mzp 8rtw 2ncv h5jd',
        deviceName: '3号平板',
        leadPin: LEAD_PIN,
      },
    ]);
  });
});

describe('useEnrollmentForm: scanning the code', () => {
  it('fills the code in upper-case groups and the server from the server’s QR, and closes the scanner', () => {
    const { result } = renderForm();
    act(() => {
      result.current.toggleScanner();
    });
    act(() => {
      result.current.scanned(JSON.stringify({ server: 'http://127.0.0.1:8080', code: CODE.toLowerCase() }));
    });
    expect(result.current.code).toBe(CODE);
    expect(result.current.server).toBe('http://127.0.0.1:8080');
    expect(result.current.scanNote).toBe('scannedWithServer');
    expect(result.current.scanOpen).toBe(false);
  });

  it('says a health code is not an enrollment code, keeps the scanner open, and forgets the note once the officer types', () => {
    const { result } = renderForm();
    act(() => {
      result.current.toggleScanner();
    });
    act(() => {
      result.current.scanned('https://jkm.hunan.gov.cn/c/4f1c9a7e2b3d');
    });
    expect(result.current.scanNote).toBe('scannedNotCode');
    expect(result.current.code).toBe('');
    expect(result.current.scanOpen).toBe(true);

    act(() => {
      result.current.setCode('K');
    });
    expect(result.current.scanNote).toBeNull();
  });
});

describe('useEnrollmentForm: enrolling', () => {
  it('asks before enrolling an enrolled tablet again; cancelling sends nothing; confirming keeps the PIN out of it', async () => {
    const { result, requests } = renderForm({ device: enrolled, leadPinSet: true });
    act(() => {
      result.current.setServer('https://kakou.example.cn');
      result.current.setCode(CODE);
    });
    submit(result);
    expect(result.current.phase).toEqual({ kind: 'confirming' });
    act(() => {
      result.current.cancelConfirm();
    });
    expect(result.current.phase).toEqual({ kind: 'editing' });
    expect(requests).toEqual([]);

    submit(result);
    submit(result);
    await waitFor(() => {
      expect(result.current.phase.kind).toBe('done');
    });
    expect(requests).toEqual([{ serverUrl: 'https://kakou.example.cn', enrollmentCode: CODE, deviceName: '3号平板' }]);
  });

  it.each([
    [
      'a wrong code, with the server’s words',
      new EnrollmentError('invalid-code', { status: 403, detail: 'The enrollment code is not valid.' }),
      { key: 'errorInvalidCode', detail: 'The enrollment code is not valid.' },
    ],
    [
      'too many wrong codes, in whole minutes',
      new EnrollmentError('rate-limited', { status: 429, detail: null, retryAfterMs: 90_000 }),
      { key: 'errorRateLimited', minutes: 2, detail: null },
    ],
    [
      'a server it could not reach, by its address',
      new EnrollmentError('network', { status: null, detail: null }),
      { key: 'errorNetwork', values: { server: 'https://kakou.example.cn' }, detail: null },
    ],
    ['a 5xx', new EnrollmentError('server', { status: 503, detail: 'busy' }), { key: 'errorServer', detail: 'busy' }],
  ])('names %s, and lets the officer try again', async (_what, error, failure) => {
    const { result } = renderForm({ enroll: () => Promise.reject(error) });
    fill(result);
    submit(result);
    await waitFor(() => {
      expect(result.current.failure).toEqual(failure);
    });
    expect(result.current.phase).toEqual({ kind: 'editing' });
  });

  it('says the tablet is offline without trying', () => {
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    const { result, requests } = renderForm();
    fill(result);
    submit(result);
    expect(result.current.failure).toEqual({ key: 'errorOffline', detail: null });
    expect(result.current.phase).toEqual({ kind: 'editing' });
    expect(requests).toEqual([]);
  });
});
