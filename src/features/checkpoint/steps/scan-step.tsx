// 一扫: the health code through the camera (only its SHA-256 digest is kept), or ID lookup / no phone.
import { ScannerView } from '../../../components/scanner-view.tsx';
import type { ScanResult } from '../../../components/scanner-view.tsx';
import { useT } from '../../../platform/i18n.ts';
import { sha256Hex } from '../../../platform/crypto/sha256.ts';
import { withArrivedSuggestion } from '../draft/check-draft.ts';
import { checkpointMessages } from '../checkpoint.messages.ts';
import type { StepProps } from './step-props.ts';

export function ScanStep({ draft, index, person, patch, update }: StepProps) {
  const t = useT(checkpointMessages);

  const onScanned = async (result: ScanResult) => {
    // The payload itself is personal data: hash it at once, never store or log it.
    const digest = await sha256Hex(result.text);
    // A new code: the colour is looked at again (二看), with the scanner's suggestion preselected, never recorded.
    patch({
      scan: 'camera',
      codeDigest: digest,
      suggestedCodeColor: result.suggestedColor,
      codeColor: null,
      codeColorSource: 'officer',
      step: 'look',
    });
    // A suggestion still on its way lands on 二看 when it comes, if the officer has not tapped a colour by then.
    const code = { draftId: draft.id, index, codeDigest: digest };
    void result.pendingColor?.then((color) => {
      if (color !== null) update((current) => withArrivedSuggestion(current, code, color));
    });
  };

  return (
    <section aria-labelledby="scan-title">
      <h2 id="scan-title">{t('scanTitle')}</h2>
      <p className="hint">{t('scanHint')}</p>
      {person.scan === 'camera' && person.codeDigest ? <p className="banner banner-ok">{t('scanRecorded')}</p> : null}
      <ScannerView
        autoStart
        onScanned={(result) => {
          void onScanned(result);
        }}
      />
      <div className="btn-row" style={{ marginTop: 12 }}>
        <button
          type="button"
          className="btn btn-big"
          onClick={() => {
            patch({ scan: 'id-lookup', codeDigest: null, suggestedCodeColor: null, step: 'look' });
          }}
        >
          {t('idLookup')}
        </button>
        <button
          type="button"
          className="btn btn-big"
          onClick={() => {
            patch({ scan: 'none', codeDigest: null, suggestedCodeColor: null, step: 'look' });
          }}
        >
          {t('noPhone')}
        </button>
      </div>
    </section>
  );
}
