import { useState } from 'react';
import { Link } from 'react-router-dom';
import { getCoverage, type TechniqueCoverage } from '../../api/detection';
import type { AttackTactic } from '../../api/knowledge-types';
import { EmptyState } from '../../components/empty-state';
import { ErrorBanner } from '../../components/error-banner';
import { PageHeader } from '../../components/page-header';
import { formatCount, formatDateTime } from '../../lib/format';
import { useLoad } from '../../lib/use-load';
import { band } from './detection-model';
import { useAttackIndex } from './use-attack-index';

const bandLabels = ['none', '1', '2–3', '4–9', '10 or more'] as const;

type Measure = 'rules' | 'seen';
const measures: Readonly<Record<Measure, { readonly title: string; readonly unit: string; readonly value: (c: TechniqueCoverage | undefined) => number; readonly note: string }>> = {
  rules: { title: 'Rules per technique', unit: 'enabled rules', value: (c) => c?.enabledRules ?? 0, note: 'How many enabled rules name each technique: where detection is, and where it is missing.' },
  seen: { title: 'Techniques seen in alerts', unit: 'alerts', value: (c) => c?.alerts ?? 0, note: 'How many of your alerts of the last 90 days carry each technique: what actually happened.' },
};

function Legend({ measure }: { readonly measure: Measure }) {
  return (
    <ul className="heat-legend" aria-label={`Legend: ${measures[measure].unit}`}>
      {bandLabels.map((label, i) => (
        <li key={label}>
          <span className={`heat-swatch heat-${measure}-${i}`} aria-hidden="true" />
          {label}
        </li>
      ))}
    </ul>
  );
}

function HeatGrid({ tactics, coverage, measure }: { readonly tactics: readonly AttackTactic[]; readonly coverage: ReadonlyMap<string, TechniqueCoverage>; readonly measure: Measure }) {
  const m = measures[measure];
  return (
    <div className="matrix-scroll">
      <div className="heat-grid" style={{ gridTemplateColumns: `repeat(${tactics.length}, minmax(92px, 1fr))` }} data-testid={`coverage-${measure}`}>
        {tactics.map((tactic) => (
          <header key={tactic.id} className="heat-head">
            {tactic.name}
          </header>
        ))}
        {tactics.map((tactic) => (
          <ul key={tactic.id} className="heat-column" aria-label={tactic.name}>
            {tactic.techniques.map((t) => {
              const id = t.externalId ?? t.id;
              const c = coverage.get(id);
              const value = m.value(c);
              const detail = measure === 'rules' ? `${c?.enabledRules ?? 0} enabled of ${c?.rules ?? 0} rules` : `${c?.alerts ?? 0} alerts, ${c?.hits ?? 0} hits${c?.lastSeen ? `, last ${formatDateTime(c.lastSeen)}` : ''}`;
              const to = measure === 'rules' ? `/knowledge/attack?technique=${encodeURIComponent(t.id)}` : `/detection?technique=${encodeURIComponent(id)}`;
              return (
                <li key={t.id}>
                  <Link to={to} className={`heat-cell heat-${measure}-${band(value)}`} data-technique={id} data-value={value} title={`${id} ${t.name}: ${detail}`}>
                    <span className="heat-id">{id}</span>
                    <span className="heat-name">{t.name.replace(/\//g, '/\u200b')}</span>
                    <span className="heat-value" aria-label={`${value} ${m.unit}`}>
                      {value}
                    </span>
                  </Link>
                </li>
              );
            })}
          </ul>
        ))}
      </div>
    </div>
  );
}

/** ATT&CK for ICS as two heat maps: rules per technique, and the techniques seen in the organisation's alerts. */
export function CoveragePage() {
  const attack = useAttackIndex();
  const { load } = useLoad((signal) => getCoverage(signal), [], { key: ['detection', 'coverage'] });
  const [measure, setMeasure] = useState<Measure>('rules');
  const coverage = new Map((load.data?.techniques ?? []).map((c) => [c.technique, c]));
  const tactics = attack.matrix?.tactics ?? [];
  const all = new Set(tactics.flatMap((t) => t.techniques.map((x) => x.externalId ?? x.id)));
  const covered = [...all].filter((id) => (coverage.get(id)?.enabledRules ?? 0) > 0).length;
  const seen = [...all].filter((id) => (coverage.get(id)?.alerts ?? 0) > 0).length;
  const seenUncovered = [...all].filter((id) => (coverage.get(id)?.alerts ?? 0) > 0 && (coverage.get(id)?.enabledRules ?? 0) === 0).length;

  return (
    <>
      <PageHeader title="ATT&CK coverage" description="MITRE ATT&CK for ICS techniques by tactic: how many of your enabled rules detect each, and which techniques your alerts actually show. Each cell gives the number; darker is more." />
      <ErrorBanner error={attack.failed} title="Could not load the ATT&CK matrix." />
      <ErrorBanner error={load.state === 'failed' ? load.error : null} title="Could not load the coverage." />
      {attack.matrix !== null && tactics.length === 0 ? (
        <section className="card">
          <EmptyState title="ATT&CK for ICS is not loaded.">Import the MITRE ATT&CK for ICS bundle on the knowledge base’s Imports page.</EmptyState>
        </section>
      ) : null}
      {tactics.length === 0 || load.data === null ? (
        attack.matrix === null || load.state === 'loading' ? <p className="muted">Loading the coverage…</p> : null
      ) : (
        <>
          <section className="card coverage-summary" data-testid="coverage-summary" aria-label="Summary">
            <p>
              <strong>{formatCount(covered)}</strong> of {formatCount(all.size)} techniques have an enabled rule; <strong>{formatCount(seen)}</strong> appear in alerts since {formatDateTime(load.data.from)}
              {seenUncovered === 0 ? '.' : `, ${formatCount(seenUncovered)} of them without an enabled rule of yours (raised by platform or disabled rules).`}
            </p>
          </section>
          <div className="toolbar" role="group" aria-label="Map to show">
            {(Object.keys(measures) as Measure[]).map((key) => (
              <button key={key} type="button" className={`btn btn-small${measure === key ? ' btn-primary' : ''}`} aria-pressed={measure === key} onClick={() => setMeasure(key)}>
                {measures[key].title}
              </button>
            ))}
          </div>
          <section className="card card-flush" aria-labelledby="coverage-map-title">
            <div className="card-header">
              <div>
                <h2 id="coverage-map-title" className="card-title">
                  {measures[measure].title}
                </h2>
                <p className="muted small">{measures[measure].note}</p>
              </div>
              <Legend measure={measure} />
            </div>
            <HeatGrid tactics={tactics} coverage={coverage} measure={measure} />
          </section>
        </>
      )}
    </>
  );
}
