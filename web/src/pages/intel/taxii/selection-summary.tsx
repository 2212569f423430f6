import type { Tlp } from '../../../api/types';
import { TlpBadge } from '../../../components/tlp-badge';
import { stixTypeLabel } from '../intel-labels';

interface SelectionSummaryProps {
  readonly types?: readonly string[] | undefined;
  readonly labels?: readonly string[] | undefined;
  readonly tlpMax?: Tlp | undefined;
  /** Further conditions, already worded; null ones are left out. */
  readonly extras?: readonly (string | null)[];
  /** Said when nothing narrows the selection. */
  readonly everything: string;
}

/** One line for which objects a collection serves or a push feed sends: types · labels · … · up to a TLP. */
export function SelectionSummary({ types, labels, tlpMax, extras = [], everything }: SelectionSummaryProps) {
  const parts = [types === undefined ? null : `types: ${types.map(stixTypeLabel).join(', ')}`, labels === undefined ? null : `labels: ${labels.join(', ')}`, ...extras].filter(
    (p): p is string => p !== null,
  );
  if (parts.length === 0 && tlpMax === undefined) return <span className="muted">{everything}</span>;
  return (
    <span>
      {parts.join(' · ')}
      {tlpMax === undefined ? null : (
        <>
          {parts.length === 0 ? '' : ' · '}up to <TlpBadge tlp={tlpMax} />
        </>
      )}
    </span>
  );
}
