import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { listCaptures } from '../../api/capture';
import { getIntelFacets } from '../../api/intel';
import { searchVulnerabilities } from '../../api/knowledge';
import { formatCount, formatDateTime } from '../../lib/format';

interface StatusRowProps {
  readonly name: string;
  readonly to: string;
  readonly state: 'pending' | 'failed' | 'ok' | 'empty';
  readonly text: string;
  readonly hint?: string;
}

function StatusRow({ name, to, state, text, hint }: StatusRowProps) {
  const pill = state === 'ok' ? 'pill pill-ok' : state === 'failed' ? 'pill pill-danger' : 'pill pill-muted';
  const word = state === 'ok' ? 'In use' : state === 'failed' ? 'Unavailable' : state === 'empty' ? 'Empty' : 'Checking';
  return (
    <li className="module-status-row">
      <Link to={to} className="module-status-name">
        {name}
      </Link>
      <span className={pill}>{word}</span>
      <span className="module-status-text">
        {text}
        {hint === undefined ? null : <span className="muted small"> {hint}</span>}
      </span>
    </li>
  );
}

type Q<T> = { readonly data: T | undefined; readonly isError: boolean };

function stateOf<T>(q: Q<T>, count: (d: T) => number): StatusRowProps['state'] {
  if (q.isError) return 'failed';
  if (q.data === undefined) return 'pending';
  return count(q.data) > 0 ? 'ok' : 'empty';
}

/** What each shipped module holds for this organisation: one small request each, cached for the session. */
export function ModuleStatus() {
  const kb = useQuery({ queryKey: ['kb', 'vulnerabilities', 'total'], queryFn: ({ signal }) => searchVulnerabilities({ limit: 1 }, signal) });
  const intel = useQuery({ queryKey: ['intel', 'facets', {}], queryFn: ({ signal }) => getIntelFacets({}, signal) });
  const captures = useQuery({ queryKey: ['captures', 'latest'], queryFn: ({ signal }) => listCaptures(1, null, signal) });

  const intelTotal = (intel.data?.types ?? []).reduce((sum, t) => sum + t.count, 0);
  const latest = captures.data?.items[0];
  return (
    <section className="card" aria-labelledby="module-status-title" data-testid="module-status">
      <h2 className="card-title" id="module-status-title">
        Modules
      </h2>
      <ul className="module-status">
        <StatusRow
          name="Knowledge base"
          to="/knowledge"
          state={stateOf(kb, (d) => d.total)}
          text={kb.isError ? 'Could not be read.' : kb.data === undefined ? '…' : `${formatCount(kb.data.total)} vulnerabilities you may see.`}
          {...(kb.data?.total === 0 ? { hint: 'Import advisories or define knowledge feeds under Knowledge base → Imports.' } : {})}
        />
        <StatusRow
          name="Threat intelligence"
          to="/intel"
          state={stateOf(intel, () => intelTotal)}
          text={intel.isError ? 'Could not be read.' : intel.data === undefined ? '…' : `${formatCount(intelTotal)} STIX objects.`}
          {...(intel.data !== undefined && intelTotal === 0 ? { hint: 'Import a bundle or subscribe to a TAXII feed.' } : {})}
        />
        <StatusRow
          name="Traffic captures"
          to="/capture"
          state={stateOf(captures, (d) => d.items.length)}
          text={
            captures.isError
              ? 'Could not be read.'
              : captures.data === undefined
                ? '…'
                : latest === undefined
                  ? 'No capture analysed yet.'
                  : `Latest: ${latest.name} (${latest.status}), ${formatDateTime(latest.createdAt)}.`
          }
        />
      </ul>
    </section>
  );
}
