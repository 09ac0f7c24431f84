// The tablets whose clocks were off while they made the day's checks (ADR 035): name, largest skew in words, checks.
// A lead reads the times of those checks knowing they are the tablet's, uncorrected.
import { clockSkewAmount } from '../../domain/clock-skew.ts';
import type { DailyTally } from '../../domain/tally.ts';
import { useT } from '../../platform/i18n.ts';
import { talliesMessages } from './tallies.messages.ts';

export interface SkewedClocksProps {
  tally: DailyTally;
  /** Names whose figures these are (this tablet's or the whole checkpoint's). */
  sourceLabel: string;
}

export function SkewedClocks({ tally, sourceLabel }: SkewedClocksProps) {
  const t = useT(talliesMessages);
  const clocks = tally.skewedClocks;
  // A server from before clock skews were recorded says nothing either way.
  if (clocks === undefined) return null;
  return (
    <section data-testid="tally-skewed-clocks">
      <h2>{t('skewedClocks', { source: sourceLabel })}</h2>
      {clocks.length === 0 ? (
        <p className="hint">{t('skewedClocksNone')}</p>
      ) : (
        <>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('skewedDevice')}</th>
                <th scope="col">{t('skewedLargest')}</th>
                <th scope="col">{t('skewedChecks')}</th>
              </tr>
            </thead>
            <tbody>
              {clocks.map((clock) => {
                const { direction, amount, unit } = clockSkewAmount(clock.largestSkewSeconds);
                return (
                  <tr key={clock.deviceId} data-testid={`skewed-clock:${clock.deviceId}`}>
                    <th scope="row">{clock.deviceName ?? t('unknownDevice', { id: clock.deviceId })}</th>
                    <td>{t(`skew.${direction}.${unit}`, { count: amount })}</td>
                    <td className="figure">{clock.checks}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p className="hint">{t('skewedClocksNote')}</p>
        </>
      )}
    </section>
  );
}
