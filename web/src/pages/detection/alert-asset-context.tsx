import { Link } from 'react-router-dom';
import { getAssetContext } from '../../api/assets';
import { listAssetExposurePage } from '../../api/exposures';
import { CriticalityBadge } from '../../components/criticality-badge';
import { ErrorBanner } from '../../components/error-banner';
import { KevBadge } from '../../components/grade-badge';
import { formatCount } from '../../lib/format';
import { useLoad } from '../../lib/use-load';

const shownVulnerabilities = 5;

/** One asset the alert names: what it is, where it sits, how critical, and the vulnerabilities that affect it. */
export function AlertAsset({ assetId }: { readonly assetId: string }) {
  const context = useLoad((signal) => getAssetContext(assetId, signal), [assetId], { key: ['assets', 'context'] });
  const exposures = useLoad((signal) => listAssetExposurePage(assetId, { verdict: 'affected', limit: shownVulnerabilities }, signal), [assetId], { key: ['exposures', 'asset'] });
  const asset = context.load.data?.asset ?? null;
  if (context.load.state === 'failed') return <ErrorBanner error={context.load.error} title={`Could not read asset ${assetId}; it may have been removed.`} />;
  if (asset === null) return <p className="muted">Loading the asset…</p>;
  const vulns = exposures.load.data;
  return (
    <article className="alert-asset" data-testid="alert-asset" aria-label={`Asset ${asset.name}`}>
      <h3 className="alert-asset-name">
        <Link to={`/assets/${encodeURIComponent(asset.id)}`}>{asset.name}</Link> <CriticalityBadge criticality={asset.criticality} />
      </h3>
      <dl className="alert-facts">
        <dt>Address</dt>
        <dd className="mono">{asset.ip ?? '—'}</dd>
        <dt>Zone</dt>
        <dd>{asset.zone ?? 'not set'}</dd>
        <dt>Device</dt>
        <dd>{[asset.vendor, asset.model, asset.firmwareVersion === null ? null : `firmware ${asset.firmwareVersion}`].filter((v) => v !== null).join(' · ') || 'not known'}</dd>
      </dl>
      {vulns === null ? null : vulns.total === 0 ? (
        <p className="muted small">No known vulnerability affects it.</p>
      ) : (
        <>
          <p className="small">
            {formatCount(vulns.total)} known {vulns.total === 1 ? 'vulnerability affects' : 'vulnerabilities affect'} it
            {vulns.total > shownVulnerabilities ? `; the ${shownVulnerabilities} most severe:` : ':'}
          </p>
          <ul className="alert-vulns" data-testid="alert-asset-vulns">
            {vulns.items.map((v) => (
              <li key={v.vulnId}>
                <Link to={`/knowledge/vulnerabilities/${encodeURIComponent(v.vulnId)}`}>{v.cve ?? v.vulnId}</Link> {v.title ?? ''} {v.kev ? <KevBadge kev /> : null}
              </li>
            ))}
          </ul>
        </>
      )}
      <ErrorBanner error={exposures.load.state === 'failed' ? exposures.load.error : null} title="Could not read its vulnerabilities." />
    </article>
  );
}
