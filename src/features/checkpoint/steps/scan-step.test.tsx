// 一扫 as the officer meets it: a camera read moves on to 二看 with the scanner's colour suggestion, keeping only the
// code's digest; a new read asks for the colour again.
import { act, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_POLICY } from '../../../domain/policy.ts';
import { sha256Hex } from '../../../platform/crypto/sha256.ts';
import type { FakeScanner } from '../../../platform/scanner/fake-scanner.ts';
import { emptyPerson, updatePerson } from '../draft/check-draft.ts';
import type { CheckDraft, PersonDraft } from '../draft/check-draft.ts';
import { ScanStep } from './scan-step.tsx';
import { makeDraft, TEST_TIME_ZONE } from '../../../../tests/support/features/checkpoint/drafts.ts';

const fake = vi.hoisted(() => ({ current: null as FakeScanner | null }));

vi.mock('../../../platform/scanner/html5-qrcode-scanner.ts', async () => {
  const { createFakeScanner: create } = await import('../../../platform/scanner/fake-scanner.ts');
  return {
    loadHtml5QrcodeScanner: () => {
      fake.current = create();
      return Promise.resolve(fake.current);
    },
  };
});

function renderScan(person: PersonDraft) {
  return renderScanWithDraft(person).patch;
}

/** With a draft that patches and updates really apply to, as the flow screen does. */
function renderScanWithDraft(person: PersonDraft) {
  const initial = makeDraft({ persons: [person] });
  let draft: CheckDraft = initial;
  const update = (edit: (d: CheckDraft) => CheckDraft): void => {
    draft = edit(draft);
  };
  const patch = vi.fn<(patch: Partial<PersonDraft>) => void>((change) => {
    update((d) => updatePerson(d, 0, change));
  });
  render(
    <ScanStep
      draft={initial}
      index={0}
      person={person}
      policy={DEFAULT_POLICY}
      timeZone={TEST_TIME_ZONE}
      update={update}
      patch={patch}
    />,
  );
  return { patch, current: () => draft };
}

/** A suggestion still on its way, as the scanner delivers it after an html5-qrcode read; the test says when it comes. */
function colourToFollow() {
  let tellColour: (color: 'yellow') => void = () => undefined;
  const pendingColor = new Promise<'yellow'>((resolve) => {
    tellColour = resolve;
  });
  return { pendingColor, tellColour };
}

async function runningScanner(): Promise<FakeScanner> {
  await screen.findByText('将二维码完整放入框内');
  const scanner = fake.current;
  if (!scanner?.running) throw new Error('the camera did not start');
  return scanner;
}

describe('ScanStep', () => {
  it('hands the suggested colour to 二看, and clears a colour chosen for an earlier code', async () => {
    const patch = renderScan({
      ...emptyPerson('driver'),
      scan: 'camera',
      codeColor: 'green',
      codeColorSource: 'officer',
    });
    const scanner = await runningScanner();
    act(() => {
      scanner.emit('HC-YELLOW-0001', { decoder: 'zxing-wasm', suggestedColor: 'yellow', msFromCameraStart: 180 });
    });
    const digest = await sha256Hex('HC-YELLOW-0001');
    await waitFor(() => {
      expect(patch).toHaveBeenCalledWith({
        scan: 'camera',
        codeDigest: digest,
        suggestedCodeColor: 'yellow',
        codeColor: null,
        codeColorSource: 'officer',
        step: 'look',
      });
    });
    // Only the digest: the payload itself is nowhere in what is kept.
    expect(JSON.stringify(patch.mock.calls)).not.toContain('HC-YELLOW-0001');
  });

  it('carries no suggestion when the scanner could not tell, nor for ID lookup', async () => {
    const patch = renderScan(emptyPerson('driver'));
    const scanner = await runningScanner();
    act(() => {
      scanner.emit('HC-BLACK-0002');
    });
    await waitFor(() => {
      expect(patch).toHaveBeenCalledWith(expect.objectContaining({ suggestedCodeColor: null, step: 'look' }));
    });
    screen.getByRole('button', { name: '无法扫码，身份证查询' }).click();
    expect(patch).toHaveBeenLastCalledWith({
      scan: 'id-lookup',
      codeDigest: null,
      suggestedCodeColor: null,
      step: 'look',
    });
  });

  it('preselects a suggestion that follows the read on 二看, unless the officer tapped a colour first', async () => {
    const follows = renderScanWithDraft(emptyPerson('driver'));
    const scanner = await runningScanner();
    const { pendingColor, tellColour } = colourToFollow();
    act(() => {
      scanner.emit('HC-YELLOW-0003', { decoder: 'html5-qrcode', suggestedColor: null, pendingColor });
    });
    await waitFor(() => {
      expect(follows.current().persons[0]).toMatchObject({ step: 'look', suggestedCodeColor: null, codeColor: null });
    });
    tellColour('yellow');
    await waitFor(() => {
      expect(follows.current().persons[0]).toMatchObject({
        suggestedCodeColor: 'yellow',
        codeColor: null,
        codeColorSource: 'officer',
      });
    });
  });

  it('leaves the colour the officer tapped before a late suggestion came', async () => {
    const tappedFirst = renderScanWithDraft(emptyPerson('driver'));
    const scanner = await runningScanner();
    const { pendingColor, tellColour } = colourToFollow();
    act(() => {
      scanner.emit('HC-YELLOW-0004', { decoder: 'html5-qrcode', suggestedColor: null, pendingColor });
    });
    await waitFor(() => {
      expect(tappedFirst.current().persons[0]?.step).toBe('look');
    });
    tappedFirst.patch({ codeColor: 'green', codeColorSource: 'officer', step: 'check' });
    tellColour('yellow');
    await pendingColor;
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(tappedFirst.current().persons[0]).toMatchObject({
      codeColor: 'green',
      codeColorSource: 'officer',
      suggestedCodeColor: null,
    });
  });
});
