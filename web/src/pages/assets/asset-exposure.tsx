import { Link } from 'react-router-dom';
import { listAssetExposures } from '../../api/knowledge';
import type { AssetExposure as Exposure } from '../../api/knowledge-types';
import { ErrorBanner } from '../../components/error-banner';
import { GradeBadge, KevBadge } from '../../components/grade-badge';
import { kbPaths } from '../../lib/knowledge-labels';
import { useLoad } from '../../lib/use-load';
import { RemediationList } from '../knowledge/vulnerability/remediation-list';

const verdictTitles = {
  affected: 'The firmware version is inside an affected range',
  unknown: 'The product matches but the version range could not be decided; check with the vendor',
} as const;

function ExposureItem({ exposure: e }: { readonly exposure: Exposure }) {
  return (
    <li className="exposure" data-vuln={e.vulnId} data-verdict={e.verdict}>
      <div className="exposure-head">
        <span className={`verdict verdict-${e.verdict}`} title={verdictTitles[e.verdict]}>
          {e.verdict}
        </span>
        <Link to={kbPaths.vulnerability(e.vulnId)} className="mono exposure-id">
          {e.aliases[0] ?? e.vulnId}
        </Link>
        {e.aliases.length > 0 ? <span className="muted small mono">{e.vulnId}</span> : null}
        <span className="spacer" />
        <GradeBadge grade={e.grade} />
        <KevBadge kev={e.kev} />
      </div>
      {e.title === null || e.title === e.aliases[0] ? null : <p className="exposure-title">{e.title}</p>}
      <ul className="exposure-reasons">
        {e.reasons.map((r) => (
          <li key={r.affectedId}>
            <span className="muted">{r.product}:</span> {r.why} <span className="source-id">{r.sourceId}</span>
          </li>
        ))}
      </ul>
      {e.remediations.length === 0 ? null : (
        <details className="exposure-remedies">
          <summary>
            {e.remediations.length === 1 ? '1 remediation' : `${e.remediations.length} remediations`}
            {e.remediations.some((r) => r.category === 'vendor_fix') ? ' · vendor fix available' : ''}
          </summary>
          <RemediationList items={e.remediations} compact />
        </details>
      )}
    </li>
  );
}

/** Known vulnerabilities that match the asset's vendor, model and firmware, with why they match. */
export function AssetExposurePanel({ assetId }: { readonly assetId: string }) {
  const { load } = useLoad((signal) => listAssetExposures(assetId, signal), [assetId]);
  const items = load.data?.items ?? [];
  const affected = items.filter((e) => e.verdict === 'affected').length;
  return (
    <section className="exposure-panel" data-testid="asset-exposure">
      <h3 className="section-title">
        Exposure
        {load.data === null ? null : (
          <span className="muted exposure-count">
            {' '}
            {[affected > 0 ? `${affected} affected` : '', items.length > affected ? `${items.length - affected} unknown` : ''].filter((t) => t !== '').join(', ')}
          </span>
        )}
      </h3>
      <ErrorBanner error={load.state === 'failed' ? load.error : null} title="Could not load exposures." />
      {load.data === null ? (
        <p className="muted small">{load.state === 'loading' ? 'Matching against the knowledge base…' : ''}</p>
      ) : items.length === 0 ? (
        <p className="muted small exposure-empty" data-testid="asset-exposure-empty">
          No known vulnerabilities match this asset's vendor, model and firmware.
        </p>
      ) : (
        <ul className="exposures">
          {items.map((e) => (
            <ExposureItem key={e.vulnId} exposure={e} />
          ))}
        </ul>
      )}
    </section>
  );
}
