import type { IntelReliability } from '../../api/intel-types';
import { reliabilityMeanings } from './intel-labels';

/** The Admiralty letter of a source, with its meaning on hover. */
export function ReliabilityBadge({ reliability }: { readonly reliability: IntelReliability }) {
  return (
    <span className={`reliability reliability-${reliability}`} title={`Source reliability ${reliability}: ${reliabilityMeanings[reliability]} (Admiralty scale)`} data-reliability={reliability}>
      {reliability}
    </span>
  );
}
