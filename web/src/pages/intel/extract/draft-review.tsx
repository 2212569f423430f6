import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { importBundle } from '../../../api/intel';
import type { ExtractResult, IntelImportReport } from '../../../api/intel-types';
import { tlpLevels, type Tlp } from '../../../api/types';
import { ErrorBanner } from '../../../components/error-banner';
import { SelectField } from '../../../components/form-field';
import { tlpLabel } from '../../../components/tlp-badge';
import { formatCount } from '../../../lib/format';
import { TypeTag } from '../browser/objects-table';
import { stixTypeLabel } from '../intel-labels';
import { intelPaths } from '../paths';
import { draftGroups, draftText, idOf, reportOf, selectedBundle } from './draft-model';

const tlpOptions = tlpLevels.map((t) => ({ value: t, label: tlpLabel(t) }));

function Context({ report }: { readonly report: Readonly<Record<string, unknown>> }) {
  const context = report['x_bulwark_context'];
  if (typeof context !== 'object' || context === null) return null;
  const c = context as Record<string, unknown>;
  const list = (key: string) => (Array.isArray(c[key]) ? (c[key] as unknown[]).filter((x): x is string => typeof x === 'string') : []);
  const rows = [
    ['Vendors', list('vendors')],
    ['Products', list('products')],
    ['Protocols', list('protocols')],
  ] as const;
  if (rows.every(([, values]) => values.length === 0)) return null;
  return (
    <dl className="facts intel-facts" data-testid="extract-context">
      {rows.map(([label, values]) =>
        values.length === 0 ? null : (
          <div key={label}>
            <dt>{label}</dt>
            <dd className="chip-list">
              {values.map((v) => (
                <span key={v} className="code-chip">
                  {v}
                </span>
              ))}
            </dd>
          </div>
        ),
      )}
    </dl>
  );
}

interface DraftReviewProps {
  readonly result: ExtractResult;
  readonly canImport: boolean;
}

/** The draft for review: every object with a checkbox, then the kept ones imported as one report. */
export function DraftReview({ result, canImport }: DraftReviewProps) {
  const report = reportOf(result.bundle);
  const groups = useMemo(() => draftGroups(result.bundle), [result]);
  const [kept, setKept] = useState<ReadonlySet<string>>(() => new Set(result.bundle.objects.map(idOf)));
  const [tlp, setTlp] = useState<Tlp>('amber');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [imported, setImported] = useState<IntelImportReport | null>(null);
  const selection = selectedBundle(result.bundle, kept);
  const reportName = typeof report?.['name'] === 'string' ? report['name'] : 'Extracted report';

  function toggle(id: string, on: boolean) {
    setKept((before) => {
      const next = new Set(before);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  async function onImport() {
    if (!selection.ok) return;
    setBusy(true);
    setError(null);
    try {
      setImported(await importBundle(JSON.stringify(selection.bundle), { name: reportName, tlp }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="intel-draft" data-testid="extract-draft">
      <p className="results-count" data-testid="extract-findings">
        {formatCount(result.findings)} {result.findings === 1 ? 'finding' : 'findings'}
        {result.truncated ? ' (the report was read in part)' : ''}
      </p>
      {result.warnings.length === 0 ? null : (
        <div className="callout callout-warn" role="note">
          <ul className="callout-list">
            {result.warnings.map((w, i) => (
              <li key={`${w.code}-${i}`}>
                <span className="code-chip">{w.code}</span> {w.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {report === null ? null : (
        <section className="intel-draft-report" aria-label="Draft report">
          <h3 className="section-title">
            <TypeTag type="report" /> {reportName}
          </h3>
          {typeof report['description'] === 'string' ? <p className="muted small">{report['description']}</p> : null}
          <Context report={report} />
        </section>
      )}
      {groups.map((g) => (
        <fieldset key={g.type} className="intel-draft-group" data-type={g.type}>
          <legend className="section-title">
            {stixTypeLabel(g.type)} ({g.objects.length})
          </legend>
          <ul className="intel-draft-list">
            {g.objects.map((o) => {
              const id = idOf(o);
              return (
                <li key={id}>
                  <label className="check">
                    <input type="checkbox" name="keep" value={id} checked={kept.has(id)} onChange={(e) => toggle(id, e.target.checked)} disabled={busy || imported !== null} />
                    <span className={g.type === 'indicator' ? 'mono' : undefined}>{draftText(o)}</span>
                  </label>
                </li>
              );
            })}
          </ul>
        </fieldset>
      ))}
      {canImport ? (
        <div className="form-inline intel-draft-actions">
          <SelectField name="draftTlp" label="TLP of the imported objects" value={tlp} onChange={setTlp} options={tlpOptions} disabled={busy || imported !== null} />
          <button type="button" className="btn btn-primary" onClick={() => void onImport()} disabled={busy || !selection.ok || imported !== null}>
            {busy ? 'Importing…' : 'Import selected as draft'}
          </button>
        </div>
      ) : (
        <p className="muted small">Importing the draft needs an analyst or administrator.</p>
      )}
      {selection.ok ? null : <p className="field-error">{selection.message}</p>}
      <ErrorBanner error={error} title="The draft was not imported." />
      {imported === null || report === null ? null : (
        <div className={`banner ${imported.status === 'complete' ? 'banner-success' : 'banner-error'}`} role="status" data-testid="extract-imported">
          <div className="banner-body">
            <strong className="banner-title">
              Imported {formatCount(imported.stored)} of {formatCount(imported.objects)} objects
              {imported.invalid > 0 ? `; ${formatCount(imported.invalid)} refused` : ''}.
            </strong>
            <span className="banner-message">
              <Link to={intelPaths.object(idOf(report))}>Open the report {reportName}</Link>
            </span>
          </div>
        </div>
      )}
    </div>
  );
}
