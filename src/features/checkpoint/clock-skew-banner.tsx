// Asks the officer to set the tablet's clock while the last sync that could tell found it more than two minutes off
// (ADR 035): every time a check records is the tablet's. Gone once a later sync finds the clock right.
import { useSetting } from '../../db/live-queries.ts';
import { useT } from '../../platform/i18n.ts';
import { clockSkewMessages } from './clock-skew.messages.ts';
import { clockSkewWords } from './clock-skew-words.ts';

export function ClockSkewBanner() {
  const t = useT(clockSkewMessages);
  const words = clockSkewWords(useSetting('clockSkew'), t);
  if (words === null) return null;
  return (
    <p className="banner banner-warn" role="alert" data-testid="clock-skew-banner">
      {words}
    </p>
  );
}
