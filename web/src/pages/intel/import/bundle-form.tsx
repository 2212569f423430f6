import { useState, type ChangeEvent } from 'react';
import { importBundle, validateBundle } from '../../../api/intel';
import { intelReliabilities, type BundleValidation, type IntelImportReport, type IntelReliability } from '../../../api/intel-types';
import { tlpLevels, type Tlp } from '../../../api/types';
import { ErrorBanner } from '../../../components/error-banner';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../../components/form-field';
import { tlpLabel } from '../../../components/tlp-badge';
import { formatCount } from '../../../lib/format';
import { reliabilityMeanings } from '../intel-labels';
import { ImportReportView } from './import-report-view';
import { IssuesTable } from './issues-table';

const tlpOptions = tlpLevels.map((t) => ({ value: t, label: tlpLabel(t) }));
// Larger files are sent as chosen: a textarea holding megabytes of JSON makes the page crawl.
const EDITABLE_BYTES = 256 * 1024;
const reliabilityOptions = [{ value: '' as const, label: 'Default' }, ...intelReliabilities.map((r) => ({ value: r, label: `${r} — ${reliabilityMeanings[r]}` }))];

interface BundleFormProps {
  /** Analysts and admins import; everyone may validate. */
  readonly canImport: boolean;
  readonly onImported: (report: IntelImportReport) => void;
}

export function BundleForm({ canImport, onImported }: BundleFormProps) {
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [bigFile, setBigFile] = useState<File | null>(null);
  const [name, setName] = useState('');
  const [tlp, setTlp] = useState<Tlp>('amber');
  const [source, setSource] = useState('');
  const [reliability, setReliability] = useState<IntelReliability | ''>('');
  const [confidence, setConfidence] = useState('');
  const [sharedUpward, setSharedUpward] = useState(false);
  const [busy, setBusy] = useState<'validate' | 'import' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [action, setAction] = useState<'validate' | 'import'>('validate');
  const [validation, setValidation] = useState<BundleValidation | null>(null);
  const [report, setReport] = useState<IntelImportReport | null>(null);

  function reset() {
    setError(null);
    setValidation(null);
    setReport(null);
  }

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0] ?? null;
    reset();
    if (file === null) return;
    setFileName(file.name);
    setName(file.name);
    if (file.size > EDITABLE_BYTES) {
      setBigFile(file);
      setText('');
    } else {
      setBigFile(null);
      setText(await file.text());
    }
  }

  function pasteInstead() {
    setBigFile(null);
    setFileName(null);
    const input = document.getElementById('intel-bundle-file');
    if (input instanceof HTMLInputElement) input.value = '';
  }

  const body = async () => (bigFile === null ? text : bigFile.text());

  async function onValidate() {
    reset();
    setAction('validate');
    setBusy('validate');
    try {
      setValidation(await validateBundle(await body()));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  }

  async function onImport() {
    reset();
    setAction('import');
    setBusy('import');
    const level = Number.parseInt(confidence, 10);
    try {
      const result = await importBundle(
        await body(),
        {
          ...(name.trim() === '' ? {} : { name: name.trim() }),
          tlp,
          ...(source.trim() === '' ? {} : { source: source.trim() }),
          ...(reliability === '' ? {} : { reliability }),
          ...(Number.isFinite(level) ? { confidence: level } : {}),
          ...(sharedUpward ? { sharedUpward } : {}),
        },
        setReport,
      );
      setReport(result);
      onImported(result);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  }

  const empty = bigFile === null && text.trim() === '';
  return (
    <form className="form intel-bundle-form" onSubmit={(e) => e.preventDefault()} data-testid="intel-bundle-form">
      <div className="field field-file">
        <label className="field-label" htmlFor="intel-bundle-file">
          Bundle file
        </label>
        <input id="intel-bundle-file" name="bundleFile" type="file" accept=".json,application/json,application/stix+json" className="file-input" onChange={(e) => void onFile(e)} disabled={busy !== null} />
        {bigFile !== null ? (
          <p className="field-hint" data-testid="intel-bundle-file-note">
            {bigFile.name} ({(bigFile.size / 1_048_576).toFixed(1)} MB) is sent as chosen; it is too large to edit here.{' '}
            <button type="button" className="btn btn-link btn-small" onClick={pasteInstead}>
              Paste a bundle instead
            </button>
          </p>
        ) : fileName === null ? null : (
          <p className="field-hint">Read {fileName}; you may edit it below before sending.</p>
        )}
      </div>
      {bigFile !== null ? null : (
        <TextAreaField
          name="bundle"
          label="Bundle JSON"
          value={text}
          onChange={(v) => {
            setText(v);
            reset();
          }}
          rows={10}
          placeholder='{ "type": "bundle", "id": "bundle--…", "objects": [ … ] }'
          hint="A STIX 2.1 bundle: choose a file or paste it here."
        />
      )}
      {canImport ? (
        <div className="form-row intel-import-options">
          <TextField name="importName" label="Import name" value={name} onChange={setName} placeholder="e.g. the file name" />
          <SelectField name="tlp" label="TLP for unmarked objects" value={tlp} onChange={setTlp} options={tlpOptions} />
          <TextField name="source" label="Source" value={source} onChange={setSource} placeholder="empty: your organisation" hint="A feed or partner name; leave empty when you are the source." />
          <SelectField name="reliability" label="Source reliability" value={reliability} onChange={setReliability} options={reliabilityOptions} />
          <TextField name="confidence" label="Confidence for objects without one" type="number" min={0} max={100} value={confidence} onChange={setConfidence} placeholder="0–100" />
          <CheckboxField name="sharedUpward" label="Share with the organisations above" checked={sharedUpward} onChange={setSharedUpward} hint="TLP:CLEAR, GREEN and AMBER objects only." />
        </div>
      ) : (
        <p className="muted small" data-testid="intel-import-readonly">
          Viewers may validate bundles; importing needs an analyst or administrator.
        </p>
      )}
      <div className="button-row">
        <button type="button" className="btn" onClick={() => void onValidate()} disabled={busy !== null || empty}>
          {busy === 'validate' ? 'Validating…' : 'Validate'}
        </button>
        {canImport ? (
          <button type="button" className="btn btn-primary" onClick={() => void onImport()} disabled={busy !== null || empty}>
            {busy === 'import' ? 'Importing…' : 'Import'}
          </button>
        ) : null}
      </div>
      <ErrorBanner error={error} title={action === 'import' ? 'The bundle was not imported.' : 'The bundle could not be validated.'} />
      {validation === null ? null : (
        <div className={`banner ${validation.valid ? 'banner-success' : 'banner-error'} upload-report`} role="status" data-testid="intel-validation" data-valid={validation.valid}>
          <div className="banner-body">
            <strong className="banner-title">
              {validation.valid
                ? `The bundle is valid: ${formatCount(validation.objects)} ${validation.objects === 1 ? 'object' : 'objects'}.`
                : `${formatCount(validation.issues.length)}${validation.issuesTruncated ? '+' : ''} ${validation.issues.length === 1 ? 'problem' : 'problems'} in ${formatCount(validation.objects)} objects.`}
            </strong>
            <IssuesTable issues={validation.issues} truncated={validation.issuesTruncated} testId="intel-validation-issues" />
          </div>
        </div>
      )}
      {report === null ? null : <ImportReportView report={report} />}
    </form>
  );
}
