import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { getAttackMatrix } from '../../../api/knowledge';
import type { AttackMatrix, AttackTechnique } from '../../../api/knowledge-types';
import { EmptyState } from '../../../components/empty-state';
import { ErrorBanner } from '../../../components/error-banner';
import { PageHeader } from '../../../components/page-header';
import { formatCount } from '../../../lib/format';
import { useLoad } from '../../../lib/use-load';
import { AttackMatrixGrid, coverageLegend } from './attack-matrix';
import { TechniqueDrawer } from './technique-drawer';

function CoverageSummary({ coverage }: { readonly coverage: AttackMatrix['coverage'] }) {
  const pct = (n: number) => (coverage.techniques === 0 ? 0 : Math.round((n / coverage.techniques) * 100));
  return (
    <div className="coverage" data-testid="attack-coverage">
      <div className="coverage-stat">
        <span className="stat-label">Techniques</span>
        <span className="coverage-value">{formatCount(coverage.techniques)}</span>
      </div>
      <div className="coverage-stat">
        <span className="stat-label">With mitigations</span>
        <span className="coverage-value">
          {formatCount(coverage.withMitigations)} <span className="coverage-pct">{pct(coverage.withMitigations)}%</span>
        </span>
        <span className="coverage-bar" aria-hidden="true">
          <span style={{ width: `${pct(coverage.withMitigations)}%` }} />
        </span>
      </div>
      <div className="coverage-stat">
        <span className="stat-label">Relevant to your inventory</span>
        <span className="coverage-value">
          {formatCount(coverage.relevantToInventory)} <span className="coverage-pct">{pct(coverage.relevantToInventory)}%</span>
        </span>
        <span className="coverage-bar coverage-bar-relevant" aria-hidden="true">
          <span style={{ width: `${pct(coverage.relevantToInventory)}%` }} />
        </span>
      </div>
      <ul className="coverage-legend" aria-label="Legend">
        {coverageLegend.map((l) => (
          <li key={l.level}>
            <span className={`legend-swatch cov-${l.level}`} />
            {l.label}
          </li>
        ))}
        <li>
          <span className="relevant-dot" /> Targets device types in your inventory
        </li>
      </ul>
    </div>
  );
}

export function AttackPage() {
  const [params, setParams] = useSearchParams();
  const [highlight, setHighlight] = useState('');
  const { load } = useLoad((signal) => getAttackMatrix(signal), []);
  const matrix = load.data;
  // The open technique lives in the URL, so graph nodes elsewhere can link straight to it.
  const openId = params.get('technique');
  const open = matrix?.tactics.flatMap((t) => t.techniques).find((t) => t.id === openId) ?? null;
  const setOpen = (t: AttackTechnique | null) => setParams(t === null ? {} : { technique: t.id }, { replace: t === null });

  return (
    <>
      <PageHeader
        title="ATT&CK for ICS"
        description="Adversary tactics and techniques against industrial control systems (MITRE ATT&CK for ICS), shaded by how many mitigations address each."
      />
      <ErrorBanner error={load.state === 'failed' ? load.error : null} title="Could not load the matrix." />
      {matrix === null ? (
        <p className="muted">{load.state === 'loading' ? 'Loading the matrix…' : ''}</p>
      ) : matrix.tactics.length === 0 ? (
        <section className="card">
          <EmptyState title="ATT&CK for ICS is not loaded.">Import the MITRE ATT&CK for ICS STIX bundle on the Imports page.</EmptyState>
        </section>
      ) : (
        <>
          <section className="card">
            <CoverageSummary coverage={matrix.coverage} />
          </section>
          <div className="toolbar">
            <input
              type="search"
              name="techniqueQ"
              className="input input-search"
              placeholder="Highlight techniques, e.g. T0843 or firmware"
              aria-label="Highlight techniques"
              value={highlight}
              onChange={(e) => setHighlight(e.target.value)}
            />
            <span className="muted small">Click a technique for its mitigations, the groups and software that use it, and the assets it targets.</span>
          </div>
          <section className="card card-flush">
            <AttackMatrixGrid tactics={matrix.tactics} onOpen={setOpen} highlight={highlight} />
          </section>
        </>
      )}
      {open === null ? null : <TechniqueDrawer key={open.id} technique={open} onClose={() => setOpen(null)} />}
    </>
  );
}
