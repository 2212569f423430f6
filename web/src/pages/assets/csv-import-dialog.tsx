import { useState, type ChangeEvent } from 'react';
import { importAssetsCsv } from '../../api/assets';
import { ApiError } from '../../api/client';
import type { AssetImportReport } from '../../api/types';
import { ErrorBanner } from '../../components/error-banner';
import { TextAreaField } from '../../components/form-field';
import { Modal } from '../../components/modal';

const example = `name,zone,ip,mac,vendor,model,firmware_version,criticality,tlp,shared_upward
PLC-Boiler-01,Level 1 - Control,10.10.1.20,00:1d:9c:aa:bb:01,Siemens,S7-1500,V2.9.4,critical,amber,true`;

type Step =
  | { readonly state: 'editing' }
  | { readonly state: 'checking' }
  | { readonly state: 'importing'; readonly rows: number }
  | { readonly state: 'done'; readonly report: AssetImportReport };

interface CsvImportDialogProps {
  readonly onImported: (report: AssetImportReport) => void;
  readonly onClose: () => void;
}

/** Checks the whole file with a dry run first, so a bad row never leaves a half-imported inventory. */
export function CsvImportDialog({ onImported, onClose }: CsvImportDialogProps) {
  const [csv, setCsv] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [step, setStep] = useState<Step>({ state: 'editing' });
  const [error, setError] = useState<unknown>(null);

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (file === undefined) return;
    setFileName(file.name);
    setCsv(await file.text());
    setError(null);
    setStep({ state: 'editing' });
  }

  async function onImport() {
    setError(null);
    setStep({ state: 'checking' });
    try {
      const check = await importAssetsCsv(csv, true);
      setStep({ state: 'importing', rows: check.rows });
      const report = await importAssetsCsv(csv, false);
      setStep({ state: 'done', report });
      onImported(report);
    } catch (e) {
      setError(e);
      setStep({ state: 'editing' });
    }
  }

  const busy = step.state === 'checking' || step.state === 'importing';
  const footer =
    step.state === 'done' ? (
      <>
        <span className="spacer" />
        <button type="button" className="btn btn-primary" onClick={onClose}>
          Done
        </button>
      </>
    ) : (
      <>
        <span className="muted small">
          {step.state === 'checking' ? 'Checking every row…' : step.state === 'importing' ? `Importing ${step.rows} rows…` : ''}
        </span>
        <span className="spacer" />
        <button type="button" className="btn" onClick={onClose} disabled={busy}>
          Cancel
        </button>
        <button type="button" className="btn btn-primary" onClick={() => void onImport()} disabled={busy || csv.trim() === ''}>
          Import
        </button>
      </>
    );

  return (
    <Modal title="Import CSV inventory" onClose={onClose} footer={footer} wide testId="csv-import-dialog">
      {step.state === 'done' ? (
        <div className="import-report" data-testid="import-report">
          <p className="import-report-lead">Import finished.</p>
          <dl className="report-grid">
            <div>
              <dt>Rows</dt>
              <dd data-testid="report-rows">{step.report.rows}</dd>
            </div>
            <div>
              <dt>Created</dt>
              <dd data-testid="report-created">{step.report.created}</dd>
            </div>
            <div>
              <dt>Updated</dt>
              <dd data-testid="report-updated">{step.report.updated}</dd>
            </div>
          </dl>
        </div>
      ) : (
        <>
          <p className="muted">
            One asset per row, matched by <code>name</code>: existing assets are updated, new ones created. The file is
            checked first; if any row is wrong, nothing is imported.
          </p>
          {error === null ? null : (
            <ErrorBanner
              error={error}
              title={
                error instanceof ApiError && error.details.length > 0 ? 'Nothing was imported. Fix these rows:' : 'Nothing was imported.'
              }
            />
          )}
          <div className="form">
            <div className="field">
              <label className="field-label" htmlFor="csv-file">
                CSV file
              </label>
              <input
                id="csv-file"
                name="csvFile"
                type="file"
                accept=".csv,text/csv"
                className="file-input"
                onChange={(e) => void onFile(e)}
                disabled={busy}
              />
              {fileName === null ? null : <p className="field-hint">Loaded {fileName}; you can still edit it below.</p>}
            </div>
            <TextAreaField
              name="csv"
              label="Or paste CSV"
              value={csv}
              onChange={setCsv}
              rows={10}
              placeholder={example}
              disabled={busy}
              hint="Columns: name (required), zone, ip, mac, vendor, model, firmware_version, criticality, tlp, shared_upward."
            />
          </div>
        </>
      )}
    </Modal>
  );
}
