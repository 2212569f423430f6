import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { listAssetExposurePage, type DecisionFilter, type ExposureItem as Exposure, type Verdict } from '../../api/exposures';
import { ErrorBanner } from '../../components/error-banner';
import { GradeBadge, KevBadge } from '../../components/grade-badge';
import { Pager } from '../../components/pager';
import { kbPaths } from '../../lib/knowledge-labels';
import { ConfidenceBadge, DecisionControls } from '../exposures/exposure-decision';
import { RemediationList } from '../knowledge/vulnerability/remediation-list';

const PAGE = 20;

const verdictTitles = {
  affected: 'The firmware version is inside an affected range',
  unknown: 'The product matches but the version range could not be decided; check with the vendor',
} as const;

function ExposureItem({ exposure: e, onChanged }: { readonly exposure: Exposure; readonly onChanged: () => void }) {
  return (
    <li className="exposure" data-vuln={e.vulnId} data-verdict={e.verdict} data-kev={e.kev}>
      <div className="exposure-head">
        <span className={`verdict verdict-${e.verdict}`} title={verdictTitles[e.verdict]}>
          {e.verdict}
        </span>
        <Link to={kbPaths.vulnerability(e.vulnId)} className="mono exposure-id">
          {e.cve ?? e.vulnId}
        </Link>
        {e.cve === null ? null : <span className="muted small mono">{e.vulnId}</span>}
        <span className="spacer" />
        <ConfidenceBadge confidence={e.confidence} />
        <GradeBadge grade={e.grade} />
        <KevBadge kev={e.kev} />
      </div>
      {e.title === null || e.title === e.cve ? null : <p className="exposure-title">{e.title}</p>}
      <ul className="exposure-reasons">
        {e.reasons.map((r) => (
          <li key={r.affectedId}>
            <span className="muted">{r.product}:</span> {r.why}
            {r.basis === undefined ? null : <span className="muted small exposure-basis"> — matched because {r.basis}</span>} <span className="source-id">{r.sourceId}</span>
          </li>
        ))}
      </ul>
      <div className="exposure-actions">
        <DecisionControls item={e} onChanged={onChanged} />
      </div>
      {e.decision === null || e.decision.comment === '' ? null : <p className="small muted exposure-comment">“{e.decision.comment}”</p>}
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

interface GroupProps {
  readonly assetId: string;
  readonly title: string;
  readonly verdict?: Verdict;
  readonly decision: DecisionFilter;
  readonly kevOnly: boolean;
  readonly testId: string;
  readonly hint?: string;
}

/** One group of the asset's exposures, paged on its own: KEV entries come first within it. */
function ExposureGroup({ assetId, title, verdict, decision, kevOnly, testId, hint }: GroupProps) {
  const [offset, setOffset] = useState(0);
  const client = useQueryClient();
  const query = useQuery({
    queryKey: ['exposures', 'asset', assetId, verdict ?? 'all', decision, kevOnly, offset],
    queryFn: ({ signal }) => listAssetExposurePage(assetId, { verdict, decision, kev: kevOnly ? true : undefined, limit: PAGE, offset }, signal),
    placeholderData: keepPreviousData,
  });
  const changed = () => void client.invalidateQueries({ queryKey: ['exposures'] });
  const page = query.data;
  if (query.isError) return <ErrorBanner error={query.error} title={`Could not load ${title.toLowerCase()}.`} />;
  if (page === undefined || page.total === 0) return null;
  return (
    <section className="exposure-group" data-testid={testId} aria-label={title}>
      <h4 className="exposure-group-title">
        {title} <span className="muted">({page.total})</span>
      </h4>
      {hint === undefined ? null : <p className="muted small">{hint}</p>}
      <ul className="exposures">
        {page.items.map((e) => (
          <ExposureItem key={e.vulnId} exposure={e} onChanged={changed} />
        ))}
      </ul>
      {page.total > PAGE ? <Pager total={page.total} offset={offset} limit={PAGE} onOffset={setOffset} disabled={query.isFetching} /> : null}
    </section>
  );
}

/**
 * Known vulnerabilities that match the asset's vendor, model and firmware, with why and how surely:
 * known-exploited first, "affected" apart from "unknown", each group paged, rejected matches last.
 */
export function AssetExposurePanel({ assetId }: { readonly assetId: string }) {
  const [kevOnly, setKevOnly] = useState(false);
  const counts = useQuery({
    queryKey: ['exposures', 'asset', assetId, 'counts'],
    queryFn: ({ signal }) => listAssetExposurePage(assetId, { limit: 1 }, signal),
  });
  const c = counts.data?.counts;
  const summary = c === undefined ? '' : [`${c.affected} affected`, `${c.unknown} unknown`, c.kev > 0 ? `${c.kev} known exploited` : '', c.rejected > 0 ? `${c.rejected} rejected` : ''].filter((t) => t !== '').join(' · ');
  return (
    <section className="exposure-panel" data-testid="asset-exposure">
      <h3 className="section-title">
        Exposure <span className="muted exposure-count">{summary}</span>
      </h3>
      {counts.isError ? <ErrorBanner error={counts.error} title="Could not load exposures." /> : null}
      {c === undefined ? (
        counts.isError ? null : <p className="muted small">Matching against the knowledge base…</p>
      ) : c.affected + c.unknown + c.rejected === 0 ? (
        <p className="muted small exposure-empty" data-testid="asset-exposure-empty">
          No known vulnerabilities match this asset's vendor, model and firmware.
        </p>
      ) : (
        <>
          {c.kev > 0 ? (
            <label className="checkbox-inline small">
              <input type="checkbox" checked={kevOnly} onChange={(e) => setKevOnly(e.target.checked)} data-testid="exposure-kev-only" /> Known exploited only ({c.kev})
            </label>
          ) : null}
          <ExposureGroup assetId={assetId} title="Affected" verdict="affected" decision="kept" kevOnly={kevOnly} testId="exposure-group-affected" hint="The asset's version is inside an affected range." />
          <ExposureGroup assetId={assetId} title="Unknown" verdict="unknown" decision="kept" kevOnly={kevOnly} testId="exposure-group-unknown" hint="The product matches, but whether this version is affected could not be told: check with the vendor." />
          <ExposureGroup assetId={assetId} title="Rejected matches" decision="rejected" kevOnly={kevOnly} testId="exposure-group-rejected" hint="People of the asset's organisation judged these not to concern it; recorrelation keeps them rejected." />
        </>
      )}
    </section>
  );
}
