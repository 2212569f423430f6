import { useState, type ChangeEvent, type FormEvent } from 'react';
import { uploadImport } from '../../../api/knowledge';
import type { ImportReport } from '../../../api/knowledge-types';
import { sourceFormats, type SourceFormat, type Tlp } from '../../../api/types';
import { ErrorBanner } from '../../../components/error-banner';
import { formatCount } from '../../../lib/format';
import { IssueList } from './import-runs-table';
import { MarkingFields } from './marking-fields';

const formatLabels: Readonly<Record<SourceFormat, string>> = {
  csaf: 'CSAF 2.0 advisory',
  cve5: 'CVE record (JSON 5)',
  nvd2: 'NVD API 2.0',
  osv: 'OSV',
  kev: 'CISA KEV catalog',
  attack: 'ATT&CK STIX bundle',
  cnvd: 'CNVD XML',
};

// The server finishes a run even when every record failed; the banner says what actually happened.
function reportTone(report: ImportReport): string {
  if (report.stats.errors === 0) return 'banner-success';
  return report.stats.records === 0 ? 'banner-error' : 'banner-warn';
}

function reportTitle(report: ImportReport, name: string): string {
  if (report.stats.errors === 0) return `Imported ${name}.`;
  return report.stats.records === 0 ? `Nothing was imported from ${name}.` : `Imported ${name}, with problems.`;
}

export function UploadForm({ onImported }: { readonly onImported: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<SourceFormat | 'auto'>('auto');
  // Outside the root organisation an upload becomes the organisation's own submissions, marked so.
  const [tlp, setTlp] = useState<Tlp>('amber');
  const [sharedUpward, setSharedUpward] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [report, setReport] = useState<ImportReport | null>(null);

  function onFile(event: ChangeEvent<HTMLInputElement>) {
    setFile(event.target.files?.[0] ?? null);
    setReport(null);
    setError(null);
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (file === null) return;
    setBusy(true);
    setError(null);
    setReport(null);
    try {
      const result = await uploadImport(await file.text(), file.name, format === 'auto' ? null : format, { tlp, sharedUpward });
      setReport(result);
      onImported();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="upload-form" onSubmit={(e) => void onSubmit(e)} data-testid="import-upload">
      <div className="form-inline">
        <div className="field field-file">
          <label className="field-label" htmlFor="import-file">
            Document
          </label>
          <input id="import-file" name="importFile" type="file" accept=".json,.xml,application/json,application/xml" className="file-input" onChange={onFile} disabled={busy} />
        </div>
        <div className="field">
          <label className="field-label" htmlFor="import-format">
            Format
          </label>
          <select id="import-format" name="format" className="input select" value={format} onChange={(e) => setFormat(sourceFormats.find((f) => f === e.target.value) ?? 'auto')} disabled={busy}>
            <option value="auto">Auto-detect</option>
            {sourceFormats.map((f) => (
              <option key={f} value={f}>
                {formatLabels[f]}
              </option>
            ))}
          </select>
        </div>
        <MarkingFields prefix="import" tlp={tlp} onTlp={setTlp} sharedUpward={sharedUpward} onSharedUpward={setSharedUpward} disabled={busy} />
        <button type="submit" className="btn btn-primary" disabled={busy || file === null}>
          {busy ? 'Importing…' : 'Import'}
        </button>
      </div>
      <p className="field-hint">One JSON document (CSAF, CVE 5, NVD, OSV, KEV, STIX) or a CNVD XML file. Importing the same document again changes nothing. What an organisation uploads becomes its own collected submissions with this marking (parents see them only when shared upward at CLEAR, GREEN or AMBER); the root organisation&rsquo;s admins import shared, published knowledge.</p>
      <ErrorBanner error={error} title="The document was not imported." />
      {report === null ? null : (
        <div className={`banner ${reportTone(report)} upload-report`} role="status" data-testid="import-report">
          <div className="banner-body">
            <strong className="banner-title">{reportTitle(report, file?.name ?? 'the document')}</strong>
            <span className="banner-message">
              {formatCount(report.stats.records)} records: {formatCount(report.stats.vulnerabilities)} vulnerabilities, {formatCount(report.stats.advisories)} advisories,{' '}
              {formatCount(report.stats.unchanged)} unchanged; {formatCount(report.stats.errors)} errors, {formatCount(report.stats.warnings)} warnings.
            </span>
            {report.issues.length === 0 ? null : <IssueList issues={report.issues} />}
          </div>
        </div>
      )}
    </form>
  );
}
