// A titled card of the shift-configuration screen: a region named by its heading, so a screen reader can jump to it.
import type { ReactNode } from 'react';
import { useId } from 'react';

export function ShiftConfigSection({ title, children }: { title: string; children: ReactNode }) {
  const headingId = useId();
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {children}
    </section>
  );
}
