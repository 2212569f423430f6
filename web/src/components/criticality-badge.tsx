import type { Criticality } from '../api/types';
import { capitalise } from '../lib/format';

export function CriticalityBadge({ criticality }: { readonly criticality: Criticality }) {
  return (
    <span className={`crit crit-${criticality}`} data-criticality={criticality}>
      <span className="crit-dot" aria-hidden="true" />
      {capitalise(criticality)}
    </span>
  );
}
