// Settings → Diagnostics: the latest errors, when and where they happened and their original text (redacted by
// platform/diagnostics.ts), for whoever supports the tablet. The only place raw error text is shown. ADR 036.
import { useSetting } from '../../db/live-queries.ts';
import { DEFAULT_TIME_ZONE, wallDateAndSecond } from '../../domain/time.ts';
import { clearDiagnostics, useDiagnostics } from '../../platform/diagnostics.ts';
import { useT } from '../../platform/i18n.ts';
import { settingsMessages } from './settings.messages.ts';

export function DiagnosticsSection() {
  const t = useT(settingsMessages);
  const entries = useDiagnostics();
  const timeZone = useSetting('device')?.timeZone ?? DEFAULT_TIME_ZONE;
  return (
    <div data-testid="diagnostics">
      <p className="hint">{t('diagnosticsHint')}</p>
      {entries.length === 0 ? (
        <p>{t('diagnosticsEmpty')}</p>
      ) : (
        <>
          <ol style={{ paddingLeft: 20 }}>
            {entries.map((entry, index) => (
              <li key={`${entry.at}-${index}`} data-testid="diagnostic-entry" style={{ marginBottom: 8 }}>
                <div>
                  {wallDateAndSecond(entry.at, timeZone)} · {t(`place.${entry.place}`)}
                </div>
                {/* The raw text is a program's, mostly English: marked so, and kept whole for copying. */}
                <code lang="en" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
                  {entry.text}
                </code>
              </li>
            ))}
          </ol>
          <button type="button" className="btn" onClick={clearDiagnostics}>
            {t('diagnosticsClear')}
          </button>
        </>
      )}
    </div>
  );
}
